/** Writing the audit trail, always inside the transaction of the change it records. */

import { sql } from "drizzle-orm";
import { auditLog } from "./audit-schema.ts";
import type { Tx } from "./db/client.ts";

export interface Actor {
  /** "user:<id> <email>", "cli", "system". */
  label: string;
  address?: string;
}

export const CLI_ACTOR: Actor = { label: "cli" };
export const SYSTEM_ACTOR: Actor = { label: "system" };

export interface AuditEntry {
  municipality: string;
  action: string;
  recordType: string;
  recordKey: string;
  before?: unknown;
  after?: unknown;
}

const row = (actor: Actor, entry: AuditEntry) => ({
  municipalityCode: entry.municipality,
  actor: actor.label,
  address: actor.address ?? null,
  action: entry.action,
  recordType: entry.recordType,
  recordKey: entry.recordKey,
  before: entry.before ?? null,
  after: entry.after ?? null,
});

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.insert(auditLog).values(row(actor, entry));
}

/**
 * Many entries by one actor (a bulk change), in a few statements: each chunk is written from one
 * JSON value (one parameter, not eight per entry).
 */
export async function auditMany(tx: Tx, actor: Actor, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map((e) => row(actor, e));
    await tx.execute(sql`
      insert into audit_log (municipality_code, actor, address, action, record_type, record_key,
                             before, after)
      select "municipalityCode", actor, address, action, "recordType", "recordKey", before, after
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(
               "municipalityCode" char(6), actor text, address text, action text,
               "recordType" text, "recordKey" text, before jsonb, after jsonb)`);
  }
}
