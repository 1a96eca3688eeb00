/**
 * Recomputing the indicator a registry feeds in a municipality (the one its admin linked, see
 * settings.ts) from the registry's records, through indicators' recordComputedActuals.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Actor } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { fiscalYearInJapan } from "../core/fiscal-year.ts";
import { recordComputedActuals } from "../indicators/index.ts";
import { indicators } from "../indicators/schema.ts";
import { isRegistryKey, type RegistryKey } from "./definitions.ts";
import { computeYears, yearsToCompute } from "./formulas.ts";
import { registryRecords, registrySettings } from "./schema.ts";

/**
 * Recomputes the indicator a registry feeds (when the municipality keeps the registry, has
 * linked it to an indicator and its plan has it) for every fiscal year from the year after its
 * baseline to the current one.
 */
export async function recomputeRegistry(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  actor: Actor,
  now = new Date(),
) {
  const [setting] = await tx
    .select({ enabled: registrySettings.enabled, code: registrySettings.indicatorCode })
    .from(registrySettings)
    .where(and(eq(registrySettings.municipalityCode, mc), eq(registrySettings.registry, key)));
  if (!setting?.enabled || !setting.code) return;
  const [indicator] = await tx
    .select({ id: indicators.id, baselineFiscalYear: indicators.baselineFiscalYear })
    .from(indicators)
    .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, setting.code)));
  if (!indicator) return;
  const items = await tx
    .select({
      name: registryRecords.name,
      fields: registryRecords.fields,
      retiredOn: registryRecords.retiredOn,
      sample: registryRecords.sample,
    })
    .from(registryRecords)
    .where(and(eq(registryRecords.municipalityCode, mc), eq(registryRecords.registry, key)));
  const years = yearsToCompute(key, items, indicator.baselineFiscalYear, fiscalYearInJapan(now));
  const sample = items.some((i) => i.sample);
  await recordComputedActuals(
    tx,
    mc,
    indicator.id,
    computeYears(key, items, years).map((y) => ({
      ...y,
      recordsPath: `/${mc}/registries/${key}?year=${y.fiscalYear}`,
      note: sample ? "サンプル" : null,
    })),
    { actor, now },
  );
}

/**
 * Recomputes the indicator of every registry the municipality keeps and has linked (called when
 * a fiscal year's reporting round closes, in its transaction, so that the year's value counts
 * the records as they stand on that day — agreements whose term ended, facilities closed on 31
 * March — before it becomes the actual).
 */
export async function recomputeRegistries(tx: Tx, mc: string, actor: Actor, now = new Date()) {
  const linked = await tx
    .select({ registry: registrySettings.registry })
    .from(registrySettings)
    .where(
      and(
        eq(registrySettings.municipalityCode, mc),
        eq(registrySettings.enabled, true),
        isNotNull(registrySettings.indicatorCode),
      ),
    );
  const keys = linked
    .map((r) => r.registry)
    .filter(isRegistryKey)
    .sort();
  for (const key of keys) await recomputeRegistry(tx, mc, key, actor, now);
}
