/**
 * Who changed a conflicting cell's record last, and when: its latest audit entry (every write
 * leaves one in its own transaction), read once for all the conflicts of a preview.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditLog } from "../core/audit-schema.ts";
import type { Reader } from "./dataset.ts";
import type { Conflict } from "./versions.ts";

/** Keys read at once (well below the parameter limit). */
const CHUNK = 500;

/** Sets `by` (the audit label) and `at` of each conflict whose record has an audit entry. */
export async function withLastChanges(read: Reader, mc: string, conflicts: Conflict[]) {
  const byType = new Map<string, Set<string>>();
  for (const c of conflicts)
    byType.set(c.audit.type, (byType.get(c.audit.type) ?? new Set()).add(c.audit.key));
  const last = new Map<string, { actor: string; at: Date }>();
  for (const [type, keys] of byType) {
    const all = [...keys];
    for (let i = 0; i < all.length; i += CHUNK) {
      const rows = await read((tx) =>
        tx
          .select({ key: auditLog.recordKey, actor: auditLog.actor, at: auditLog.occurredAt })
          .from(auditLog)
          .where(
            and(
              eq(auditLog.municipalityCode, mc),
              eq(auditLog.recordType, type),
              inArray(auditLog.recordKey, all.slice(i, i + CHUNK)),
            ),
          )
          .orderBy(desc(auditLog.occurredAt), desc(auditLog.id)),
      );
      for (const r of rows) {
        const id = `${type}\u0000${r.key}`;
        if (!last.has(id)) last.set(id, r);
      }
    }
  }
  for (const c of conflicts) {
    const found = last.get(`${c.audit.type}\u0000${c.audit.key}`);
    if (found) {
      c.by = found.actor;
      c.at = new Date(found.at).toISOString();
    }
  }
}
