/**
 * Editing an indicator's definition: name, definition, unit, baseline, target, flags and the
 * sections that report it. How the edit form is read and checked, and how a change is shown
 * before publishing. Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { compareFields, type FieldSpec, keepOrder, orDash, yesNo } from "../core/field-changes.ts";
import { fiscalYearLabel, parseFiscalYear, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, formList, formText, optionalText } from "../core/forms.ts";
import { NUMERIC_TARGET_FORMS, TargetForm, ValueKind, YearKind } from "../plan/index.ts";
import { parseValue } from "./entry.ts";
import { VALUE_KIND_LABELS, YEAR_KIND_LABELS } from "./labels.ts";

/** The target forms as a person reads them. */
export const TARGET_FORM_LABELS: Record<TargetForm, string> = {
  at_least: "目標値以上",
  at_most: "目標値以下",
  below: "目標値未満",
  above: "目標値超",
  increase: "基準値より増",
  decrease: "基準値より減",
  maintain: "基準値を維持",
  milestone: "文字の目標（達成か否か）",
  manage: "管理を継続",
  tbd: "調整中",
};

/** A 中間目標 as the edit form and the spreadsheet hold it. */
export interface InterimFields {
  fiscalYear: number;
  value: number | null;
  text: string;
  note?: string;
}

/** 中間目標, one per line: 「令和5年度, 25, 25件」 (year, number or empty, text as printed). */
export function formatInterim(interim: readonly InterimFields[]): string {
  return interim
    .map((p) => `${shortFiscalYearLabel(p.fiscalYear)}, ${p.value ?? ""}, ${p.text}`)
    .join("\n");
}

/** Reads formatInterim's lines back; each problem names the line. */
export function parseInterim(raw: string): { interim: InterimFields[] } | { problems: string[] } {
  const interim: InterimFields[] = [];
  const problems: string[] = [];
  const lines = raw.split(/\r?\n/).map((l) => l.trim());
  lines.forEach((line, i) => {
    if (line === "") return;
    const [yearText = "", valueText = "", ...rest] = line.split(/\s*[,，、\t]\s*/);
    const where = `中間目標の${i + 1}行目`;
    const year = parseFiscalYear(yearText);
    if (!year.ok) {
      problems.push(`${where}: ${year.message}（例: 令和5年度, 25, 25件）`);
      return;
    }
    const value = valueText === "" ? { value: null } : parseValue(valueText);
    if ("error" in value) {
      problems.push(`${where}: 数値 ${value.error}`);
      return;
    }
    const text = rest.join("、").trim() || (value.value === null ? "" : String(value.value));
    if (text === "") {
      problems.push(`${where}: 計画に印刷された表記を書いてください（例: 令和5年度, 25, 25件）`);
      return;
    }
    interim.push({ fiscalYear: year.fiscalYear, value: value.value, text });
  });
  if (problems.length) return { problems };
  return { interim: interim.sort((a, b) => a.fiscalYear - b.fiscalYear) };
}

export interface PointFields {
  value: number | null;
  fiscalYear: number | null;
  /** As the plan prints it: 「20 件」「12.58%未満」. */
  text: string;
  note: string | null;
}

export interface DefinitionFields {
  name: string;
  definition: string | null;
  unit: string;
  decimals: number | null;
  challenge: boolean;
  valueKind: ValueKind;
  yearKind: YearKind;
  baseline: PointFields;
  target: PointFields & { form: TargetForm; interim: InterimFields[] };
  /** Where the figures are printed, when not (only) the plan's source. */
  source: { document: string; page?: string; url?: string } | null;
  note: string | null;
  /** Sections that report the indicator (担当課) by code, in printed order. */
  sections: string[];
}

const number = (v: number | null) => (v === null ? "—" : String(v));
const year = (fy: number | null) => (fy === null ? "—" : fiscalYearLabel(fy));

/** Ishioka's words for the `challenge` flag (its reform plan's チャレンジする取組). */
export const CHALLENGE_LABEL = "チャレンジする取組の指標";

