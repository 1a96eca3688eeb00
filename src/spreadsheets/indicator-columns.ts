/**
 * The columns of the dataset 指標の定義 (indicators.ts): how each field of an indicator's
 * definition is shown in a cell and read back into the fields, and which field of the edit
 * form (checkDefinition's error locations) it is.
 */
import { sameFields } from "../core/field-changes.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import {
  type DefinitionFields,
  formatInterim,
  parseInterim,
  TARGET_FORM_LABELS,
  VALUE_KIND_ENTRY,
  VALUE_KIND_LABELS,
  YEAR_KIND_LABELS,
} from "../indicators/index.ts";
import type { TargetForm, ValueKind, YearKind } from "../plan/index.ts";
import type { CellValue, ColumnSpec } from "./dataset.ts";

/** The sections of the municipality, to read 『担当課』 by name or code. */
export interface SectionList {
  sections: { code: string; name: string }[];
}

const year = (fy: number | null) => (fy === null ? null : shortFiscalYearLabel(fy));

const FORM_BY_LABEL = new Map(
  Object.entries(TARGET_FORM_LABELS).map(([form, label]) => [label, form as TargetForm]),
);

/** A column whose cell is one of a few labels (値の種類, 年の数え方). */
function choice<K extends string>(
  key: string,
  header: string,
  labels: Record<K, string>,
  get: (f: DefinitionFields) => K,
  set: (f: DefinitionFields, v: K) => DefinitionFields,
): Field {
  const byLabel = new Map(Object.entries(labels).map(([k, label]) => [label as string, k as K]));
  return {
    spec: {
      key,
      header,
      kind: { type: "enum", values: Object.values(labels) as string[] },
      editable: true,
      width: 22,
    },
    show: (f) => labels[get(f)],
    read: (f, v) => {
      const picked =
        typeof v === "string"
          ? (byLabel.get(v) ?? (v in labels ? (v as K) : undefined))
          : undefined;
      if (!picked)
        return {
          problem: `${header}は「${Object.values(labels).join("」「")}」のどれかにしてください`,
        };
      return { fields: picked === get(f) ? f : set(f, picked) };
    },
  };
}

/**
 * The editable columns: how each is shown in a cell, read back into the fields, and which
 * field of the edit form (checkDefinition's error locations) it is.
 */
export interface Field {
  spec: ColumnSpec;
  show(f: DefinitionFields, names: ReadonlyMap<string, string>): CellValue;
  /** The fields with this column's value from the file, or a problem in Japanese. */
  read(
    f: DefinitionFields,
    v: CellValue,
    s: SectionList,
  ): { fields: DefinitionFields } | { problem: string };
  /** Numbers carry the indicator's unit in the preview. */
  number?: boolean;
}

const text = (
  key: string,
  header: string,
  width: number,
  get: (f: DefinitionFields) => string | null,
  set: (f: DefinitionFields, v: string | null) => DefinitionFields,
): Field => ({
  spec: { key, header, kind: { type: "text" }, editable: true, width },
  show: (f) => get(f),
  read: (f, v) => {
    const after = typeof v === "string" ? v : v === null ? null : String(v);
    // Spaces around and line endings are not a change (a cell read back is trimmed).
    return { fields: sameText(get(f), after) ? f : set(f, after) };
  },
});

const number = (
  key: string,
  header: string,
  get: (f: DefinitionFields) => number | null,
  set: (f: DefinitionFields, v: number | null) => DefinitionFields,
): Field => ({
  spec: { key, header, kind: { type: "number" }, editable: true, width: 12 },
  show: (f) => get(f),
  read: (f, v) => ({ fields: v === get(f) ? f : set(f, v as number | null) }),
  number: true,
});

const fiscalYear = (
  key: string,
  header: string,
  get: (f: DefinitionFields) => number | null,
  set: (f: DefinitionFields, v: number | null) => DefinitionFields,
): Field => ({
  spec: { key, header, kind: { type: "fiscal-year" }, editable: true, width: 12 },
  show: (f) => year(get(f)),
  read: (f, v) => ({ fields: v === get(f) ? f : set(f, v as number | null) }),
});

/**
 * One part of the indicator's own 出典 (資料名, ページ, URL): the three columns together make the
 * source, none of them filled makes none (the plan's source applies).
 */
function sourcePart(
  key: string,
  header: string,
  width: number,
  part: "document" | "page" | "url",
): Field {
  return text(
    key,
    header,
    width,
    (f) => f.source?.[part] ?? null,
    (f, v) => {
      const after = norm(v);
      const source: NonNullable<DefinitionFields["source"]> = { document: "", ...f.source };
      if (part === "document") source.document = after ?? "";
      else if (after === null) delete source[part];
      else source[part] = after;
      const empty = source.document === "" && !source.page && !source.url;
      return { ...f, source: empty ? null : source };
    },
  );
}

const norm = (v: string | null) => {
  const t = (v ?? "").replace(/\r\n?/g, "\n").trim();
  return t === "" ? null : t;
};
const sameText = (a: string | null, b: string | null) => norm(a) === norm(b);

const nameKey = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

