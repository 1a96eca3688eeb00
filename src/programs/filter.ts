/**
 * Filtering the program list — one definition for the page and the API. Pure: works on loaded
 * programs (queries.ts).
 */
import { z } from "@hono/zod-openapi";
import { DIRECTION_LABELS, DIRECTIONS, type Direction } from "../evaluations/index.ts";
import { directionOf, type ProgramView } from "./queries.ts";

/** An empty form field ("すべて") means no filter. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const q = (name: string, description: string) => ({
  param: { name, in: "query" as const },
  description,
});

const LABELS = Object.values(DIRECTION_LABELS) as [string, ...string[]];
const codeOfLabel = new Map(DIRECTIONS.map((d) => [DIRECTION_LABELS[d], d]));

export const ProgramFilter = z.object({
  measure: optional(z.string().max(64)).openapi(
    q(
      "measure",
      "計画の第2階層の項目のコード（階層の名前は計画ごとに違う。石岡市の計画では基本施策）",
    ),
  ),
  section: optional(z.string().max(64)).openapi(q("section", "担当課コード")),
  direction: optional(
    z
      .enum([...DIRECTIONS, ...LABELS] as [string, ...string[]])
      .transform((v): Direction => codeOfLabel.get(v) ?? (v as Direction)),
  ).openapi(
    q(
      "direction",
      `今後の方向性（公表された評価で確定したもの）: ${LABELS.join("・")}、または ${DIRECTIONS.join(", ")}`,
    ),
  ),
  fiscalYear: optional(z.coerce.number().int().min(1868).max(2200)).openapi(
    q("fiscalYear", "年度（西暦の開始年。例: 2024 = 令和6年度）。その年度の事業に絞り込みます"),
  ),
});
export type ProgramFilter = z.infer<typeof ProgramFilter>;

/** The fiscal year a list shows: the one asked for, else the latest with any program data. */
export const shownFiscalYear = (all: readonly ProgramView[], f: ProgramFilter) =>
  f.fiscalYear ?? programFiscalYears(all)[0];

/**
 * Programs that match every given condition: serving an initiative of the measure, of the
 * section, with a year of the fiscal year, with that direction in the shown fiscal year (see
 * shownFiscalYear). In code order.
 */
export function filterPrograms(all: readonly ProgramView[], f: ProgramFilter): ProgramView[] {
  const shown = shownFiscalYear(all, f);
  return all.filter((p) => {
    if (f.measure && !p.initiatives.some((i) => i.measure?.code === f.measure)) return false;
    if (f.section && p.section.code !== f.section) return false;
    if (f.fiscalYear !== undefined && !p.years.some((y) => y.fiscalYear === f.fiscalYear))
      return false;
    if (f.direction && (shown === undefined || directionOf(p, shown) !== f.direction)) return false;
    return true;
  });
}

/** Fiscal years with any program data, newest first. */
export const programFiscalYears = (all: readonly ProgramView[]): number[] =>
  [...new Set(all.flatMap((p) => p.years.map((y) => y.fiscalYear)))].sort((a, b) => b - a);
