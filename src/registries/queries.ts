/** Reading the registries: one registry's records, one record, the count of each registry. */
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLog } from "../core/audit-schema.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { notFound } from "../core/errors.ts";
import { loadPublicPrograms } from "../programs/index.ts";
import type { RegistryKey } from "./definitions.ts";
import type { HistoryEntry } from "./history.ts";
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

/** The audit entries of one record (its additions, edits and retirement), oldest first. */
export function loadRecordHistory(
  db: Db,
  mc: string,
  key: RegistryKey,
  id: number,
): Promise<HistoryEntry[]> {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        at: auditLog.occurredAt,
        action: auditLog.action,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.municipalityCode, mc),
          eq(auditLog.recordType, "registry_record"),
          eq(auditLog.recordKey, `${key}/${id}`),
        ),
      )
      .orderBy(asc(auditLog.occurredAt), asc(auditLog.id)),
  );
}

export interface FacilityCost {
  program: { code: string; name: string; sample: boolean };
  /** Published years, oldest first; totalCost null when the year's cost cannot be computed. */
  years: { fiscalYear: number; totalCost: number | null }[];
}

/**
 * The programs that run a facility — the one its record names (運営する事務事業のコード) and any
 * whose program years list the facility by name — with each published year's total cost.
 */
export async function facilityCosts(
  db: Db,
  mc: string,
  record: Pick<StoredRecord, "name" | "fields">,
): Promise<FacilityCost[]> {
  const named = typeof record.fields.programCode === "string" ? record.fields.programCode : null;
  const { programs } = await loadPublicPrograms(db, mc);
  return programs
    .filter((p) => p.code === named || p.years.some((y) => y.facilities.includes(record.name)))
    .map((p) => ({
      program: { code: p.code, name: p.name, sample: p.sample },
      years: p.years.map((y) => ({
        fiscalYear: y.fiscalYear,
        totalCost: y.cost?.totalCost ?? null,
      })),
    }));
}
