/**
 * What a reporting round shows (pure, no I/O): a person's "my updates" — the indicators they
 * report for the year, missing ones first — and a round's overview, completion by section and
 * by measure.
 */
import { mayUpdateFor } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import {
  compareCodes,
  type EnteredValue,
  enteredKeys,
  indicatorsOf,
  isPastDeadline,
  type NodeRef,
  type Round,
  type RoundIndicator,
  valueKey,
} from "./rules.ts";

// ── My updates ──────────────────────────────────────────────────────────────────────────────

/** Where an indicator stands for the year: nothing entered, a draft, or a published value. */
export type UpdateState = "missing" | "draft" | "published";

const STATE_ORDER: Record<UpdateState, number> = { missing: 0, draft: 1, published: 2 };

/** An indicator as "my updates" needs it: its id, its code, its published values. */
export interface UpdateRecord {
  id: number;
  code: string;
  actuals: { fiscalYear: number; value: number | null; note: string | null }[];
}

/**
 * "My updates" for a fiscal year: the indicators a person reports, each with its state, missing
 * first and then by code. With a round, the round's indicators; without one, every indicator not
 * fed from elsewhere (a registry or a survey computes those). An editor sees the indicators of
 * their sections (an indicator of two sections for an editor of either), a planner or admin
 * every one, a viewer none.
 */
export function myUpdateRows<R extends UpdateRecord, O extends { code: string }>(
  who: { role: Role; sectionCodes: string[] },
  fiscalYear: number,
  records: R[],
  known: {
    round?: { indicatorIds: number[] };
    owners: Map<number, O[]>;
    /** `${indicatorId}/${fiscalYear}` of every saved draft. */
    drafts: Set<string>;
    /** Indicators whose values are computed from elsewhere. */
    feeds: { has(indicatorId: number): boolean };
  },
): { record: R; owners: O[]; state: UpdateState }[] {
  const inRound = known.round ? new Set(known.round.indicatorIds) : null;
  return records
    .filter((r) => (inRound ? inRound.has(r.id) : !known.feeds.has(r.id)))
    .filter((r) =>
      mayUpdateFor(
        who,
        (known.owners.get(r.id) ?? []).map((s) => s.code),
      ),
    )
    .map((record) => ({
      record,
      owners: known.owners.get(record.id) ?? [],
      state: known.drafts.has(`${record.id}/${fiscalYear}`)
        ? ("draft" as const)
        : record.actuals.some((a) => a.fiscalYear === fiscalYear && (a.value !== null || a.note))
          ? ("published" as const)
          : ("missing" as const),
    }))
    .sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareCodes(a.record.code, b.record.code),
    );
}

// ── Overview ────────────────────────────────────────────────────────────────────────────────

export interface Completion {
  done: number;
  total: number;
  /** done / total, 0..1; null when there is nothing to report. */
  ratio: number | null;
}

export interface SectionCompletion extends Completion {
  /** null: indicators without a responsible section. */
  sectionCode: string | null;
}

export interface MeasureCompletion extends Completion {
  /** null: indicators not under a measure (policy indicators, or no node). */
  measureId: number | null;
}

export interface RoundOverview {
  fiscalYear: number;
  deadline: string;
  closed: boolean;
  total: Completion;
  /** Each indicator counted under each of its sections; by section code, null last. */
  bySection: SectionCompletion[];
  /** By the measure the indicator's node belongs to, in the order of `nodes`; null last. */
  byMeasure: MeasureCompletion[];
  /** Missing after the deadline day, by code; empty before then. */
  overdue: RoundIndicator[];
}

const completion = (done: number, total: number): Completion => ({
  done,
  total,
  ratio: total === 0 ? null : done / total,
});

/** The measure a node is, or lies under; null for a policy or an unknown node. */
export function measureOf(nodeId: number | null, nodes: Map<number, NodeRef>): number | null {
  const seen = new Set<number>();
  let id = nodeId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const node = nodes.get(id);
    if (!node) return null;
    if (node.kind === "measure") return node.id;
    id = node.parentId;
  }
  return null;
}

function tally<K>(groups: Map<K, { done: number; total: number }>, key: K, done: boolean) {
  const g = groups.get(key) ?? { done: 0, total: 0 };
  g.total += 1;
  if (done) g.done += 1;
  groups.set(key, g);
}

/**
 * Completion of a round overall, per section and per measure, and what is overdue. Only the
 * round's indicators found in `indicators` are counted (a deleted indicator drops out).
 */
export function roundOverview(
  round: Round,
  indicators: RoundIndicator[],
  nodes: NodeRef[],
  entered: EnteredValue[],
  now: Date,
): RoundOverview {
  const done = enteredKeys(entered);
  const nodeMap = new Map(nodes.map((n) => [n.id, n]));
  const bySection = new Map<string | null, { done: number; total: number }>();
  const byMeasure = new Map<number | null, { done: number; total: number }>();
  const listed = indicatorsOf(round, indicators);
  const missing: RoundIndicator[] = [];
  for (const i of listed) {
    const isDone = done.has(valueKey(i.id, round.fiscalYear));
    if (!isDone) missing.push(i);
    const sections = [...new Set(i.sectionCodes)];
    for (const code of sections.length > 0 ? sections : [null]) tally(bySection, code, isDone);
    tally(byMeasure, measureOf(i.nodeId, nodeMap), isDone);
  }
  const nodeOrder = new Map(nodes.map((n, index) => [n.id, index]));
  const last = (x: unknown) => (x === null ? 1 : 0);
  return {
    fiscalYear: round.fiscalYear,
    deadline: round.deadline,
    closed: round.closedAt !== null,
    total: completion(listed.length - missing.length, listed.length),
    bySection: [...bySection]
      .sort(([a], [b]) => last(a) - last(b) || compareCodes(a ?? "", b ?? ""))
      .map(([sectionCode, g]) => ({ sectionCode, ...completion(g.done, g.total) })),
    byMeasure: [...byMeasure]
      .sort(
        ([a], [b]) =>
          last(a) - last(b) || (nodeOrder.get(a ?? -1) ?? 0) - (nodeOrder.get(b ?? -1) ?? 0),
      )
      .map(([measureId, g]) => ({ measureId, ...completion(g.done, g.total) })),
    overdue: isPastDeadline(round.deadline, now) ? missing : [],
  };
}
