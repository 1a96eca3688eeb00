/**
 * Receiving a letter from the public form: the receipt number of the fiscal year (shared with
 * town-meeting proposals), the writer's private status token, the first timeline step, the
 * attachments and the writer's acknowledgement mail prepared in the outbox, all in one
 * transaction with its audit entry; the proposal share indicator is recomputed there too.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, type Change, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { enqueue } from "../core/outbox.ts";
import { type ActionContext, invalid, type Outcome, saved } from "../core/outcome.ts";
import { checkAttachments, type UploadedFile } from "./attachments.ts";
import { LETTERS_ONLY, recomputeShare } from "./computed-actuals.ts";
import { hashToken } from "./queries.ts";
import { receiverAddresses } from "./reception.ts";
import {
  CATEGORIES,
  fiscalYearInJapan,
  KIND_LABELS,
  type LetterSubmission,
  receiptNumber,
  receiptSeq,
  validateSubmission,
} from "./rules.ts";
import { letterAttachments, letterSteps, letters } from "./schema.ts";

/** The public form's actor in the audit trail: nobody signed in, with their address. */
export const writerActor = (address?: string): Actor => ({ label: "public:letter-form", address });

/** The next receipt number of the fiscal year (letters and town-meeting proposals share it). */
export async function nextReceiptNumber(tx: Tx, mc: string, fiscalYear: number) {
  // One receipt number at a time per municipality.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`letters:${mc}`}))`);
  const taken = await tx
    .select({ r: letters.receiptNumber })
    .from(letters)
    .where(and(eq(letters.municipalityCode, mc), eq(letters.fiscalYear, fiscalYear)));
  return receiptNumber(
    fiscalYear,
    Math.max(0, ...taken.map((t) => receiptSeq(t.r, fiscalYear))) + 1,
  );
}

/**
 * Receives a letter from the public form: receipt number, private token, timeline, mail. Nobody
 * is signed in (`who` is null: the public); the actor is the form with the writer's address. A
 * filled honeypot is invalid with the honeypot field's detail (rules.ts HONEYPOT).
 */
export async function receiveLetter(
  ctx: ActionContext<null>,
  opts: {
    submission: LetterSubmission;
    files: UploadedFile[];
    statusUrl: (token: string) => string;
    /** The letter's staff page, for the receivers' mail (default: its path). */
    staffUrl?: (receipt: string) => string;
    municipalityName: string;
    now?: Date;
  },
): Promise<Outcome<{ receiptNumber: string; token: string }>> {
  const { db, municipality: mc, actor } = ctx;
  const checked = validateSubmission(opts.submission);
  const attached = checkAttachments(opts.files);
  if (!checked.ok || !attached.ok)
    return invalid([
      ...(checked.ok ? [] : checked.details),
      ...(attached.ok || (!checked.ok && checked.spam) ? [] : attached.details),
    ]);
  const input = checked.value;
  const files = attached.value;
  const now = opts.now ?? new Date();
  const token = randomBytes(24).toString("base64url");
  const fiscalYear = fiscalYearInJapan(now);
  let change: Change = LETTERS_ONLY;
  const receipt = await withTenant(db, mc, async (tx) => {
    const number = await nextReceiptNumber(tx, mc, fiscalYear);
    const [row] = await tx
      .insert(letters)
      .values({
        municipalityCode: mc,
        receiptNumber: number,
        statusTokenHash: hashToken(token),
        subject: input.subject,
        body: input.body,
        category: input.category,
        kind: input.kind,
        writerName: input.name,
        writerAddress: input.address,
        writerPhone: input.phone,
        writerEmail: input.email,
        consentPublish: input.consentPublish,
        consentContact: input.consentContact,
        receivedAt: now,
        fiscalYear,
      })
      .returning({ id: letters.id });
    await tx.insert(letterSteps).values({
      municipalityCode: mc,
      letterId: row!.id,
      kind: "received",
      actor: actor.label,
      occurredAt: now,
    });
    if (files.length)
      await tx.insert(letterAttachments).values(
        files.map((f) => ({
          municipalityCode: mc,
          letterId: row!.id,
          name: f.name,
          contentType: f.contentType,
          size: f.bytes.length,
          content: Buffer.from(f.bytes),
        })),
      );
    await audit(tx, actor, {
      municipality: mc,
      action: "letter.receive",
      recordType: "letter",
      recordKey: number,
      after: { kind: input.kind, category: input.category, attachments: files.length },
    });
    if (input.consentContact && input.email)
      await enqueue(tx, mc, {
        key: `letter/${number}/received`,
        to: input.email,
        subject: `【${opts.municipalityName}】市長へのたよりを受け付けました（受付番号 ${number}）`,
        text: [
          "市長へのたよりをお送りいただき、ありがとうございます。",
          `受付番号: ${number}`,
          `件名: ${input.subject}`,
          "",
          "対応の状況は次のページでご覧いただけます（このリンクは他の人に知らせないでください）。",
          opts.statusUrl(token),
          "",
          "対応が進むたびに、このアドレスへお知らせします。",
        ].join("\n"),
      });
    // The staff assigned to receive letters are told; the mail names no writer and no text.
    const staffUrl = opts.staffUrl?.(number) ?? `/${mc}/manage/letters/${number}`;
    for (const r of await receiverAddresses(tx, mc))
      await enqueue(tx, mc, {
        key: `letter-desk/${number}/${r.userId}`,
        to: r.email,
        subject: `【${opts.municipalityName}】市長へのたよりが届きました（受付番号 ${number}）`,
        text: [
          "市長へのたよりが届きました。分類と担当課の指定をお願いします。",
          `受付番号: ${number}`,
          `種類: ${KIND_LABELS[input.kind]}`,
          `分野: ${CATEGORIES[input.category]}`,
          `添付ファイル: ${files.length}件`,
          "",
          "内容は職員用ページで確認してください（このメールには投稿者の情報を含めていません）。",
          staffUrl,
        ].join("\n"),
      });
    change = await recomputeShare(tx, mc, { actor, now });
    await announceChange(tx, mc, change);
    return number;
  });
  changed(db, [mc], change);
  return saved({ receiptNumber: receipt, token });
}
