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

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    municipalityCode: entry.municipality,
    actor: actor.label,
    address: actor.address ?? null,
    action: entry.action,
    recordType: entry.recordType,
    recordKey: entry.recordKey,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
