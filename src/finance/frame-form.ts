/**
 * The staff forms of the fiscal frame, read and written as field values. A field's name is its
 * path (`revenue.cityTax`, `funds.fiscalAdjustment.closing`, `revenueGrowth.cityTax`,
 * `plannedBorrowing.2026`), so an error names its field. Amounts as staff type them (never
 * negative); growth rates in percent (「1.2」 = 1.2%), stored as the decimal 0.012. Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { type FormBody, formText } from "../core/forms.ts";
import type { Checked } from "../core/outcome.ts";
import { readNumber } from "../spreadsheets/index.ts";
import { readAmount } from "./components-form.ts";
import {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  FUND_KINDS,
  FUND_LABELS,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
} from "./frame.ts";
import { FrameFileYear } from "./frame-file.ts";
import type { FrameScenarioRow, FrameYearRow } from "./frame-report.ts";
import {
  GROWN_EXPENDITURE_CATEGORIES,
  GROWN_REVENUE_CATEGORIES,
  type ScenarioAssumptions,
} from "./frame-scenario.ts";
import type { ScenarioInput, YearInput } from "./frame-store.ts";

const text = (form: FormBody, name: string) => formText(form[name]).trim();

/** Fields of a year's form with labels, in order. */
export function yearFieldLabels(): [string, string][] {
  return [
    ...REVENUE_CATEGORIES.map((c): [string, string] => [
      `revenue.${c}`,
      `歳入: ${REVENUE_LABELS[c]}`,
    ]),
    ["extraordinaryFiscalBonds", "歳入: うち臨時財政対策債"],
    ...EXPENDITURE_CATEGORIES.map((c): [string, string] => [
      `expenditure.${c}`,
      `歳出: ${EXPENDITURE_LABELS[c]}`,
    ]),
    ...FUND_KINDS.flatMap((f): [string, string][] => [
      [`funds.${f}.closing`, `${FUND_LABELS[f]}: 年度末現在高`],
      [`funds.${f}.deposits`, `${FUND_LABELS[f]}: 積立`],
      [`funds.${f}.drawdowns`, `${FUND_LABELS[f]}: 取崩し`],
    ]),
    ["population", "人口"],
    ["standardFiscalScale", "標準財政規模"],
    ["sample", "サンプル"],
    ["source", "出典"],
    ["note", "備考"],
  ];
}

export function yearFields(y: FrameYearRow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of REVENUE_CATEGORIES) out[`revenue.${c}`] = String(y.revenue[c]);
  out.extraordinaryFiscalBonds = String(y.extraordinaryFiscalBonds);
  for (const c of EXPENDITURE_CATEGORIES) out[`expenditure.${c}`] = String(y.expenditure[c]);
  for (const f of FUND_KINDS) {
    const fund = y.funds?.[f];
    for (const k of ["closing", "deposits", "drawdowns"] as const)
      if (fund?.[k] !== undefined) out[`funds.${f}.${k}`] = String(fund[k]);
  }
  if (y.population !== null) out.population = String(y.population);
  if (y.standardFiscalScale !== null) out.standardFiscalScale = String(y.standardFiscalScale);
  out.sample = y.sample ? "on" : "";
  out.source = y.source;
  out.note = y.note ?? "";
  return out;
}

