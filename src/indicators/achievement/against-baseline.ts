import { build, type Compared } from "./build.ts";
import type { Assessment } from "./types.ts";

/** 基準値より増 / 減 / 維持 (維持 = 基準値を下回らない): compared with the baseline. */
export function assessAgainstBaseline(
  form: "increase" | "decrease" | "maintain",
  k: Compared,
): Assessment {
  const { c, show, shown } = k;
  const b = k.baseline ?? 0;
  const met = form === "increase" ? c > b : form === "decrease" ? c < b : c >= b;
  const outcome = {
    increase: met ? "増加" : "増加していません",
    decrease: met ? "減少" : "減少していません",
    maintain: met ? "基準値を維持" : "基準値を下回っています",
  }[form];
  const reason = `基準値 ${show(b)} に対し ${shown}（${outcome}）`;
  return build(met ? "achieved" : k.missed, k.assessedFY, c, reason, { met, missing: k.noYear });
}
