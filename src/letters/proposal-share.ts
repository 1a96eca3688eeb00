/**
 * The proposal share (「市長へのたより」における提案型の内容の割合) per fiscal year, computed from the
 * letters for the registry's indicator of it.
 */
import type { LetterKind } from "./schema.ts";

export interface ShareOfYear {
  fiscalYear: number;
  proposals: number;
  total: number;
  /** Percent, rounded to one decimal. */
  percent: number;
}

/** Proposals ÷ all letters received, per fiscal year of receipt, by each letter's current kind. */
export function proposalShare(list: { fiscalYear: number; kind: LetterKind }[]): ShareOfYear[] {
  const years = new Map<number, { proposals: number; total: number }>();
  for (const l of list) {
    const y = years.get(l.fiscalYear) ?? { proposals: 0, total: 0 };
    y.total++;
    if (l.kind === "proposal") y.proposals++;
    years.set(l.fiscalYear, y);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fiscalYear, y]) => ({
      fiscalYear,
      ...y,
      percent: Math.round((y.proposals / y.total) * 1000) / 10,
    }));
}

/** What the indicator page shows as the source of a computed value: the formula and counts. */
export const shareSource = (y: ShareOfYear) =>
  `市長へのたよりから自動計算: 提案型 ${y.proposals}件 ÷ 受付 ${y.total}件 × 100（受付年度・現在の分類で集計）`;

/** Is this the registry's indicator of the proposal share? Found by its name or definition. */
export const isProposalShareIndicator = (i: { name: string; definition: string | null }) =>
  /市長へのたより/.test(`${i.name} ${i.definition ?? ""}`) &&
  /提案型/.test(`${i.name} ${i.definition ?? ""}`);
