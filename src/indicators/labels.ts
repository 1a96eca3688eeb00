/**
 * How an indicator's value kind, years and dated actuals are named to a person. Pure: used by
 * the public pages, the staff forms, the spreadsheets and the API descriptions alike.
 */
import {
  eraOfFiscalYear,
  fiscalYearLabel,
  formatJapaneseDay,
  shortFiscalYearLabel,
} from "../core/fiscal-year.ts";
import type { ValueKind, YearKind } from "../plan/index.ts";

export const VALUE_KIND_LABELS: Record<ValueKind, string> = {
  annual: "各年度の値",
  running_total: "累計（入力する値がその時点までの累計）",
  sum_of_annual: "各年度の量の合計（システムが足し上げる）",
};

/** What to enter for one year, by value kind: said on the entry form and the sheet's header. */
export const VALUE_KIND_ENTRY: Record<ValueKind, string> = {
  annual: "その年度の値を入力します",
  running_total: "その年度末までの累計を入力します（入力した値をそのまま目標と比べます）",
  sum_of_annual:
    "その年度の量だけを入力します（基準年度より後の各年度の量を基準値に足し上げて目標と比べます）",
};

export const YEAR_KIND_LABELS: Record<YearKind, string> = {
  fiscal: "年度（4月から翌年3月まで）",
  calendar: "暦年（1月から12月まで）",
};

const era = (year: number) => {
  const { era: name, year: n } = eraOfFiscalYear(year);
  return `${name}${n === 1 ? "元" : n}年`;
};

/** 「令和3年度（2021）」 or 「2021年（令和3年）」. */
export function yearLabel(year: number, kind: YearKind = "fiscal"): string {
  return kind === "calendar" ? `${year}年（${era(year)}）` : fiscalYearLabel(year);
}

/** 「令和3年度」 or 「2021年」. */
export function shortYearLabel(year: number, kind: YearKind = "fiscal"): string {
  return kind === "calendar" ? `${year}年` : shortFiscalYearLabel(year);
}

/** 2003-09-30 → 「平成15年9月30日」 (core/fiscal-year.ts formatJapaneseDay). */
export const japaneseDate = (iso: string) => formatJapaneseDay(iso);

/** What stands beside an actual's value: 「平成15年9月30日現在・見込」, or "". */
export function actualQualifier(a: { asOf: string | null; estimate: boolean }): string {
  return [a.asOf ? `${japaneseDate(a.asOf)}現在` : null, a.estimate ? "見込" : null]
    .filter(Boolean)
    .join("・");
}
