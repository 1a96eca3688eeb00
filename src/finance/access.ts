/**
 * Who may enter a municipality's finance figures (soundness components, the fiscal frame):
 * planners and admins always; an editor only when one of their sections reports one of the
 * indicators that show the soundness ratios (finance_settings.ratio_indicators) — i.e. the
 * finance section, as the plan names it. The rule itself is accounts/rules.ts `mayUpdateFor`.
 */

import { eq, inArray } from "drizzle-orm";
import { may, mayUpdateFor, type Permission, type Principal } from "../accounts/index.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { staffHome } from "../core/views/layout.tsx";
import { loadOwners } from "../indicators/index.ts";
import { indicators } from "../indicators/schema.ts";
import { financeSettings } from "./schema.ts";

/** The section codes reporting the ratio indicators. */
export async function financeSections(tx: Tx, mc: string): Promise<string[]> {
  const [settings] = await tx
    .select({ ratioIndicators: financeSettings.ratioIndicators })
    .from(financeSettings)
    .where(eq(financeSettings.municipalityCode, mc));
  const codes = Object.values(settings?.ratioIndicators ?? {});
  if (!codes.length) return [];
  const rows = await tx
    .select({ id: indicators.id })
    .from(indicators)
    .where(inArray(indicators.code, codes));
  const owners = await loadOwners(tx, mc);
  return [...new Set(rows.flatMap((r) => (owners.get(r.id) ?? []).map((o) => o.code)))];
}

export const mayEditFinance = (who: Pick<Principal, "role" | "sectionCodes">, sections: string[]) =>
  mayUpdateFor(who, sections);

/** The one refusal of a finance write: the role, or an editor of another section. */
export const FINANCE_REFUSAL =
  "財政の数値を入力できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です";

/** May this person take this finance action (its least role, then the finance section's rule)? */
export async function mayWriteFinance(
  tx: Tx,
  mc: string,
  who: Pick<Principal, "role" | "sectionCodes">,
  permission: Permission,
) {
  return may(who, permission) && mayEditFinance(who, await financeSections(tx, mc));
}

/** For a write inside an import's transaction: refuses (403) who may not. */
export async function requireFinanceEditor(
  tx: Tx,
  mc: string,
  who: Principal,
  permission: Permission,
) {
  if (!(await mayWriteFinance(tx, mc, who, permission)))
    throw new AppError("forbidden", FINANCE_REFUSAL);
}

export const financeHome = (code: string) => [
  staffHome(code),
  { href: `/${code}/manage/finance`, label: "財政の入力" },
];

/** Whether the person may take this finance action (what a page offers). */
export function mayEdit(db: Db, mc: string, who: Principal, permission: Permission) {
  return withTenant(db, mc, (tx) => mayWriteFinance(tx, mc, who, permission));
}
