/**
 * The staff form of a year's soundness components, read into `SoundnessComponents`. A field's
 * name is its path in the components (`futureBurden.localBondBalance`, `accounts.2.deficit`,
 * `debtService.0.principalAndInterest`), so an error names the field it is about. Amounts are
 * read as staff type them (full-width digits, 1,234 separators); △ / ▲ as minus only where a
 * negative amount means something (実質赤字額 and an account's 実質収支, where it is a 黒字). A
 * group left blank is absent (its ratio is not computed); a group partly filled is an error.
 * Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, formText } from "../core/forms.ts";
import type { Checked } from "../core/outcome.ts";
import { readNumber } from "../spreadsheets/index.ts";
import {
  DEBT_SERVICE_ITEMS,
  FUTURE_BURDEN_ITEMS,
  OFFSET_ITEMS,
  SoundnessComponents,
} from "./components.ts";

/** Rows of 会計 shown on the form (blank rows are ignored). */
export const ACCOUNT_ROWS = 8;

export interface ComponentsForm {
  components: SoundnessComponents;
  sample: boolean;
  source: string;
  note: string | null;
}

/** A yen amount from a field (as staff type it): undefined when blank or wrong (error added). */
export function readAmount(
  form: FormBody,
  name: string,
  errors: ErrorDetail[],
  signed = false,
): number | undefined {
  const raw = formText(form[name]).trim();
  if (raw === "") return undefined;
  const read = readNumber(raw.replace(/円$/, ""));
  if (!read.ok) {
    errors.push({ location: name, message: read.problem });
    return undefined;
  }
  const v = read.value;
  if (v === null) return undefined;
  if (!Number.isSafeInteger(v)) {
    errors.push({ location: name, message: "円単位の整数で入力してください" });
    return undefined;
  }
  if (v < 0 && !signed) {
    errors.push({ location: name, message: "0以上で入力してください（マイナスは使えません）" });
    return undefined;
  }
  return v;
}

/** All fields of a group, or undefined when every one is blank; a blank among filled is an error. */
function group<K extends string>(
  form: FormBody,
  prefix: string,
  items: readonly (readonly [K, string])[],
  errors: ErrorDetail[],
): Record<K, number> | undefined {
  const names = items.map(([k]) => [k, `${prefix}.${k}`] as const);
  if (names.every(([, n]) => formText(form[n]).trim() === "")) return undefined;
  const out = {} as Record<K, number>;
  for (const [k, n] of names) {
    const v = readAmount(form, n, errors);
    if (v === undefined && formText(form[n]).trim() === "")
      errors.push({ location: n, message: "この欄も入力してください（0のときは0）" });
    out[k] = v ?? 0;
  }
  return out;
}