/**
 * The names of a definition's fields by key, as the edit form, the review and the audit log show
 * them; `by` is the person whose draft a publication carried. `challenge` is worded by the caller
 * where the plan words it otherwise (definitionFieldSpecs).
 */
export function definitionFieldLabels(challenge = CHALLENGE_LABEL) {
  return {
    name: "指標名",
    definition: "指標の定義・説明",
    unit: "単位",
    decimals: "表示する小数点以下の桁数",
    challenge,
    valueKind: "値の種類",
    yearKind: "年の数え方",
    baseline: "基準値",
    target: "目標",
    source: "出典",
    sections: "担当課",
    note: "注記",
    by: "下書きを作った人",
  } satisfies Record<keyof DefinitionFields | "by", string>;
}

/** The fields of a definition, named and shown as a person reads them. */
export function definitionFieldSpecs(
  names: ReadonlyMap<string, string>,
  challenge = CHALLENGE_LABEL,
): FieldSpec<DefinitionFields>[] {
  const label = definitionFieldLabels(challenge);
  return [
    [label.name, (f) => f.name],
    [label.definition, (f) => orDash(f.definition)],
    [label.unit, (f) => orDash(f.unit)],
    [label.decimals, (f) => (f.decimals === null ? "入力どおり" : String(f.decimals))],
    [label.challenge, (f) => yesNo(f.challenge)],
    [label.valueKind, (f) => VALUE_KIND_LABELS[f.valueKind ?? "annual"]],
    [label.yearKind, (f) => YEAR_KIND_LABELS[f.yearKind ?? "fiscal"]],
    ["基準値（表記）", (f) => f.baseline.text],
    ["基準値（数値）", (f) => number(f.baseline.value)],
    ["基準年度", (f) => year(f.baseline.fiscalYear)],
    ["基準値の注記", (f) => orDash(f.baseline.note)],
    ["目標の形式", (f) => TARGET_FORM_LABELS[f.target.form]],
    ["目標値（表記）", (f) => f.target.text],
    ["目標値（数値）", (f) => number(f.target.value)],
    ["目標年度", (f) => year(f.target.fiscalYear)],
    ["目標値の注記", (f) => orDash(f.target.note)],
    ["中間目標", (f) => orDash(formatInterim(f.target.interim ?? []) || null)],
    [
      label.source,
      (f) =>
        f.source ? [f.source.document, f.source.page, f.source.url].filter(Boolean).join(" ") : "—",
    ],
    [label.sections, (f) => f.sections.map((s) => names.get(s) ?? s).join("、") || "—"],
    [label.note, (f) => orDash(f.note)],
  ];
}

export const definitionChanges = (
  before: DefinitionFields,
  after: DefinitionFields,
  names: ReadonlyMap<string, string>,
  challenge = CHALLENGE_LABEL,
) => compareFields(definitionFieldSpecs(names, challenge), before, after);

/** The edit form's fields, in order (for the error summary's links). */
export const DEFINITION_FIELDS = [
  "name",
  "definition",
  "unit",
  "decimals",
  "baselineText",
  "baselineValue",
  "baselineFiscalYear",
  "baselineNote",
  "targetForm",
  "targetText",
  "targetValue",
  "targetFiscalYear",
  "targetNote",
  "targetInterim",
  "valueKind",
  "yearKind",
  "sourceDocument",
  "sourcePage",
  "sourceUrl",
  "sections",
  "note",
] as const;

export const NAME_MAX = 200;
export const TEXT_MAX = 2000;

/**
 * The checks of a definition's fields that do not depend on how they were typed: required and
 * length limits, the target's form and value agreeing (a numeric form needs a value, the others
 * take none), the target year not before the baseline year, known sections. Errors name the
 * field as the edit form does (`targetValue`); the fields in `unreadable` could not be read, so
 * the checks that involve them are left out. Used by the edit form and the spreadsheet import.
 */
