/**
 * Erasing a letter writer's contact details: when the retention after closing has run out (the
 * periodic job, retention-job.ts), or at once when the writer asks through their private status
 * link. Each letter is erased in its own transaction, bound to its municipality, with one audit
 * entry that names the fields erased and never their values. The mail prepared for the writer
 * goes with them: what was never sent is dropped, and what was sent keeps no address.
 */
import { and, eq, inArray, isNotNull, isNull, like, max, ne } from "drizzle-orm";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { outbox } from "../core/outbox-schema.ts";
import { type ActionContext, type Outcome, saved, unchanged } from "../core/outcome.ts";
import { LETTERS_ONLY } from "./computed-actuals.ts";
import { hashToken } from "./queries.ts";
import {
  CONTACT_ERASED,
  contactPresence,
  dueForErasure,
  ERASED_CONTACT,
  ERASED_NAME,
  holdsContact,
  isDueForErasure,
} from "./retention-rules.ts";
import { letterSteps, letters } from "./schema.ts";

/** The writer acting through their private status link, in the audit trail. */
export const statusLinkActor = (address?: string): Actor => ({
  label: "public:letter-status",
  address,
});

export type ErasureReason = { by: "retention"; retentionDays: number } | { by: "writer" };

const REASON_TEXT = {
  retention: (days: number) => `保存期間（対応の終了から${days}日）の経過`,
  writer: "投稿者の依頼（状況確認のリンクから）",
};

type LetterRow = typeof letters.$inferSelect;

/** The time of the latest step of a letter's timeline. */
async function lastStepAt(tx: Tx, letterId: number) {
  const [row] = await tx
    .select({ at: max(letterSteps.occurredAt) })
    .from(letterSteps)
    .where(eq(letterSteps.letterId, letterId));
  return row?.at ?? null;
}

/**
 * Erases the contact details of a letter locked by the caller, with its audit entry; false when
 * there was nothing left to erase.
 */
async function eraseLocked(
  tx: Tx,
  mc: string,
  letter: LetterRow,
  actor: Actor,
  reason: ErasureReason,
) {
  if (!holdsContact(letter)) return false;
  const mailKeys = like(outbox.key, `letter/${letter.receiptNumber}/%`);
  const dropped = await tx
    .delete(outbox)
    .where(and(eq(outbox.municipalityCode, mc), mailKeys, isNull(outbox.sentAt)))
    .returning({ id: outbox.id });
  const kept = await tx
    .update(outbox)
    .set({ recipient: ERASED_NAME })
    .where(
      and(
        eq(outbox.municipalityCode, mc),
        mailKeys,
        isNotNull(outbox.sentAt),
        ne(outbox.recipient, ERASED_NAME),
      ),
    )
    .returning({ id: outbox.id });
  await tx
    .update(letters)
    .set({ ...ERASED_CONTACT, version: letter.version + 1 })
    .where(eq(letters.id, letter.id));
  await audit(tx, actor, {
    municipality: mc,
    action: CONTACT_ERASED,
    recordType: "letter",
    recordKey: letter.receiptNumber,
    before: { ...contactPresence(letter), mailRecipients: dropped.length + kept.length },
    after: {
      name: null,
      address: null,
      phone: null,
      email: null,
      mailRecipients: 0,
      reason:
        reason.by === "retention"
          ? REASON_TEXT.retention(reason.retentionDays)
          : REASON_TEXT.writer,
    },
  });
  // The writer's status page is cached with the municipality's data version.
  await announceChange(tx, mc, LETTERS_ONLY);
  return true;
}

/**
 * The writer's request through the status link (`who` is null: the public; the actor is the
 * status link, statusLinkActor): erases their contact details at once. Unchanged when the token
 * names no letter of the municipality or nothing was left to erase.
 */
export async function eraseContact(
  ctx: ActionContext<null>,
  input: { token: string },
): Promise<Outcome<true>> {
  const { db, municipality: mc, actor } = ctx;
  const erased = await withTenant(db, mc, async (tx) => {
    const [letter] = await tx
      .select()
      .from(letters)
      .where(
        and(
          eq(letters.municipalityCode, mc),
          eq(letters.statusTokenHash, hashToken(input.token)),
          eq(letters.source, "letter"),
        ),
      )
      .for("update");
    return letter ? eraseLocked(tx, mc, letter, actor, { by: "writer" }) : false;
  });
  if (!erased) return unchanged();
  changed(db, [mc], LETTERS_ONLY);
  return saved(true);
}

/**
 * One municipality's letters whose retention ran out at `now`: each erased in its own
 * transaction (checked again under its lock), by the system actor. Returns how many.
 */
export async function eraseDueContacts(db: Db, mc: string, retentionDays: number, now: Date) {
  const candidates = await withTenant(db, mc, (tx) =>
    tx
      .select({
        id: letters.id,
        source: letters.source,
        status: letters.status,
        outcome: letters.outcome,
        writerName: letters.writerName,
        writerAddress: letters.writerAddress,
        writerPhone: letters.writerPhone,
        writerEmail: letters.writerEmail,
        lastStepAt: max(letterSteps.occurredAt),
      })
      .from(letters)
      .leftJoin(letterSteps, eq(letterSteps.letterId, letters.id))
      .where(
        and(
          eq(letters.municipalityCode, mc),
          eq(letters.source, "letter"),
          ne(letters.writerName, ERASED_NAME),
          inArray(letters.status, ["answered", "outcome"]),
        ),
      )
      .groupBy(letters.id, letters.municipalityCode),
  );
  let erased = 0;
  for (const { id } of dueForErasure(candidates, now, retentionDays)) {
    const done = await withTenant(db, mc, async (tx) => {
      const [letter] = await tx
        .select()
        .from(letters)
        .where(and(eq(letters.municipalityCode, mc), eq(letters.id, id)))
        .for("update");
      if (!letter) return false;
      // A step may have been added, or the writer may have asked, since the list was read.
      const fresh = { ...letter, lastStepAt: await lastStepAt(tx, letter.id) };
      if (!isDueForErasure(fresh, now, retentionDays)) return false;
      return eraseLocked(tx, mc, letter, SYSTEM_ACTOR, { by: "retention", retentionDays });
    });
    if (done) erased++;
  }
  if (erased) changed(db, [mc], LETTERS_ONLY);
  return erased;
}