/** The components, sample flag, source and note of the form, or the errors per field. */
export function readComponentsForm(form: FormBody, fiscalYear: number): Checked<ComponentsForm> {
  const errors: ErrorDetail[] = [];
  const components: SoundnessComponents = {};
  const set = <K extends keyof SoundnessComponents>(k: K, v: SoundnessComponents[K]) => {
    if (v !== undefined) components[k] = v;
  };
  set("standardFiscalScale", readAmount(form, "standardFiscalScale", errors));
  set("includedDebtService", readAmount(form, "includedDebtService", errors));
  set("realDeficit", readAmount(form, "realDeficit", errors, true));

  const accounts: NonNullable<SoundnessComponents["accounts"]> = [];
  for (let i = 0; i < ACCOUNT_ROWS; i++) {
    const name = formText(form[`accounts.${i}.name`]).trim();
    const kind = formText(form[`accounts.${i}.kind`]);
    const deficitRaw = formText(form[`accounts.${i}.deficit`]).trim();
    if (name === "" && deficitRaw === "") continue;
    const deficit = readAmount(form, `accounts.${i}.deficit`, errors, true);
    if (name === "")
      errors.push({ location: `accounts.${i}.name`, message: "会計の名前を入力してください" });
    if (deficitRaw === "")
      errors.push({
        location: `accounts.${i}.deficit`,
        message: "実質収支（赤字はプラス、黒字は△）を入力してください",
      });
    if (kind !== "general" && kind !== "other_general" && kind !== "public_enterprise")
      errors.push({ location: `accounts.${i}.kind`, message: "会計の区分を選んでください" });
    else accounts.push({ name, kind, deficit: deficit ?? 0 });
  }
  if (accounts.length) components.accounts = accounts;

  const years = [0, 1, 2].map((j) => group(form, `debtService.${j}`, DEBT_SERVICE_ITEMS, errors));
  if (years.some((y) => y !== undefined)) {
    years.forEach((y, j) => {
      if (y === undefined)
        errors.push({
          location: `debtService.${j}.principalAndInterest`,
          message: "実質公債費比率には3か年度分すべてが必要です",
        });
    });
    if (years.every((y) => y !== undefined))
      components.debtService = years.map((y, j) => ({ fiscalYear: fiscalYear - 2 + j, ...y! }));
  }
  set("futureBurden", group(form, "futureBurden", FUTURE_BURDEN_ITEMS, errors));
  set("offsets", group(form, "offsets", OFFSET_ITEMS, errors));

  const source = formText(form.source).trim();
  if (source === "") errors.push({ location: "source", message: "出典を入力してください" });
  if (errors.length) return { ok: false, details: errors };
  const checked = SoundnessComponents.safeParse(components);
  if (!checked.success)
    return {
      ok: false,
      details: checked.error.issues.map((i) => ({
        location: i.path.join("."),
        message: i.message,
      })),
    };
  const note = formText(form.note).trim();
  return {
    ok: true,
    value: {
      components: checked.data,
      sample: formText(form.sample) === "on",
      source,
      note: note === "" ? null : note,
    },
  };
}

/** The form's field values for stored components (amounts as plain digits). */
export function componentsFields(c: SoundnessComponents): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (name: string, v: number | undefined) => {
    if (v !== undefined) out[name] = String(v);
  };
  put("standardFiscalScale", c.standardFiscalScale);
  put("includedDebtService", c.includedDebtService);
  put("realDeficit", c.realDeficit);
  c.accounts?.forEach((a, i) => {
    out[`accounts.${i}.name`] = a.name;
    out[`accounts.${i}.kind`] = a.kind;
    put(`accounts.${i}.deficit`, a.deficit);
  });
  c.debtService?.forEach((y, j) => {
    for (const [k] of DEBT_SERVICE_ITEMS) put(`debtService.${j}.${k}`, y[k]);
  });
  for (const [k] of FUTURE_BURDEN_ITEMS) put(`futureBurden.${k}`, c.futureBurden?.[k]);
  for (const [k] of OFFSET_ITEMS) put(`offsets.${k}`, c.offsets?.[k]);
  return out;
}

/** Every field of the form with its label, in form order (error links, the conflict page). */
export function componentFieldLabels(fiscalYear: number): [string, string][] {
  const labels: [string, string][] = [
    ["standardFiscalScale", "標準財政規模"],
    ["includedDebtService", "算入公債費等"],
    ["realDeficit", "実質赤字額"],
  ];
  for (let i = 0; i < ACCOUNT_ROWS; i++)
    labels.push(
      [`accounts.${i}.name`, `会計${i + 1}の名前`],
      [`accounts.${i}.kind`, `会計${i + 1}の区分`],
      [`accounts.${i}.deficit`, `会計${i + 1}の実質収支`],
    );
  for (let j = 0; j < 3; j++)
    for (const [k, label] of DEBT_SERVICE_ITEMS)
      labels.push([`debtService.${j}.${k}`, `${fiscalYearLabel(fiscalYear - 2 + j)} ${label}`]);
  for (const [k, label] of FUTURE_BURDEN_ITEMS) labels.push([`futureBurden.${k}`, label]);
  for (const [k, label] of OFFSET_ITEMS) labels.push([`offsets.${k}`, label]);
  labels.push(["sample", "サンプル"], ["source", "出典"], ["note", "備考"]);
  return labels;
}
