/** Writing the audit trail, always inside the transaction of the change it records. */

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

/** Many entries by one actor (a bulk change), in a few statements. */
export async function auditMany(tx: Tx, actor: Actor, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 500)
    await tx.insert(auditLog).values(entries.slice(i, i + 500).map((e) => row(actor, e)));
}
