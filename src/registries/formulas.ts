/**
 * Each registry's indicator formula: the yearly value computed from the records, with the
 * formula and its counts as the source shown beside it. Pure; dates are ISO strings
 * (YYYY-MM-DD), which compare in calendar order.
 */
import { fiscalYearLabel, fiscalYearRange } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { REGISTRIES, type RegistryKey } from "./definitions.ts";

export type FieldValue = string | number | null;

export interface RegistryItem {
  name: string;
  fields: Record<string, FieldValue>;
  /** The day it stopped (ended, closed, sold, withdrawn); null while in use. */
  retiredOn: string | null;
  sample: boolean;
}

export interface YearValue {
  fiscalYear: number;
  value: number | null;
  source: string;
}

const text = (item: RegistryItem, name: string) => {
  const v = item.fields[name];
  return typeof v === "string" && v !== "" ? v : null;
};
const num = (item: RegistryItem, name: string) => {
  const v = item.fields[name];
  return typeof v === "number" ? v : null;
};

/** In use on a day: started (when a start is known) and not retired by then. */
const inUseOn = (item: RegistryItem, day: string, start: string | null) =>
  (start === null || start <= day) && (item.retiredOn === null || item.retiredOn > day);

const within = (day: string | null, fy: number) => {
  const { start, end } = fiscalYearRange(fy);
  return day !== null && day >= start && day <= end;
};

/** Events of the year: records dated in it, not withdrawn. */
const dated = <T extends RegistryItem>(items: readonly T[], field: string, fy: number) =>
  items.filter((i) => i.retiredOn === null && within(text(i, field), fy));

const round1 = (x: number) => Math.round(x * 10) / 10;
const percent = (part: number, whole: number) => round1((part / whole) * 100);

/** 「令和6年度（2024）の年度末（2025年3月31日）」 */
const yearEndLabel = (fy: number) => `${fiscalYearLabel(fy)}の年度末（${fy + 1}年3月31日）`;

/** The records a registry's formula counts in a fiscal year (what the indicator links to). */
export function counted<T extends RegistryItem>(
  key: RegistryKey,
  items: readonly T[],
  fy: number,
): T[] {
  const { start, end } = fiscalYearRange(fy);
  switch (key) {
    case "agreements":
      return items.filter(
        (i) =>
          text(i, "signedOn") !== null &&
          inUseOn(i, end, text(i, "signedOn")) &&
          (text(i, "endsOn") === null || text(i, "endsOn")! >= end),
      );
    case "agreement-projects":
      return dated(items, "heldOn", fy);
    case "joint-bodies":
      return items.filter(
        (i) =>
          (text(i, "since") === null || text(i, "since")! <= end) &&
          (i.retiredOn === null || i.retiredOn >= start),
      );
    case "facilities":
      return items.filter((i) => inUseOn(i, end, text(i, "openedOn")));
    case "contracts":
      return dated(items, "orderedOn", fy).filter((i) => text(i, "construction") === "建設工事");
    case "online-procedures":
      return items.filter((i) => text(i, "since") !== null && inUseOn(i, end, text(i, "since")));
    case "standard-systems":
      return items.filter(
        (i) =>
          i.retiredOn === null &&
          text(i, "migration") === "移行済み" &&
          (text(i, "migratedOn") ?? "9999-12-31") <= end,
      );
    case "training-sessions":
      // The plan prints a running total (研修会の開催数(累計): 2回 in 令和2年度 counts the
      // sessions since they began), so every session held by the year's end counts.
      return items.filter((i) => text(i, "heldOn") !== null && text(i, "heldOn")! <= end);
    case "card-applications": {
      const last = dated(items, "referenceOn", fy)
        .sort((a, b) => (text(a, "referenceOn")! < text(b, "referenceOn")! ? -1 : 1))
        .at(-1);
      return last ? [last] : [];
    }
  }
}

