/**
 * Feeds 「オープンデータの種類」 from the catalogue through the indicators' one mechanism for
 * computed actuals (the formula and the list of types as the source; the fiscal year in progress
 * stays 集計中 until its round closes).
 */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { fiscalYearOf } from "../core/fiscal-year.ts";
import { recordComputedActuals } from "../indicators/index.ts";
import { indicatorsWhere } from "../letters/index.ts";
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
export async function feedOpenDataTypes(
  tx: Tx,
  mc: string,
  options: { now?: Date; actor?: Actor } = {},
) {
  const now = options.now ?? new Date();
  const found = await indicatorsWhere(tx, mc, isOpenDataTypesIndicator);
  if (found.length === 0) return undefined;
  const datasets = await tx
    .select({ standardType: opendataDatasets.standardType, status: opendataDatasets.status })
    .from(opendataDatasets)
    .where(and(eq(opendataDatasets.municipalityCode, mc)));
  const { count, types } = publishedStandardTypes(datasets);
  for (const indicator of found)
    await recordComputedActuals(
      tx,
      mc,
      indicator.id,
      [
        {
          fiscalYear: fiscalYearOf(now),
          value: count,
          source: openDataTypesSource(types),
          recordsPath: `/${mc}/opendata`,
        },
      ],
      { now, actor: options.actor },
    );
  return { count, types };
}
