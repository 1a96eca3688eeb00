/**
 * A program year's costs as staff enter them — on the form, through the API and in the
 * spreadsheet — read into the cost rules' shape and checked with cost.ts, every problem under
 * the form's field name (initialBudget, funding.national, staff.regular, facilities…). Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { linesOf } from "../core/field-changes.ts";
import { type FormBody, formText } from "../core/forms.ts";
import type { Checked } from "../core/outcome.ts";
import {
  type CostSettings,
  checkProgramYear,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  type Funding,
  STAFF_KINDS,
  STAFF_LABELS,
  type StaffEffort,
  type Yen,
} from "./cost.ts";

/** What is saved for one program year (besides its fiscal year and version). */
export interface YearCosts {
  leadingProject: boolean;
  initialBudget: Yen;
  finalBudget: Yen;
  settlement: Yen | null;
  funding: Funding;
  staff: StaffEffort;
  facilities: string[];
}

export const EMPTY_COSTS: YearCosts = {
  leadingProject: false,
  initialBudget: 0,
  finalBudget: 0,
  settlement: null,
  funding: { national: 0, prefectural: 0, bonds: 0, otherSpecific: 0, general: 0 },
  staff: { regular: 0, partTime: 0 },
  facilities: [],
};

export const AMOUNT_LABELS = {
  initialBudget: "当初予算額",
  finalBudget: "最終予算額",
  settlement: "決算額",
} as const;

export const MAX_FACILITIES = 50;
const MAX_FACILITY_LENGTH = 200;

/** The form's field names, also the locations of its errors. */
export const COST_FIELDS = [
  "initialBudget",
  "finalBudget",
  "settlement",
  ...FUNDING_SOURCES.map((s) => `funding.${s}`),
  "funding",
  ...STAFF_KINDS.map((k) => `staff.${k}`),
  "facilities",
];

/**
 * Everything wrong with the costs of a year: cost.ts's rules (amounts, FTE with at most two
 * decimals, a closed year's settlement, funding adding up to the program cost) and the
 * facilities. A missing unit personnel cost is not the entry's fault and is left out (the page
 * shows that the staff cost cannot be computed yet).
 */
export function checkYearCosts(
  fiscalYear: number,
  costs: YearCosts,
  settings: CostSettings,
): ErrorDetail[] {
  const issues = checkProgramYear({ fiscalYear, ...costs }, settings, "y")
    .filter((i) => !i.location.startsWith("settings."))
    .map((i) => ({ ...i, location: i.location.replace(/^y\./, "") }));
  const seen = new Set<string>();
  for (const f of costs.facilities) {
    const problem =
      f.trim() === ""
        ? "施設名が空です"
        : f.length > MAX_FACILITY_LENGTH
          ? `施設名は${MAX_FACILITY_LENGTH}文字以内で入力してください（${f.slice(0, 20)}…）`
          : seen.has(f)
            ? `施設「${f}」が重複しています`
            : null;
    seen.add(f);
    if (problem) issues.push({ location: "facilities", message: problem });
  }
  if (costs.facilities.length > MAX_FACILITIES)
    issues.push({
      location: "facilities",
      message: `施設は${MAX_FACILITIES}件までです（${costs.facilities.length}件）`,
    });
  return issues;
}

/** 「1,234,000」「１２３４」「1234円」 → 1234000; blank → null; anything else → NaN. */
export function readAmount(text: string): number | null {
  const t = text.normalize("NFKC").replace(/[\s,]/g, "").replace(/円$/, "");
  if (t === "") return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** 「0.25」「０．５」 → the number; blank → 0; anything else → NaN. */
export function readFte(text: string): number {
  const t = text
    .normalize("NFKC")
    .replace(/\s/g, "")
    .replace(/人工?$/, "");
  if (t === "") return 0;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The costs a submitted form asks for, or the fields it could not read. Budgets are required;
 * a blank settlement is 「未入力」; a blank funding source or FTE is 0.
 */
export function readCostsForm(form: FormBody): Checked<YearCosts> {
  const errors: ErrorDetail[] = [];
  const amount = (name: string, label: string, required: boolean): number | null => {
    const value = readAmount(formText(form[name]));
    if (value === null && required)
      errors.push({ location: name, message: `${label}を入力してください` });
    else if (Number.isNaN(value) || (value !== null && !Number.isSafeInteger(value)))
      errors.push({
        location: name,
        message: `${label}は0以上の整数（円）で入力してください（「${formText(form[name])}」）`,
      });
    return value;
  };
  const initialBudget = amount("initialBudget", AMOUNT_LABELS.initialBudget, true);
  const finalBudget = amount("finalBudget", AMOUNT_LABELS.finalBudget, true);
  const settlement = amount("settlement", AMOUNT_LABELS.settlement, false);
  const funding = {} as Funding;
  for (const s of FUNDING_SOURCES)
    funding[s] = amount(`funding.${s}`, FUNDING_LABELS[s], false) ?? 0;
  const staff = {} as StaffEffort;
  for (const k of STAFF_KINDS) {
    const name = `staff.${k}`;
    staff[k] = readFte(formText(form[name]));
    if (Number.isNaN(staff[k]))
      errors.push({
        location: name,
        message: `${STAFF_LABELS[k]}の従事職員数は0以上、小数第2位までの数で入力してください（「${formText(form[name])}」）`,
      });
  }
  if (errors.length) return { ok: false, details: errors };
  return {
    ok: true,
    value: {
      leadingProject: formText(form.leadingProject) === "on",
      initialBudget: initialBudget!,
      finalBudget: finalBudget!,
      settlement,
      funding,
      staff,
      facilities: linesOf(formText(form.facilities)),
    },
  };
}
