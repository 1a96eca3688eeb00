/**
 * The municipality's cost settings (人件費単価, 決算確定) per fiscal year: reading them and the
 * planners' one write. One call, one transaction, one audit entry.
 */
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { FIRST_FISCAL_YEAR } from "../core/reporting-years.ts";
import { type CostSettingRow, costSettings } from "../programs/index.ts";
import type { CostSettings, Yen } from "./cost.ts";
import { lastCostYear, readCostSettingRows } from "./cost-store.ts";
import { permissions } from "./permissions.ts";
import { programCostSettings } from "./schema.ts";

export interface CostSettingInput {
  fiscalYear: number;
  regular: Yen;
  /** null: the regular rate applies to part-time staff too. */
  partTime: Yen | null;
  settlementClosed: boolean;
}

/** The settings the costs are computed with, and the rows behind them. */
export async function loadCostSettings(
  db: Db,
  mc: string,
): Promise<{ rows: CostSettingRow[]; settings: CostSettings }> {
  const rows = await withTenant(db, mc, (tx) => readCostSettingRows(tx, mc));
  return { rows, settings: costSettings(rows) };
}

/**
 * What a cost-settings form was opened on: each year's settings, so that a save can tell whether
 * the year it sets was changed meanwhile. 「2024:6000000:4000000:1,2025:…」.
 */
export const settingsSeenOf = (rows: readonly CostSettingRow[]) =>
  rows
    .map((r) => `${r.fiscalYear}:${r.regular}:${r.partTime ?? ""}:${r.settlementClosed ? 1 : 0}`)
    .join(",");

/** The year's entry of settingsSeenOf ("" when the form saw no settings for it). */
const seenFor = (seen: string, fy: number) =>
  seen.split(",").find((x) => x.startsWith(`${fy}:`)) ?? "";

/**
 * Sets one fiscal year's unit personnel costs and 決算確定 (planners and admins). `seen` is what
 * the form was opened on (settingsSeenOf; null: no check); a year changed since is a conflict.
 */
export async function saveCostSetting(
  ctx: ActionContext<Principal>,
  input: CostSettingInput & { seen?: string | null },
): Promise<Outcome<CostSettingInput, CostSettingRow | null>> {
  const { db, municipality: mc, who, actor } = ctx;
  const { seen = null, ...setting } = input;
  const no = refusal(who, permissions.setCostSettings);
  if (no) return no;
  if (!Number.isInteger(setting.fiscalYear) || setting.fiscalYear < FIRST_FISCAL_YEAR)
    return invalid(
      [{ location: "fiscalYear", message: "年度を西暦4桁で入力してください" }],
      "年度を確認してください",
    );
  if (setting.fiscalYear > lastCostYear())
    return invalid(
      [{ location: "fiscalYear", message: `${fiscalYearLabel(lastCostYear())}までを設定できます` }],
      "年度を確認してください",
    );
  const result = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<CostSettingInput, CostSettingRow | null>> => {
      const [before] = (await readCostSettingRows(tx, mc)).filter(
        (r) => r.fiscalYear === setting.fiscalYear,
      );
      if (
        seen !== null &&
        seenFor(seen, setting.fiscalYear) !== (before ? settingsSeenOf([before]) : "")
      )
        return conflict(before ?? null);
      if (before && settingsSeenOf([before]) === settingsSeenOf([setting]))
        return unchanged(setting);
      const row = {
        unitCostRegular: setting.regular,
        unitCostPartTime: setting.partTime,
        settlementClosed: setting.settlementClosed,
      };
      await tx
        .insert(programCostSettings)
        .values({ municipalityCode: mc, fiscalYear: setting.fiscalYear, ...row })
        .onConflictDoUpdate({
          target: [programCostSettings.municipalityCode, programCostSettings.fiscalYear],
          set: row,
        });
      await audit(tx, actor, {
        municipality: mc,
        action: "program_cost_settings.save",
        recordType: "program_cost_settings",
        recordKey: String(setting.fiscalYear),
        before: before ?? null,
        after: setting,
      });
      await announceChange(tx, mc);
      return saved(setting);
    },
  );
  if (result.status === "saved") changed(db, [mc]);
  return result;
}