export function checkDefinition(
  f: DefinitionFields,
  knownSections: readonly string[],
  unreadable: ReadonlySet<string> = new Set(),
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const required = (field: string, label: string, v: string, max: number) => {
    if (v.trim() === "") errors.push({ location: field, message: `${label}を入力してください` });
    else if (v.length > max)
      errors.push({ location: field, message: `${label}は${max}文字以内にしてください` });
  };
  const optional = (field: string, label: string, v: string | null) => {
    if (v && v.length > TEXT_MAX)
      errors.push({ location: field, message: `${label}は${TEXT_MAX}文字以内にしてください` });
  };
  required("name", "指標名", f.name, NAME_MAX);
  optional("definition", "指標の定義・説明", f.definition);
  if (f.unit.length > 20)
    errors.push({ location: "unit", message: "単位は20文字以内にしてください" });
  required("baselineText", "基準値（表記）", f.baseline.text, NAME_MAX);
  optional("baselineNote", "基準値の注記", f.baseline.note);
  required("targetText", "目標値（表記）", f.target.text, NAME_MAX);
  optional("targetNote", "目標値の注記", f.target.note);
  if (!unreadable.has("targetForm") && !unreadable.has("targetValue")) {
    const label = TARGET_FORM_LABELS[f.target.form];
    const numericForm = NUMERIC_TARGET_FORMS.includes(f.target.form);
    if (numericForm && f.target.value === null)
      errors.push({
        location: "targetValue",
        message: `目標の形式「${label}」には目標値（数値）が必要です`,
      });
    if (!numericForm && f.target.value !== null)
      errors.push({
        location: "targetValue",
        message: `目標の形式「${label}」では目標値（数値）を空にしてください`,
      });
  }
  if (
    f.baseline.fiscalYear !== null &&
    f.target.fiscalYear !== null &&
    f.target.fiscalYear < f.baseline.fiscalYear
  )
    errors.push({
      location: "targetFiscalYear",
      message: `目標年度（${fiscalYearLabel(f.target.fiscalYear)}）が基準年度（${fiscalYearLabel(f.baseline.fiscalYear)}）より前です`,
    });
  const interim = f.target.interim ?? [];
  const years = new Set<number>();
  for (const p of interim) {
    const { fiscalYear: from } = f.baseline;
    const to = f.target.fiscalYear;
    if ((from !== null && p.fiscalYear <= from) || (to !== null && p.fiscalYear >= to))
      errors.push({
        location: "targetInterim",
        message: `中間目標の年度（${fiscalYearLabel(p.fiscalYear)}）は基準年度より後、目標年度より前にしてください`,
      });
    if (years.has(p.fiscalYear))
      errors.push({
        location: "targetInterim",
        message: `中間目標の年度（${fiscalYearLabel(p.fiscalYear)}）が重複しています`,
      });
    years.add(p.fiscalYear);
    if (NUMERIC_TARGET_FORMS.includes(f.target.form) && p.value === null)
      errors.push({
        location: "targetInterim",
        message: `数値目標の中間目標（${fiscalYearLabel(p.fiscalYear)}）には数値が必要です`,
      });
  }
  if (f.source) {
    if (f.source.document.trim() === "" && (f.source.page || f.source.url))
      errors.push({ location: "sourceDocument", message: "出典の資料名を入力してください" });
    if (f.source.url && !/^https?:\/\/\S+$/.test(f.source.url))
      errors.push({
        location: "sourceUrl",
        message: "出典のURLは http:// か https:// で始まる形で入力してください",
      });
  }
  const unknown = f.sections.filter((s) => !knownSections.includes(s));
  if (unknown.length)
    errors.push({ location: "sections", message: `不明な担当課です: ${unknown.join("、")}` });
  optional("note", "注記", f.note);
  return errors;
}

/** Orders errors as the form's fields are ordered (stable within a field). */
const inFieldOrder = (errors: ErrorDetail[]) => {
  const at = (e: ErrorDetail) => DEFINITION_FIELDS.indexOf(e.location as never);
  return errors
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => at(a) - at(b) || i - j)
    .map(([e]) => e);
};

