/**
 * The plan's own words for each soundness ratio. A plan prints them as a list after the ratio
 * table, one item per ratio, each starting with the ratio's name and a colon (「③実質公債費比率 :
 * 借金の返済額の大きさを…」). The finance page shows those words as printed, next to the ratios.
 * Pure: blocks in, text out.
 */
import { RATIO_NAMES, type RatioKind } from "./soundness.ts";

interface ListBlock {
  kind: string;
  content: unknown;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each ratio's explanation from the blocks' list items (the text after 「name :」). */
export function ratioExplanations(blocks: ListBlock[]): Partial<Record<RatioKind, string>> {
  const items = blocks
    .filter((b) => b.kind === "list")
    .flatMap((b) => (b.content as { items?: unknown }).items ?? [])
    .filter((i): i is string => typeof i === "string");
  const out: Partial<Record<RatioKind, string>> = {};
  for (const [kind, name] of Object.entries(RATIO_NAMES) as [RatioKind, string][]) {
    // An optional circled number, the exact name (so 実質赤字比率 never matches 連結実質赤字比率), a colon.
    const head = new RegExp(`^[\\u2460-\\u2473]?\\s*${escapeRegExp(name)}\\s*[:：]\\s*`);
    const item = items.find((i) => head.test(i));
    if (item) out[kind] = item.replace(head, "").trim();
  }
  return out;
}
