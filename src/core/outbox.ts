/**
 * The outbox: e-mail prepared inside the transaction that decides to send it, and delivered
 * afterwards (by SMTP when SMTP_URL is configured). Preparing the same key twice does nothing.
 */
import { and, asc, desc, eq, isNull, lt } from "drizzle-orm";
import type { Db, Tx } from "./db/client.ts";
import { withTenant } from "./db/tenant.ts";
import type { Mailer } from "./mail.ts";
import { outbox } from "./outbox-schema.ts";

export interface OutgoingMail {
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** Adds a message unless one with the same key exists; returns whether it was added. */
export async function enqueue(tx: Tx, mc: string, mail: OutgoingMail): Promise<boolean> {
  const rows = await tx
    .insert(outbox)
    .values({
      municipalityCode: mc,
      key: mail.key,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export type OutboxEntry = typeof outbox.$inferSelect;

/** The newest messages of a municipality, sent or not. */
export function listOutbox(db: Db, mc: string, limit = 200): Promise<OutboxEntry[]> {
  return withTenant(db, mc, (tx) =>
    tx
      .select()
      .from(outbox)
      .where(eq(outbox.municipalityCode, mc))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(limit),
  );
}

/** Gives up on a message after this many failed attempts (the page shows the last error). */
export const MAX_ATTEMPTS = 5;

/**
 * Sends a municipality's unsent messages, oldest first. Each is marked sent (or its error
 * recorded) on its own, so a failure halfway never sends a message twice.
 */
export async function deliverOutbox(db: Db, mc: string, mailer: Mailer, limit = 100) {
  const pending = await withTenant(db, mc, (tx) =>
    tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.municipalityCode, mc),
          isNull(outbox.sentAt),
          lt(outbox.attempts, MAX_ATTEMPTS),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(limit),
  );
  let sent = 0;
  for (const m of pending) {
    // Claim the message first: a second process delivering at once skips it.
    const claimed = await withTenant(db, mc, (tx) =>
      tx
        .update(outbox)
        .set({ attempts: m.attempts + 1 })
        .where(and(eq(outbox.id, m.id), eq(outbox.attempts, m.attempts), isNull(outbox.sentAt)))
        .returning({ id: outbox.id }),
    );
    if (claimed.length === 0) continue;
    try {
      await mailer.send({ to: m.recipient, subject: m.subject, text: m.body });
      await withTenant(db, mc, (tx) =>
        tx.update(outbox).set({ sentAt: new Date(), lastError: null }).where(eq(outbox.id, m.id)),
      );
      sent++;
    } catch (e) {
      await withTenant(db, mc, (tx) =>
        tx
          .update(outbox)
          .set({ lastError: (e as Error).message.slice(0, 500) })
          .where(eq(outbox.id, m.id)),
      );
    }
  }
  return { sent, failed: pending.length - sent };
}