export function readYearForm(
  form: FormBody,
  fiscalYear: number,
  kind: "settled" | "budget",
): Checked<YearInput> {
  const errors: ErrorDetail[] = [];
  const required = (name: string) => {
    const v = readAmount(form, name, errors);
    if (v === undefined && text(form, name) === "")
      errors.push({ location: name, message: "入力してください（ないときは0）" });
    return v ?? 0;
  };
  const revenue = Object.fromEntries(REVENUE_CATEGORIES.map((c) => [c, required(`revenue.${c}`)]));
  const expenditure = Object.fromEntries(
    EXPENDITURE_CATEGORIES.map((c) => [c, required(`expenditure.${c}`)]),
  );
  const funds: Record<string, Record<string, number>> = {};
  for (const f of FUND_KINDS) {
    const fund: Record<string, number> = {};
    for (const k of ["closing", "deposits", "drawdowns"]) {
      const v = readAmount(form, `funds.${f}.${k}`, errors);
      if (v !== undefined) fund[k] = v;
    }
    if (Object.keys(fund).length) {
      if (fund.closing === undefined)
        errors.push({ location: `funds.${f}.closing`, message: "年度末現在高を入力してください" });
      funds[f] = fund;
    }
  }
  const candidate = {
    fiscalYear,
    kind,
    sample: text(form, "sample") === "on",
    source: text(form, "source"),
    revenue,
    extraordinaryFiscalBonds: required("extraordinaryFiscalBonds"),
    expenditure,
    funds: Object.keys(funds).length ? funds : undefined,
    population: readAmount(form, "population", errors),
    standardFiscalScale: readAmount(form, "standardFiscalScale", errors),
    note: text(form, "note") || undefined,
  };
  if (candidate.source === "")
    errors.push({ location: "source", message: "出典を入力してください" });
  if (errors.length) return { ok: false, details: errors };
  const parsed = FrameFileYear.safeParse(candidate);
  if (!parsed.success)
    return {
      ok: false,
      details: parsed.error.issues.map((i) => ({ location: i.path.join("."), message: i.message })),
    };
  const { published: _p, ...value } = parsed.data;
  return { ok: true, value };
}

// Scenarios ----------------------------------------------------------------------------------

/** The by-year amounts a scenario form edits, per projected year. */
export const PLANNED = [
  ["plannedBorrowing", "地方債（臨財債を含む）の計画額"],
  ["plannedExtraordinaryFiscalBonds", "うち臨時財政対策債の計画額"],
  ["plannedDebtService", "公債費の計画額（償還予定額）"],
  ["standardFiscalScale", "標準財政規模"],
] as const;

/** A scenario's planned fund movements, per fund and year (`funds.plan.<year>.<fund>.<key>`). */
export const FUND_PLAN = FUND_KINDS.flatMap((f) => [
  [`${f}.deposit`, `${FUND_LABELS[f]}への積立`],
  [`${f}.drawdown`, `${FUND_LABELS[f]}の取崩し`],
]) as [string, string][];
export const fundPlanField = (row: string, fy: number | string) => `funds.plan.${fy}.${row}`;

/** What a projected 実質公債費比率 needs, per year (`soundnessInputs.<key>.<year>`). */
export const SOUNDNESS_INPUTS = [
  ["quasiPrincipalAndInterest", "準元利償還金"],
  ["specificRevenue", "特定財源"],
  ["includedDebtService", "算入公債費等"],
] as const;

const pct = (rate: number) => String(Number((rate * 100).toPrecision(12)));

function readPercent(form: FormBody, name: string, errors: ErrorDetail[]): number | undefined {
  const raw = text(form, name).replace(/[%％]$/, "");
  if (raw === "") {
    errors.push({ location: name, message: "率を入力してください（%、例: 1.2）" });
    return undefined;
  }
  const read = readNumber(raw);
  if (!read.ok || read.value === null) {
    errors.push({ location: name, message: read.ok ? "率を入力してください" : read.problem });
    return undefined;
  }
  return Number((read.value / 100).toPrecision(15));
}

