import { build, type Compared } from "./build.ts";
import type { Assessment } from "./types.ts";

/** A strict bound (「12.58%未満」「0件超」): met or not; the baseline is not needed. */
export function assessBound(form: "below" | "above", k: Compared): Assessment {
  const { c, show, shown } = k;
  const t = k.target ?? 0;
  const met = form === "below" ? c < t : c > t;
  const bound = `${show(t)}${form === "below" ? "未満" : "超"}`;
  const reason = `目標 ${bound} に対し ${shown}（${met ? "満たしています" : "満たしていません"}）`;
  return build(met ? "achieved" : k.missed, k.assessedFY, c, reason, { met, missing: k.noYear });
}
