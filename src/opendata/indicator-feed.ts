/**
 * Feeds 「オープンデータの種類」 from the catalogue, the way letters feed their computed
 * indicator today (letters' fillComputedActuals: origin "computed", the formula and the list as
 * the source). The one place to re-point once indicators have one computed-actuals mechanism.
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { fiscalYearOf } from "../core/fiscal-year.ts";
import { fillComputedActuals, indicatorsWhere } from "../letters/index.ts";
import {
  isOpenDataTypesIndicator,
  openDataTypesSource,
  publishedStandardTypes,
} from "./indicator.ts";
import { opendataDatasets } from "./schema.ts";

/**
 * Writes this fiscal year's count (inside the transaction of a publication or a withdrawal).
 * Does nothing when the registry has no such indicator.
 */
export async function feedOpenDataTypes(tx: Tx, mc: string, now = new Date()) {
  const found = await indicatorsWhere(tx, mc, isOpenDataTypesIndicator);
  if (found.length === 0) return undefined;
  const datasets = await tx
    .select({ standardType: opendataDatasets.standardType, status: opendataDatasets.status })
    .from(opendataDatasets)
    .where(and(eq(opendataDatasets.municipalityCode, mc)));
  const { count, types } = publishedStandardTypes(datasets);
  for (const indicator of found)
    await fillComputedActuals(tx, mc, indicator.id, [
      { fiscalYear: fiscalYearOf(now), value: count, source: openDataTypesSource(types) },
    ]);
  return { count, types };
}
