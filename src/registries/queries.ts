/** Reading the registries: one registry's records, one record, the count of each registry. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { notFound } from "../core/errors.ts";
import type { RegistryKey } from "./definitions.ts";
import { registryRecords } from "./schema.ts";
import { readRecords, type StoredRecord } from "./store.ts";

export const loadRecords = (db: Db, mc: string, key: RegistryKey): Promise<StoredRecord[]> =>
  withTenant(db, mc, (tx) => readRecords(tx, mc, key));

export async function loadRecord(db: Db, mc: string, key: RegistryKey, id: number) {
  const [row] = await withTenant(db, mc, (tx) =>
    tx
      .select()
      .from(registryRecords)
      .where(
        and(
          eq(registryRecords.municipalityCode, mc),
          eq(registryRecords.registry, key),
          eq(registryRecords.id, id),
        ),
      ),
  );
  if (!row) throw notFound(`台帳 ${key} の記録 ${id}`);
  return row;
}

/** registry key → records (all, and those in use). */
export async function registryTotals(db: Db, mc: string) {
  const rows = await withTenant(db, mc, (tx) =>
    tx
      .select({
        registry: registryRecords.registry,
        total: sql<number>`count(*)::int`,
        inUse: sql<number>`(count(*) filter (where ${registryRecords.retiredOn} is null))::int`,
        sample: sql<boolean>`bool_or(${registryRecords.sample})`,
      })
      .from(registryRecords)
      .where(eq(registryRecords.municipalityCode, mc))
      .groupBy(registryRecords.registry),
  );
  return new Map(rows.map((r) => [r.registry, r]));
}
