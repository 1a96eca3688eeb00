/**
 * Town meetings with the mayor (市長と語ろう会): recording a meeting and the proposals raised at
 * it, and reading them. A proposal is a letter row with source "meeting": it gets a receipt
 * number and then follows the letters' triage, timeline, outcomes and publication (store.ts),
 * with no writer and so no personal data and no mail.
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { hashToken, nextReceiptNumber, requirePlanner } from "../letters/index.ts";
import { letterSteps, letters } from "../letters/schema.ts";
import type { MeetingInput, MeetingProposalInput } from "./rules.ts";
import { meetings } from "./schema.ts";

export type Meeting = typeof meetings.$inferSelect;

/**
 * Meetings, newest first, with how many proposals each has (all, and published). The public side
 * asks for published meetings only; staff see drafts too.
 */
export function listMeetings(db: Db, mc: string, opts: { publishedOnly: boolean }) {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.municipalityCode, mc),
          opts.publishedOnly ? eq(meetings.status, "published") : undefined,
        ),
      )
      .orderBy(desc(meetings.heldOn), desc(meetings.id));
    const counts = await tx
      .select({ meetingId: letters.meetingId, published: letters.published, n: count() })
      .from(letters)
      .where(and(eq(letters.municipalityCode, mc), eq(letters.source, "meeting")))
      .groupBy(letters.meetingId, letters.published);
    return rows.map((m) => {
      const mine = counts.filter((c) => c.meetingId === m.id);
      return {
        ...m,
        proposals: mine.reduce((a, c) => a + c.n, 0),
        publishedProposals: mine.filter((c) => c.published).reduce((a, c) => a + c.n, 0),
      };
    });
  });
}

/** One meeting; with publishedOnly, a draft is not found. */
export function findMeeting(db: Db, mc: string, id: number, opts: { publishedOnly: boolean }) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.municipalityCode, mc),
          eq(meetings.id, id),
          opts.publishedOnly ? eq(meetings.status, "published") : undefined,
        ),
      );
    return row;
  });
}

/** A meeting's proposals for staff: every one, published or not, with its handling status. */
export function meetingProposalsForStaff(db: Db, mc: string, id: number) {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        receiptNumber: letters.receiptNumber,
        subject: letters.subject,
        category: letters.category,
        status: letters.status,
        outcome: letters.outcome,
        published: letters.published,
      })
      .from(letters)
      .where(and(eq(letters.municipalityCode, mc), eq(letters.meetingId, id)))
      .orderBy(asc(letters.id)),
  );
}

async function lockMeeting(tx: Tx, mc: string, id: number) {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.municipalityCode, mc), eq(meetings.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found", "市長と語ろう会の記録が見つかりません");
  return row;
}

const staleMeeting = () =>
  new AppError(
    "conflict",
    "この記録は、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください",
  );

/** Records a meeting (planners), as a draft seen by staff only until it is published. */
export async function recordMeeting(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  input: MeetingInput,
) {
  requirePlanner(who);
  const id = await withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ municipalityCode: mc, ...input })
      .returning({ id: meetings.id });
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.record",
      recordType: "meeting",
      recordKey: String(row!.id),
      after: input,
    });
    await announceChange(tx, mc);
    return row!.id;
  });
  changed(db, [mc]);
  return id;
}

/** Corrects a meeting record; the form carries the version it was opened on. */
export async function updateMeeting(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  id: number,
  input: MeetingInput & { version: number },
) {
  requirePlanner(who);
  await withTenant(db, mc, async (tx) => {
    const before = await lockMeeting(tx, mc, id);
    if (before.version !== input.version) throw staleMeeting();
    const { version, ...values } = input;
    await tx
      .update(meetings)
      .set({ ...values, version: before.version + 1 })
      .where(eq(meetings.id, id));
    const { id: _, municipalityCode: __, version: ___, ...shown } = before;
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.update",
      recordType: "meeting",
      recordKey: String(id),
      before: shown,
      after: values,
    });
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
}

/**
 * Publishes a meeting record (planners): the meeting and its published proposals become public.
 * Publishing a published record again changes nothing.
 */
export async function publishMeeting(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  id: number,
  version: number,
) {
  requirePlanner(who);
  await withTenant(db, mc, async (tx) => {
    const before = await lockMeeting(tx, mc, id);
    if (before.version !== version) throw staleMeeting();
    if (before.status === "published") return;
    const publishedAt = new Date();
    await tx
      .update(meetings)
      .set({ status: "published", publishedAt, version: before.version + 1 })
      .where(eq(meetings.id, id));
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.publish",
      recordType: "meeting",
      recordKey: String(id),
      before: { status: before.status },
      after: { status: "published", publishedAt },
    });
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
}

/**
 * Records a proposal raised at a meeting: a letter of kind "proposal" from the meeting, received
 * on the day of the meeting, published at once (the text is staff's summary, with no names) —
 * public once its meeting is. It then moves on through the letter pages.
 */
export async function addMeetingProposal(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  meetingId: number,
  input: MeetingProposalInput,
) {
  requirePlanner(who);
  const receipt = await withTenant(db, mc, async (tx) => {
    const meeting = await lockMeeting(tx, mc, meetingId);
    const number = await nextReceiptNumber(tx, mc, meeting.fiscalYear);
    // Noon in Japan on the day of the meeting.
    const receivedAt = new Date(`${meeting.heldOn}T12:00:00+09:00`);
    const [row] = await tx
      .insert(letters)
      .values({
        municipalityCode: mc,
        receiptNumber: number,
        // Nobody holds a status link of a meeting proposal: a random hash that no token matches.
        statusTokenHash: hashToken(`meeting:${randomBytes(24).toString("base64url")}`),
        subject: input.subject,
        body: input.body,
        category: input.category,
        kind: "proposal",
        writerName: "",
        consentPublish: true,
        consentContact: false,
        receivedAt,
        fiscalYear: meeting.fiscalYear,
        publicSubject: input.subject,
        publicBody: input.body,
        published: true,
        publishedAt: new Date(),
        source: "meeting",
        meetingId: meeting.id,
      })
      .returning({ id: letters.id });
    await tx.insert(letterSteps).values({
      municipalityCode: mc,
      letterId: row!.id,
      kind: "received",
      actor: actor.label,
      occurredAt: receivedAt,
    });
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.proposal",
      recordType: "letter",
      recordKey: number,
      after: { meeting: meeting.id, ...input },
    });
    await announceChange(tx, mc);
    return number;
  });
  changed(db, [mc]);
  return receipt;
}
