/**
 * The names of a plan's levels. A plan names its own (分野 → 施策 → 主要施策 …); a plan that does
 * not keeps the names Shisaku was built with: 政策 → 基本施策 → 具体的な取組.
 */
import type { PlanLevel } from "./plan-file.ts";

export const DEFAULT_LEVELS: readonly PlanLevel[] = [
  { key: "policy", label: "政策" },
  { key: "measure", label: "基本施策" },
  { key: "initiative", label: "具体的な取組" },
];

/** A level of the tree: its depth (0 = the policy), its key and the plan's name for it. */
export interface NodeLevel extends PlanLevel {
  depth: number;
}

/** The plan's levels from the top, its own names or the defaults. */
export const planLevels = (plan: { levels: PlanLevel[] | null }): PlanLevel[] =>
  plan.levels?.length ? plan.levels : [...DEFAULT_LEVELS];

/** The level at a depth; a level the plan does not name is called by its number. */
export function levelAt(plan: { levels: PlanLevel[] | null }, depth: number): NodeLevel {
  const level = planLevels(plan)[depth] ??
    DEFAULT_LEVELS[depth] ?? { key: `level${depth + 1}`, label: `第${depth + 1}階層` };
  return { ...level, depth };
}

/**
 * One name for a level across several plans (a CSV column, a filter): the plans' own name when
 * they agree, or their names side by side (基本施策・施策).
 */
export function levelLabelOf(plans: { levels: PlanLevel[] | null }[], depth: number): string {
  const labels = [...new Set(plans.map((p) => levelAt(p, depth).label))];
  return labels.length === 0 ? levelAt({ levels: null }, depth).label : labels.join("・");
}

/**
 * The word a table's columns call a level's items by (「取組名」「取組内容」): the plan's name of the
 * level, or 「取組」 for the default 具体的な取組, as Shisaku has always printed it.
 */
export const levelNoun = (label: string) => (label === "具体的な取組" ? "取組" : label);