/**
 * Reads the definition form against the published definition and the municipality's sections.
 * Errors name the field (`target.value`) and say what to fix; the target's form and value must
 * agree (a numeric form needs a value, the others take none). The form's own reading (numbers,
 * years, the form's choice) is checked here, the rest by checkDefinition.
 */
export function readDefinitionForm(
  form: FormBody,
  published: DefinitionFields,
  knownSections: readonly string[],
): { fields: DefinitionFields } | { errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const text = (field: string) => formText(form[field]).trim();
  const optional = (field: string) => optionalText(formText(form[field]));
  const numeric = (field: string, label: string) => {
    const parsed = parseValue(formText(form[field]));
    if ("error" in parsed) {
      errors.push({ location: field, message: `${label}: ${parsed.error}` });
      return null;
    }
    return parsed.value;
  };
  const fiscalYear = (field: string, label: string) => {
    const raw = formText(form[field]).trim();
    if (raw === "") return null;
    const parsed = parseFiscalYear(raw);
    if (!parsed.ok) {
      errors.push({ location: field, message: `${label}: ${parsed.message}` });
      return null;
    }
    return parsed.fiscalYear;
  };

  const decimalsRaw = formText(form.decimals).trim();
  let decimals: number | null = null;
  if (decimalsRaw !== "") {
    decimals = Number(decimalsRaw.normalize("NFKC"));
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
      errors.push({ location: "decimals", message: "小数点以下の桁数は0から6の整数です" });
      decimals = null;
    }
  }
  const interimRead = parseInterim(formText(form.targetInterim));
  if ("problems" in interimRead)
    for (const message of interimRead.problems) errors.push({ location: "targetInterim", message });
  const valueKind = ValueKind.safeParse(formText(form.valueKind) || "annual");
  if (!valueKind.success)
    errors.push({ location: "valueKind", message: "値の種類を選んでください" });
  const yearKind = YearKind.safeParse(formText(form.yearKind) || "fiscal");
  if (!yearKind.success)
    errors.push({ location: "yearKind", message: "年の数え方を選んでください" });
  const sourceDocument = optional("sourceDocument");
  const sourcePage = optional("sourcePage");
  const sourceUrl = optional("sourceUrl");
  const baseline: PointFields = {
    text: text("baselineText"),
    value: numeric("baselineValue", "基準値（数値）"),
    fiscalYear: fiscalYear("baselineFiscalYear", "基準年度"),
    note: optional("baselineNote"),
  };
  const formParsed = TargetForm.safeParse(formText(form.targetForm));
  if (!formParsed.success)
    errors.push({ location: "targetForm", message: "目標の形式を選んでください" });
  const target = {
    form: formParsed.success ? formParsed.data : published.target.form,
    text: text("targetText"),
    value: numeric("targetValue", "目標値（数値）"),
    fiscalYear: fiscalYear("targetFiscalYear", "目標年度"),
    note: optional("targetNote"),
    interim: "interim" in interimRead ? interimRead.interim : published.target.interim,
  };
  const sections = [...new Set(formList(form.sections))];
  const fields: DefinitionFields = {
    name: text("name"),
    definition: optional("definition"),
    unit: text("unit"),
    decimals,
    challenge: formText(form.challenge) === "on",
    valueKind: valueKind.success ? valueKind.data : published.valueKind,
    yearKind: yearKind.success ? yearKind.data : published.yearKind,
    baseline,
    target,
    source:
      sourceDocument || sourcePage || sourceUrl
        ? {
            document: sourceDocument ?? "",
            ...(sourcePage ? { page: sourcePage } : {}),
            ...(sourceUrl ? { url: sourceUrl } : {}),
          }
        : null,
    note: optional("note"),
    sections: keepOrder(published.sections, sections),
  };
  const unreadable = new Set(errors.map((e) => e.location));
  errors.push(...checkDefinition(fields, knownSections, unreadable));
  if (errors.length) return { errors: inFieldOrder(errors) };
  return { fields };
}