export function scenarioFields(s: FrameScenarioRow, years: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  const a = s.assumptions;
  out.untilFiscalYear = String(s.untilFiscalYear);
  if (s.derivedFrom) {
    out["deltas.cityTaxGrowthDelta"] = pct(s.derivedFrom.deltas.cityTaxGrowthDelta);
    out["deltas.socialAssistanceGrowthDelta"] = pct(
      s.derivedFrom.deltas.socialAssistanceGrowthDelta,
    );
  } else {
    for (const c of GROWN_REVENUE_CATEGORIES) out[`revenueGrowth.${c}`] = pct(a.revenueGrowth[c]);
    for (const c of GROWN_EXPENDITURE_CATEGORIES)
      out[`expenditureGrowth.${c}`] = pct(a.expenditureGrowth[c]);
    for (const [key] of PLANNED)
      for (const fy of years) {
        const v = a[key]?.[fy];
        if (v !== undefined) out[`${key}.${fy}`] = String(v);
      }
    for (const fy of years) {
      for (const f of FUND_KINDS)
        for (const k of ["deposit", "drawdown"] as const) {
          const v = a.funds.plan?.[fy]?.[f]?.[k];
          if (v !== undefined) out[fundPlanField(`${f}.${k}`, fy)] = String(v);
        }
      for (const [key] of SOUNDNESS_INPUTS) {
        const v = a.soundnessInputs?.[key][fy];
        if (v !== undefined) out[`soundnessInputs.${key}.${fy}`] = String(v);
      }
    }
    if (a.population?.kind === "rate") {
      out["population.base"] = String(a.population.base);
      out["population.annualRate"] = pct(a.population.annualRate);
    }
  }
  out.sample = s.sample ? "on" : "";
  out.source = s.source;
  out.note = s.note ?? "";
  return out;
}

export function readScenarioForm(
  form: FormBody,
  current: FrameScenarioRow,
  years: number[],
): Checked<ScenarioInput> {
  const errors: ErrorDetail[] = [];
  const until = Number(text(form, "untilFiscalYear") || current.untilFiscalYear);
  if (!Number.isInteger(until) || until < 1990 || until > 2100)
    errors.push({
      location: "untilFiscalYear",
      message: "推計の最終年度を西暦4桁で入力してください",
    });
  const source = text(form, "source");
  if (source === "") errors.push({ location: "source", message: "出典を入力してください" });
  const meta = {
    untilFiscalYear: until,
    sample: text(form, "sample") === "on",
    source,
    note: text(form, "note") || null,
  };
  if (current.derivedFrom) {
    const deltas = {
      cityTaxGrowthDelta: readPercent(form, "deltas.cityTaxGrowthDelta", errors) ?? 0,
      socialAssistanceGrowthDelta:
        readPercent(form, "deltas.socialAssistanceGrowthDelta", errors) ?? 0,
    };
    if (deltas.cityTaxGrowthDelta > 0)
      errors.push({ location: "deltas.cityTaxGrowthDelta", message: "0以下で入力してください" });
    if (deltas.socialAssistanceGrowthDelta < 0)
      errors.push({
        location: "deltas.socialAssistanceGrowthDelta",
        message: "0以上で入力してください",
      });
    return errors.length
      ? { ok: false, details: errors }
      : { ok: true, value: { ...meta, deltas } };
  }
  const a: ScenarioAssumptions = structuredClone(current.assumptions);
  a.revenueGrowth = Object.fromEntries(
    GROWN_REVENUE_CATEGORIES.map((c) => [c, readPercent(form, `revenueGrowth.${c}`, errors) ?? 0]),
  ) as ScenarioAssumptions["revenueGrowth"];
  a.expenditureGrowth = Object.fromEntries(
    GROWN_EXPENDITURE_CATEGORIES.map((c) => [
      c,
      readPercent(form, `expenditureGrowth.${c}`, errors) ?? 0,
    ]),
  ) as ScenarioAssumptions["expenditureGrowth"];
  for (const [key] of PLANNED) {
    const map: Record<number, number> = {};
    // Years outside the shown ones keep their values.
    for (const [fy, v] of Object.entries(a[key] ?? {}))
      if (!years.includes(Number(fy))) map[Number(fy)] = v as number;
    for (const fy of years) {
      const v = readAmount(form, `${key}.${fy}`, errors);
      if (v !== undefined) map[fy] = v;
    }
    if (Object.keys(map).length) a[key] = map;
    else delete a[key];
  }
  // Fund movements and soundness inputs: the shown years come from the form, others are kept.
  const plan: Record<number, NonNullable<ScenarioAssumptions["funds"]["plan"]>[number]> = {};
  for (const [fy, movements] of Object.entries(a.funds.plan ?? {}))
    if (!years.includes(Number(fy))) plan[Number(fy)] = movements;
  for (const fy of years)
    for (const f of FUND_KINDS) {
      const movement: { deposit?: number; drawdown?: number } = {};
      for (const k of ["deposit", "drawdown"] as const) {
        const v = readAmount(form, fundPlanField(`${f}.${k}`, fy), errors);
        if (v !== undefined) movement[k] = v;
      }
      if (Object.keys(movement).length) plan[fy] = { ...plan[fy], [f]: movement };
    }
  if (Object.keys(plan).length) a.funds = { ...a.funds, plan };
  else delete a.funds.plan;
  const inputs = Object.fromEntries(
    SOUNDNESS_INPUTS.map(([key]) => {
      const map: Record<number, number> = {};
      for (const [fy, v] of Object.entries(a.soundnessInputs?.[key] ?? {}))
        if (!years.includes(Number(fy))) map[Number(fy)] = v;
      for (const fy of years) {
        const v = readAmount(form, `soundnessInputs.${key}.${fy}`, errors);
        if (v !== undefined) map[fy] = v;
      }
      return [key, map];
    }),
  ) as unknown as NonNullable<ScenarioAssumptions["soundnessInputs"]>;
  if (Object.values(inputs).some((m) => Object.keys(m).length)) a.soundnessInputs = inputs;
  else delete a.soundnessInputs;
  if (a.population?.kind === "rate") {
    const base = readAmount(form, "population.base", errors);
    const rate = readPercent(form, "population.annualRate", errors);
    if (base === undefined || base < 1)
      errors.push({ location: "population.base", message: "人口を1以上の整数で入力してください" });
    else if (rate !== undefined) a.population = { kind: "rate", base, annualRate: rate };
  }
  return errors.length
    ? { ok: false, details: errors }
    : { ok: true, value: { ...meta, assumptions: a } };
}

