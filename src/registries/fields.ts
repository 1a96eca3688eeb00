/**
 * Reading a registry record from what staff typed (a form or a spreadsheet row): each field by
 * its kind, with an error naming the field. Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { parseJapaneseDate } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import type { RegistryDef } from "./definitions.ts";
import type { FieldValue } from "./formulas.ts";

export interface RecordInput {
  name: string;
  fields: Record<string, FieldValue>;
  sample: boolean;
}

export const SAMPLE_WORD = "サンプル";
const MAX_TEXT = 2000;

/** A real calendar day as YYYY-MM-DD (「2016/3/1」「平成28年3月1日」 accepted), or null. */
export function readDay(text: string): string | null {
  const read = parseJapaneseDate(text);
  return read.ok ? read.date : null;
}

/** Checks a record typed as text (field name → text); `sample` is the form's checkbox. */
export function checkRecord(
  def: RegistryDef,
  typed: { name: string; fields: Record<string, string>; sample: boolean },
): Checked<RecordInput> {
  const details: ErrorDetail[] = [];
  const name = typed.name.trim();
  if (!name) details.push({ location: "name", message: `${def.nameLabel}を入力してください` });
  else if (name.length > 200)
    details.push({ location: "name", message: `${def.nameLabel}は200字までです` });
  if (typed.sample && !name.includes(SAMPLE_WORD))
    details.push({
      location: "name",
      message: `サンプルの記録は${def.nameLabel}に「${SAMPLE_WORD}」を含めてください`,
    });
  else if (!typed.sample && name.includes(SAMPLE_WORD))
    details.push({
      location: "sample",
      message: `${def.nameLabel}に「${SAMPLE_WORD}」を含む記録は、「サンプル」の欄にチェックを入れてください（実際の記録の名称には使えません）`,
    });
  const fields: Record<string, FieldValue> = {};
  for (const f of def.fields) {
    const raw = (typed.fields[f.name] ?? "").trim();
    const where = { location: f.name };
    if (raw === "") {
      if (f.required) details.push({ ...where, message: `${f.label}を入力してください` });
      fields[f.name] = null;
      continue;
    }
    switch (f.kind) {
      case "text":
      case "longtext":
        if (raw.length > MAX_TEXT)
          details.push({ ...where, message: `${f.label}は${MAX_TEXT}字までです` });
        fields[f.name] = raw;
        break;
      case "date": {
        const day = readDay(raw);
        if (!day)
          details.push({
            ...where,
            message: `${f.label}「${raw}」は日付として読めません（例：2016-03-01）`,
          });
        fields[f.name] = day;
        break;
      }
      case "number": {
        const n = Number(raw.replace(/[,，]/g, ""));
        if (!Number.isFinite(n))
          details.push({ ...where, message: `${f.label}「${raw}」は数値として読めません` });
        else if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max))
          details.push({
            ...where,
            message: `${f.label}は${f.min ?? ""}～${f.max ?? ""}の範囲で入力してください`,
          });
        fields[f.name] = Number.isFinite(n) ? n : null;
        break;
      }
      case "choice":
        if (!f.options?.includes(raw))
          details.push({
            ...where,
            message: `${f.label}は「${f.options?.join("」「")}」のどれかを選んでください`,
          });
        fields[f.name] = raw;
        break;
    }
  }
  return details.length
    ? { ok: false, details }
    : { ok: true, value: { name, fields, sample: typed.sample } };
}

/**
 * Sample records and real ones are never mixed in one registry (as with the programs): the
 * refusal, or undefined when the record's kind matches the registry's records.
 */
export function mixRefusal(
  def: RegistryDef,
  sample: boolean,
  existing: { sample: number; real: number },
): ErrorDetail | undefined {
  if (sample && existing.real > 0)
    return {
      location: "sample",
      message: `${def.label}の台帳には実際の記録が ${existing.real} 件あります。サンプルの記録は混在させられません`,
    };
  if (!sample && existing.sample > 0)
    return {
      location: "sample",
      message: `${def.label}の台帳にはサンプル（デモ用）の記録が ${existing.sample} 件あります。実際の記録と混在させられないため、サンプルを退けてから（または団体のデータベースで）登録してください`,
    };
  return undefined;
}

/** A field's value as shown on pages (dates as typed, numbers with separators and unit). */
export function showField(value: FieldValue, unit?: string): string {
  if (value === null || value === "") return "—";
  if (typeof value === "number")
    return `${value.toLocaleString("ja-JP", { maximumFractionDigits: 6 })}${unit ?? ""}`;
  return value;
}
