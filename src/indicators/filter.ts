/**
 * Filtering and sorting the registry — one definition for the page, the CSV and the API.
 * Pure: works on loaded records and the plan index.
 */
import { z } from "@hono/zod-openapi";
import type { NodeContext } from "../plan/index.ts";
import { IndicatorKind } from "../plan/index.ts";
import { STATUS_LABELS, type StatusCode } from "./achievement.ts";
import type { IndicatorRecord } from "./queries.ts";

const STATUS_CODES = Object.keys(STATUS_LABELS) as [StatusCode, ...StatusCode[]];
export const SORTS = ["code", "name", "status", "achievement", "measure"] as const;
export type Sort = (typeof SORTS)[number];

/** An empty form field ("すべて") means no filter. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const q = (name: string, description: string) => ({
  param: { name, in: "query" as const },
  description,
});

export const IndicatorFilter = z.object({
  plan: optional(z.string().max(64)).openapi(q("plan", "計画コード")),
  measure: optional(z.string().max(64)).openapi(
    q(
      "measure",
      "計画の第2階層の項目のコード（階層の名前は計画ごとに違う。石岡市の計画では基本施策）",
    ),
  ),
  kind: optional(IndicatorKind).openapi(q("kind", "指標の種類")),
  section: optional(z.string().max(64)).openapi(q("section", "担当課コード")),
  status: optional(z.enum(STATUS_CODES)).openapi(q("status", "評価の状況")),
  challenge: optional(
    z
      .enum(["true", "false", "1", "0", "on"])
      .transform((v) => v === "true" || v === "1" || v === "on"),
  ).openapi(q("challenge", "チャレンジ指標のみ (true)")),
  q: optional(z.string().max(100)).openapi(q("q", "名称・定義・コードの部分一致")),
  sort: optional(z.enum(SORTS)).openapi(q("sort", "並び順")),
});
export type IndicatorFilter = z.infer<typeof IndicatorFilter>;

const STATUS_ORDER: StatusCode[] = [
  "not_achieved",
  "behind",
  "on_track",
  "achieved",
  "not_assessable",
  "no_data",
];

export interface Located {
  record: IndicatorRecord;
  /** The node it measures, with plan and measure. */
  home: NodeContext | undefined;
}

export function locate(records: IndicatorRecord[], byId: Map<number, NodeContext>): Located[] {
  return records.map((record) => ({
    record,
    home: byId.get(record.nodeId ?? record.appearances[0]?.nodeId ?? -1),
  }));
}

function matches(x: Located, f: IndicatorFilter, byId: Map<number, NodeContext>): boolean {
  const r = x.record;
  const places = r.appearances.map((a) => byId.get(a.nodeId)).filter((c) => c !== undefined);
  if (f.plan && !places.some((p) => p.plan.code === f.plan)) return false;
  if (f.measure && !places.some((p) => p.measure?.code === f.measure)) return false;
  if (f.kind && r.kind !== f.kind) return false;
  if (f.section && !r.sections.some((s) => s.code === f.section)) return false;
  if (f.status && r.assessment.statusCode !== f.status) return false;
  if (f.challenge && !r.challenge) return false;
  if (f.q) {
    const needle = f.q.normalize("NFKC").toLowerCase();
    const hay = `${r.code} ${r.name} ${r.definition ?? ""}`.normalize("NFKC").toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

// One collator each: `localeCompare` with a locale builds one per call (most of a sort's time).
const numericJa = new Intl.Collator("ja", { numeric: true });
const ja = new Intl.Collator("ja");
const byCode = (a: Located, b: Located) => numericJa.compare(a.record.code, b.record.code);

const comparators: Record<Sort, (a: Located, b: Located) => number> = {
  code: byCode,
  name: (a, b) => ja.compare(a.record.name, b.record.name) || byCode(a, b),
  status: (a, b) =>
    STATUS_ORDER.indexOf(a.record.assessment.statusCode) -
      STATUS_ORDER.indexOf(b.record.assessment.statusCode) || byCode(a, b),
  achievement: (a, b) =>
    (b.record.assessment.achievement ?? -1) - (a.record.assessment.achievement ?? -1) ||
    byCode(a, b),
  measure: (a, b) =>
    (a.home?.measure?.position ?? -1) - (b.home?.measure?.position ?? -1) ||
    (a.home?.plan.code ?? "").localeCompare(b.home?.plan.code ?? "") ||
    byCode(a, b),
};

export function filterIndicators(
  all: Located[],
  f: IndicatorFilter,
  byId: Map<number, NodeContext>,
): Located[] {
  return all.filter((x) => matches(x, f, byId)).sort(comparators[f.sort ?? "code"]);
}

/** Counts of each status, in display order — for measure cards and legends. */
export function countStatuses(records: IndicatorRecord[]) {
  const counts = new Map<StatusCode, number>(STATUS_ORDER.map((s) => [s, 0]));
  for (const r of records)
    counts.set(r.assessment.statusCode, (counts.get(r.assessment.statusCode) ?? 0) + 1);
  return [...counts].map(([code, count]) => ({ code, label: STATUS_LABELS[code], count }));
}
