/**
 * Town meetings with the mayor (市長と語ろう会): recording a meeting and the proposals raised at
 * it, and reading them. A proposal is a letter row with source "meeting": it gets a receipt
 * number and then follows the letters' triage, timeline, outcomes and publication (store.ts),
 * with no writer and so no personal data and no mail.
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { hashToken, nextReceiptNumber } from "../letters/index.ts";
import { letterSteps, letters } from "../letters/schema.ts";
import { permissions } from "./permissions.ts";
import {
  type MeetingProposalSubmission,
  type MeetingSubmission,
  validateMeeting,
  validateMeetingProposal,
} from "./rules.ts";
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

const STALE_MEETING =
  "この記録は、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください";

/** Records a meeting (planners), as a draft seen by staff only until it is published. */
export async function recordMeeting(
  ctx: ActionContext<Principal>,
  submission: MeetingSubmission,
): Promise<Outcome<number>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.record);
  if (no) return no;
  const checked = validateMeeting(submission);
  if (!checked.ok) return invalid(checked.details);
  const input = checked.value;
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
  return saved(id);
}

/** Corrects a meeting record; the form carries the version it was opened on. */
export async function updateMeeting(
  ctx: ActionContext<Principal>,
  input: { id: number; version: number; submission: MeetingSubmission },
): Promise<Outcome<undefined, Meeting>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.update);
  if (no) return no;
  const checked = validateMeeting(input.submission);
  if (!checked.ok) return invalid(checked.details);
  const values = checked.value;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<undefined, Meeting>> => {
    const before = await lockMeeting(tx, mc, input.id);
    if (before.version !== input.version) return conflict(before, STALE_MEETING);
    await tx
      .update(meetings)
      .set({ ...values, version: before.version + 1 })
      .where(eq(meetings.id, input.id));
    const { id: _, municipalityCode: __, version: ___, ...shown } = before;
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.update",
      recordType: "meeting",
      recordKey: String(input.id),
      before: shown,
      after: values,
    });
    await announceChange(tx, mc);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * Publishes a meeting record (planners): the meeting and its published proposals become public.
 * Publishing a published record again changes nothing.
 */
export async function publishMeeting(
  ctx: ActionContext<Principal>,
  input: { id: number; version: number },
): Promise<Outcome<undefined, Meeting>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.publish);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<undefined, Meeting>> => {
    const before = await lockMeeting(tx, mc, input.id);
    if (before.version !== input.version) return conflict(before, STALE_MEETING);
    if (before.status === "published") return unchanged();
    const publishedAt = new Date();
    await tx
      .update(meetings)
      .set({ status: "published", publishedAt, version: before.version + 1 })
      .where(eq(meetings.id, input.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "meeting.publish",
      recordType: "meeting",
      recordKey: String(input.id),
      before: { status: before.status },
      after: { status: "published", publishedAt },
    });
    await announceChange(tx, mc);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * Records a proposal raised at a meeting: a letter of kind "proposal" from the meeting, received
 * on the day of the meeting, published at once (the text is staff's summary, with no names) —
 * public once its meeting is. It then moves on through the letter pages. Gives its receipt number.
 */
export async function addMeetingProposal(
  ctx: ActionContext<Principal>,
  input: { meetingId: number; submission: MeetingProposalSubmission },
): Promise<Outcome<string>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.addProposal);
  if (no) return no;
  const checked = validateMeetingProposal(input.submission);
  if (!checked.ok) return invalid(checked.details);
  const proposal = checked.value;
  const receipt = await withTenant(db, mc, async (tx) => {
    const meeting = await lockMeeting(tx, mc, input.meetingId);
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
        subject: proposal.subject,
        body: proposal.body,
        category: proposal.category,
        kind: "proposal",
        writerName: "",
        consentPublish: true,
        consentContact: false,
        receivedAt,
        fiscalYear: meeting.fiscalYear,
        publicSubject: proposal.subject,
        publicBody: proposal.body,
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
      after: { meeting: meeting.id, ...proposal },
    });
    await announceChange(tx, mc);
    return number;
  });
  changed(db, [mc]);
  return saved(receipt);
}