/** Fields of a scenario's form with labels, in order. */
export function scenarioFieldLabels(years: number[]): [string, string][] {
  return [
    ["untilFiscalYear", "推計の最終年度"],
    ["deltas.cityTaxGrowthDelta", "市税の伸び率の差（%）"],
    ["deltas.socialAssistanceGrowthDelta", "扶助費の伸び率の差（%）"],
    ...GROWN_REVENUE_CATEGORIES.map((c): [string, string] => [
      `revenueGrowth.${c}`,
      `${REVENUE_LABELS[c]}の伸び率（%）`,
    ]),
    ...GROWN_EXPENDITURE_CATEGORIES.map((c): [string, string] => [
      `expenditureGrowth.${c}`,
      `${EXPENDITURE_LABELS[c]}の伸び率（%）`,
    ]),
    ...PLANNED.flatMap(([key, label]) =>
      years.map((fy): [string, string] => [`${key}.${fy}`, `${fy}年度 ${label}`]),
    ),
    ...years.flatMap((fy) =>
      FUND_PLAN.map(([row, label]): [string, string] => [
        fundPlanField(row, fy),
        `${fy}年度 ${label}`,
      ]),
    ),
    ...SOUNDNESS_INPUTS.flatMap(([key, label]) =>
      years.map((fy): [string, string] => [`soundnessInputs.${key}.${fy}`, `${fy}年度 ${label}`]),
    ),
    ["population.base", "基準年度の人口"],
    ["population.annualRate", "人口の年率（%）"],
    ["sample", "サンプル"],
    ["source", "出典"],
    ["note", "備考"],
  ];
}