function yearValue(
  key: RegistryKey,
  items: readonly RegistryItem[],
  fy: number,
): { value: number | null; counts: string } | undefined {
  const list = counted(key, items, fy);
  const n = list.length;
  switch (key) {
    case "agreements":
      return { value: n, counts: `${yearEndLabel(fy)}に有効な協定 ${n}件` };
    case "agreement-projects":
      return { value: n, counts: `${fiscalYearLabel(fy)}に実施した連携事業 ${n}事業` };
    case "joint-bodies":
      return { value: n, counts: `${fiscalYearLabel(fy)}に活動している取組 ${n}件` };
    case "contracts": {
      if (n === 0) return undefined;
      const early = list.filter((i) => text(i, "orderedOn")! <= `${fy}-06-30`);
      const amount = (l: RegistryItem[]) => l.reduce((sum, i) => sum + (num(i, "amount") ?? 0), 0);
      const total = amount(list);
      const byAmount = total > 0 ? `${percent(amount(early), total)}%` : "—";
      return {
        value: percent(early.length, n),
        counts: `4～6月に発注した建設工事 ${early.length}件 ÷ ${fiscalYearLabel(fy)}の建設工事 ${n}件（参考：金額では ${byAmount}）`,
      };
    }
    case "online-procedures":
      return { value: n, counts: `${yearEndLabel(fy)}に電子申請できる手続 ${n}事業` };
    case "standard-systems":
      return { value: n, counts: `${yearEndLabel(fy)}までに移行した業務 ${n}業務（対象20業務）` };
    case "training-sessions":
      return { value: n, counts: `${fiscalYearLabel(fy)}末までに開催した研修会 累計${n}回` };
    case "card-applications": {
      const last = list[0];
      const applications = last && num(last, "applications");
      const population = last && num(last, "population");
      if (!last || applications == null || !population) return undefined;
      return {
        value: percent(applications, population),
        counts: `${text(last, "referenceOn")}時点の申請 ${formatNumber(applications, 0)}件 ÷ 人口 ${formatNumber(population, 0)}人`,
      };
    }
    case "facilities":
      return undefined;
  }
}

/**
 * The indicator's value of each fiscal year in `years` (none for a year with nothing to divide
 * by). Its source names the registry, the formula and the counts, and says 「サンプル」 when the
 * records are samples.
 */
export function computeYears(
  key: RegistryKey,
  items: readonly RegistryItem[],
  years: readonly number[],
): YearValue[] {
  const def = REGISTRIES[key];
  const sample = items.some((i) => i.sample) ? "（サンプルのデータ）" : "";
  const out: YearValue[] = [];
  for (const fy of years) {
    const v = yearValue(key, items, fy);
    if (v)
      out.push({
        fiscalYear: fy,
        value: v.value,
        source: `${def.label}の台帳から自動計算${sample}：${v.counts}`,
      });
  }
  return out;
}

/** The days each record's formula reads: the years the registry has anything to say about. */
const DATE_FIELDS: Record<RegistryKey, string[]> = {
  agreements: ["signedOn"],
  "agreement-projects": ["heldOn"],
  "joint-bodies": ["since"],
  facilities: ["openedOn"],
  contracts: ["orderedOn"],
  "online-procedures": ["since"],
  "standard-systems": ["migratedOn"],
  "training-sessions": ["heldOn"],
  "card-applications": ["referenceOn"],
};

/**
 * The fiscal years to compute: from the year after the indicator's baseline (or the first year
 * a record is dated in, if later) to the current one. An empty registry gives none.
 */
export function yearsToCompute(
  key: RegistryKey,
  items: readonly RegistryItem[],
  baselineFiscalYear: number | null,
  currentFiscalYear: number,
): number[] {
  if (items.length === 0) return [];
  const days = items.flatMap((i) =>
    DATE_FIELDS[key].map((f) => text(i, f)).filter((d): d is string => d !== null),
  );
  const first = days.length ? Math.min(...days.map((d) => fiscalYearOfDay(d))) : currentFiscalYear;
  const from = Math.max(first, (baselineFiscalYear ?? first - 1) + 1);
  const years: number[] = [];
  for (let fy = from; fy <= currentFiscalYear; fy++) years.push(fy);
  return years;
}

/** The fiscal year of an ISO day (April to March). */
export function fiscalYearOfDay(day: string): number {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return m < 4 ? y - 1 : y;
}

/** Total floor area (㎡) of the facilities in use on 31 March of each fiscal year. */
export function floorAreaByYear(items: readonly RegistryItem[], years: readonly number[]) {
  return years.map((fy) => {
    const inUse = counted("facilities", items, fy);
    return {
      fiscalYear: fy,
      facilities: inUse.length,
      floorArea: inUse.reduce((sum, i) => sum + (num(i, "floorArea") ?? 0), 0),
    };
  });
}