/** 「行革推進課、政策企画課」 → the sections' codes (by name, or by code). */
function readSections(v: CellValue, s: SectionList): { codes: string[] } | { problem: string } {
  const parts = String(v ?? "")
    .split(/[、,，\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    const found =
      s.sections.find((x) => nameKey(x.name) === nameKey(p)) ??
      s.sections.find((x) => x.code === p);
    if (!found) unknown.push(p);
    else if (!codes.includes(found.code)) codes.push(found.code);
  }
  if (unknown.length)
    return {
      problem: `不明な担当課です: ${unknown.join("、")}（課の名前を「、」で区切って入力してください。課の一覧は「コード一覧」シートにあります）`,
    };
  return { codes };
}

export const FIELDS: Field[] = [
  text(
    "name",
    "指標名",
    40,
    (f) => f.name,
    (f, v) => ({ ...f, name: v ?? "" }),
  ),
  text(
    "unit",
    "単位",
    8,
    (f) => f.unit,
    (f, v) => ({ ...f, unit: v ?? "" }),
  ),
  text(
    "definition",
    "指標の定義・説明",
    48,
    (f) => f.definition,
    (f, v) => ({ ...f, definition: v }),
  ),
  text(
    "baselineText",
    "基準値（表記）",
    16,
    (f) => f.baseline.text,
    (f, v) => ({ ...f, baseline: { ...f.baseline, text: v ?? "" } }),
  ),
  number(
    "baselineValue",
    "基準値",
    (f) => f.baseline.value,
    (f, v) => ({ ...f, baseline: { ...f.baseline, value: v } }),
  ),
  fiscalYear(
    "baselineFiscalYear",
    "基準年度",
    (f) => f.baseline.fiscalYear,
    (f, v) => ({ ...f, baseline: { ...f.baseline, fiscalYear: v } }),
  ),
  {
    spec: {
      key: "targetForm",
      header: "目標の形式",
      kind: { type: "enum", values: Object.values(TARGET_FORM_LABELS) },
      editable: true,
      width: 14,
    },
    show: (f) => TARGET_FORM_LABELS[f.target.form],
    read: (f, v) => {
      const form = typeof v === "string" ? FORM_BY_LABEL.get(v) : undefined;
      if (!form) return { problem: "目標の形式を選んでください" };
      return { fields: form === f.target.form ? f : { ...f, target: { ...f.target, form } } };
    },
  },
  text(
    "targetText",
    "目標値（表記）",
    16,
    (f) => f.target.text,
    (f, v) => ({ ...f, target: { ...f.target, text: v ?? "" } }),
  ),
  number(
    "targetValue",
    "目標値",
    (f) => f.target.value,
    (f, v) => ({ ...f, target: { ...f.target, value: v } }),
  ),
  fiscalYear(
    "targetFiscalYear",
    "目標年度",
    (f) => f.target.fiscalYear,
    (f, v) => ({ ...f, target: { ...f.target, fiscalYear: v } }),
  ),
  {
    spec: {
      key: "targetInterim",
      header: "中間目標（1行に「年度, 数値, 表記」）",
      kind: { type: "text" },
      editable: true,
      width: 28,
    },
    show: (f) => formatInterim(f.target.interim) || null,
    read: (f, v) => {
      const raw = typeof v === "string" ? v : v === null ? "" : String(v);
      const read = parseInterim(raw);
      if ("problems" in read) return { problem: read.problems.join("。") };
      const same = formatInterim(read.interim) === formatInterim(f.target.interim);
      return { fields: same ? f : { ...f, target: { ...f.target, interim: read.interim } } };
    },
  },
  choice<ValueKind>(
    "valueKind",
    `値の種類（${Object.entries(VALUE_KIND_ENTRY)
      .map(([k, entry]) => `${VALUE_KIND_LABELS[k as ValueKind]}＝${entry}`)
      .join("／")}）`,
    VALUE_KIND_LABELS,
    (f) => f.valueKind,
    (f, valueKind) => ({ ...f, valueKind }),
  ),
  choice<YearKind>(
    "yearKind",
    "年の数え方",
    YEAR_KIND_LABELS,
    (f) => f.yearKind,
    (f, yearKind) => ({ ...f, yearKind }),
  ),
  sourcePart("sourceDocument", "出典（資料名）", 24, "document"),
  sourcePart("sourcePage", "出典（ページ）", 10, "page"),
  sourcePart("sourceUrl", "出典（URL）", 28, "url"),
  {
    spec: { key: "sections", header: "担当課", kind: { type: "text" }, editable: true, width: 24 },
    show: (f, names) => f.sections.map((c) => names.get(c) ?? c).join("、") || null,
    read: (f, v, s) => {
      const read = readSections(v, s);
      if ("problem" in read) return read;
      return { fields: sameFields(read.codes, f.sections) ? f : { ...f, sections: read.codes } };
    },
  },
  text(
    "note",
    "注記",
    32,
    (f) => f.note,
    (f, v) => ({ ...f, note: v }),
  ),
];

const READ_ONLY: ColumnSpec[] = [
  { key: "code", header: "指標コード", kind: { type: "text" }, editable: false, width: 14 },
  { key: "kind", header: "種類", kind: { type: "text" }, editable: false, width: 10 },
];

/** In the order of the sheet: code, name, kind, then the rest. */
export const COLUMNS: ColumnSpec[] = [
  READ_ONLY[0]!,
  FIELDS[0]!.spec,
  READ_ONLY[1]!,
  ...FIELDS.slice(1).map((f) => f.spec),
];

export const headerOf = (key: string) => COLUMNS.find((c) => c.key === key)?.header ?? null;
