/**
 * Feeds 「オープンデータの種類」 from the catalogue through the indicators' one mechanism for
 * computed actuals (the formula and the list of types as the source; the fiscal year in progress
 * stays 集計中 until its round closes).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { fiscalYearOf } from "../core/fiscal-year.ts";
import { indicatorsWhere, recordComputedActuals } from "../indicators/index.ts";
import { registryRecords, registrySettings } from "../registries/schema.ts";
import { generatedStandardDatasets } from "./generated.ts";
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
  const stored = await tx
    .select({
      slug: opendataDatasets.slug,
      standardType: opendataDatasets.standardType,
      status: opendataDatasets.status,
      sample: opendataDatasets.sample,
    })
    .from(opendataDatasets)
    .where(and(eq(opendataDatasets.municipalityCode, mc)));
  const { count, types } = publishedStandardTypes([
    ...stored,
    ...(await generatedStandardTypes(tx, mc, stored)),
  ]);
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

/**
 * The standard datasets generated.ts publishes besides the stored ones (its one rule,
 * `generatedStandardDatasets`), read inside the transaction.
 */
async function generatedStandardTypes(
  tx: Tx,
  mc: string,
  stored: readonly { slug: string; status: string }[],
) {
  const taken = new Set(stored.filter((d) => d.status === "published").map((d) => d.slug));
  // The facilities in use, where the municipality keeps the facilities registry.
  const facilities = await tx
    .select({ sample: registryRecords.sample })
    .from(registryRecords)
    .innerJoin(
      registrySettings,
      and(
        eq(registrySettings.municipalityCode, registryRecords.municipalityCode),
        eq(registrySettings.registry, registryRecords.registry),
        eq(registrySettings.enabled, true),
      ),
    )
    .where(
      and(
        eq(registryRecords.municipalityCode, mc),
        eq(registryRecords.registry, "facilities"),
        isNull(registryRecords.retiredOn),
      ),
    );
  return generatedStandardDatasets(taken, facilities).map((d) => ({
    ...d,
    status: "published",
  }));
}
