/**
 * The staff's writes on a letter: triage, timeline steps and the redacted public version. Each
 * write locks the letter, refuses a stale form, and is one transaction with its audit entry; a
 * step prepares the writer's e-mail in the outbox in the same transaction, and a change of kind
 * recomputes the proposal share indicator. Receiving a letter is in receive.ts.
 */
import { and, eq } from "drizzle-orm";
import { mayUpdateFor, type Permission, type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, type Change, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { readDateField } from "../core/fiscal-year.ts";
import { enqueue } from "../core/outbox.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
} from "../core/outcome.ts";
import { sections } from "../municipalities/schema.ts";
import { LETTERS_ONLY, recomputeShare } from "./computed-actuals.ts";
import { permissions } from "./permissions.ts";
import { nodeIdsByCode } from "./queries.ts";
import { isReceiverIn } from "./reception.ts";
import {
  checkPublication,
  describeFinding,
  findingKey,
  findPersonalData,
  maskFindings,
  personalDataIn,
  personalDataOf,
} from "./redaction.ts";
import { isContactErased } from "./retention-rules.ts";
import {
  isCategory,
  isLetterKind,
  OUTCOME_LABELS,
  STEP_LABELS,
  type StepSubmission,
  validateStep,
} from "./rules.ts";
import { letterNodes, letterSteps, letters } from "./schema.ts";

async function lockLetter(tx: Tx, mc: string, receipt: string) {
  const [row] = await tx
    .select({ letter: letters, sectionCode: sections.code })
    .from(letters)
    .leftJoin(sections, eq(sections.id, letters.sectionId))
    .where(and(eq(letters.municipalityCode, mc), eq(letters.receiptNumber, receipt)))
    .for("update", { of: letters });
  if (!row) throw new AppError("not_found", `受付番号 ${receipt} のたよりが見つかりません`);
  return { ...row.letter, sectionCode: row.sectionCode };
}

type LockedLetter = Awaited<ReturnType<typeof lockLetter>>;

const STALE_LETTER =
  "このたよりは、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください";

/**
 * A staff write on one letter: refused without the permission (or, with `allowed`, by the
 * letter's own rule), a conflict when the letter changed since the form was opened, else `write`
 * on the locked letter in the tenant transaction.
 */
async function onLetter<T>(
  ctx: ActionContext<Principal>,
  input: { receipt: string; version: number },
  permission: Permission,
  /** `announce` tells every process, on commit, what changed (a change of letters at least). */
  write: (
    tx: Tx,
    letter: LockedLetter,
    announce: (change: Change) => Promise<void>,
  ) => Promise<Outcome<T, LockedLetter>>,
  allowed?: (letter: LockedLetter) => Outcome<T, LockedLetter> | null,
  /** A receiver of letters (reception.ts) may too, whatever their role. */
  orReceiver = false,
): Promise<Outcome<T, LockedLetter>> {
  const no = refusal(ctx.who, permission);
  if (no && !orReceiver) return no;
  const mc = ctx.municipality;
  let change: Change = LETTERS_ONLY;
  const outcome = await withTenant(ctx.db, mc, async (tx): Promise<Outcome<T, LockedLetter>> => {
    if (no && !(await isReceiverIn(tx, mc, ctx.who))) return no;
    const letter = await lockLetter(tx, mc, input.receipt);
    const refused = allowed?.(letter);
    if (refused) return refused;
    if (letter.version !== input.version) return conflict(letter, STALE_LETTER);
    return write(tx, letter, async (c) => {
      change = c;
      await announceChange(tx, mc, c);
    });
  });
  if (outcome.status === "saved") changed(ctx.db, [mc], change);
  return outcome;
}

/** May this person read the letter (with its personal data) and add steps to it? */
export const mayHandle = (
  who: Pick<Principal, "role" | "sectionCodes">,
  letter: { sectionCode: string | null },
) => mayUpdateFor(who, letter.sectionCode ? [letter.sectionCode] : []);

export interface TriageInput {
  receipt: string;
  version: number;
  kind: string;
  category: string;
  section: string;
  dueDate: string;
  nodes: string[];
}

/** Triage: classify the letter, relate it to plan nodes, assign a section and a due date. */
export async function triageLetter(
  ctx: ActionContext<Principal>,
  input: TriageInput,
): Promise<Outcome<undefined, LockedLetter>> {
  const { municipality: mc, actor } = ctx;
  const receipt = input.receipt;
  return onLetter(
    ctx,
    input,
    permissions.triage,
    async (tx, letter, announce) => {
      const details: ErrorDetail[] = [];
      if (!isLetterKind(input.kind))
        details.push({ location: "kind", message: "種類を選んでください" });
      if (!isCategory(input.category))
        details.push({ location: "category", message: "分野を選んでください" });
      let sectionId: number | null = null;
      if (input.section !== "") {
        const [s] = await tx
          .select({ id: sections.id })
          .from(sections)
          .where(and(eq(sections.municipalityCode, mc), eq(sections.code, input.section)));
        if (!s) details.push({ location: "section", message: "担当課が見つかりません" });
        else sectionId = s.id;
      }
      const due = readDateField(input.dueDate, "回答期限", { optional: true });
      if (!due.ok) details.push({ location: "dueDate", message: due.message });
      const codes = [...new Set(input.nodes.filter(Boolean))];
      const found = await nodeIdsByCode(tx, mc, codes);
      const unknown = codes.filter((c) => !found.has(c));
      if (unknown.length)
        details.push({
          location: "nodes",
          message: `計画の項目 ${unknown.join("、")} はありません`,
        });
      if (details.length) return invalid(details);
      const before = {
        kind: letter.kind,
        category: letter.category,
        section: letter.sectionCode,
        dueDate: letter.dueDate,
      };
      const after = {
        kind: input.kind as typeof letter.kind,
        category: input.category,
        section: input.section || null,
        dueDate: due.ok ? due.date : null,
      };
      await tx
        .update(letters)
        .set({
          kind: after.kind,
          category: after.category,
          sectionId,
          dueDate: after.dueDate,
          version: letter.version + 1,
        })
        .where(eq(letters.id, letter.id));
      await tx.delete(letterNodes).where(eq(letterNodes.letterId, letter.id));
      if (codes.length)
        await tx.insert(letterNodes).values(
          codes.map((c) => ({
            municipalityCode: mc,
            letterId: letter.id,
            nodeId: found.get(c)!.id,
          })),
        );
      await audit(tx, actor, {
        municipality: mc,
        action: "letter.triage",
        recordType: "letter",
        recordKey: receipt,
        before,
        after: { ...after, nodes: codes },
      });
      await announce(
        after.kind !== letter.kind ? await recomputeShare(tx, mc, { actor }) : LETTERS_ONLY,
      );
      return saved(undefined);
    },
    undefined,
    true,
  );
}

/**
 * Adds a step to the timeline and prepares the writer's notification. Says whether a mail was
 * prepared, and whether none could be because the writer's contact details were erased.
 */
export async function addStep(
  ctx: ActionContext<Principal>,
  input: {
    receipt: string;
    version: number;
    submission: StepSubmission;
    municipalityName: string;
  },
): Promise<Outcome<{ mailed: boolean; contactErased: boolean }, LockedLetter>> {
  const { municipality: mc, who, actor } = ctx;
  const receipt = input.receipt;
  // The section rule: an editor handles their own sections' letters only.
  const ownSections = (letter: LockedLetter) =>
    mayHandle(who, letter)
      ? null
      : forbidden(
          "対応の記録は、担当課の入力担当（editor）か企画担当（planner）以上の方が行います",
        );
  const write = async (
    tx: Tx,
    letter: LockedLetter,
    announce: (change: Change) => Promise<void>,
  ) => {
    const checked = validateStep(input.submission, letter);
    if (!checked.ok) return invalid(checked.details);
    const step = checked.value;
    const details: ErrorDetail[] = [];
    let nodeId: number | null = null;
    if (step.reflectedNodeCode) {
      const node = (await nodeIdsByCode(tx, mc, [step.reflectedNodeCode])).get(
        step.reflectedNodeCode,
      );
      if (!node || (node.kind !== "initiative" && node.kind !== "program"))
        details.push({
          location: "reflectedNode",
          message: `反映先 ${step.reflectedNodeCode} は取組・事務事業として見つかりません`,
        });
      else nodeId = node.id;
    }
    for (const [field, text] of [
      ["publicComment", step.publicComment],
      ["reason", step.reason],
    ] as const) {
      const found = text ? personalDataIn(text, personalDataOf(letter)) : [];
      if (found.length)
        details.push({
          location: field,
          message: `公開される文章に個人情報が含まれています: ${found.join("、")}`,
        });
    }
    if (details.length) return invalid(details);
    const [row] = await tx
      .insert(letterSteps)
      .values({
        municipalityCode: mc,
        letterId: letter.id,
        kind: step.kind,
        outcome: step.outcome,
        reason: step.reason,
        reflectedNodeId: nodeId,
        reflectedFromFiscalYear: step.reflectedFromFiscalYear,
        publicComment: step.publicComment,
        actor: actor.label,
      })
      .returning({ id: letterSteps.id });
    await tx
      .update(letters)
      .set({
        status: step.kind,
        outcome: step.kind === "outcome" ? step.outcome : letter.outcome,
        version: letter.version + 1,
      })
      .where(eq(letters.id, letter.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "letter.step",
      recordType: "letter",
      recordKey: receipt,
      before: { status: letter.status, outcome: letter.outcome },
      after: { step: row!.id, ...step },
    });
    const to = letter.consentContact ? letter.writerEmail : null;
    if (to)
      await enqueue(tx, mc, {
        key: `letter/${receipt}/step/${row!.id}`,
        to,
        subject: `【${input.municipalityName}】市長へのたより（受付番号 ${receipt}）の対応が進みました`,
        text: [
          `受付番号 ${receipt}「${letter.subject}」の対応状況をお知らせします。`,
          "",
          `段階: ${STEP_LABELS[step.kind]}`,
          step.outcome ? `結果: ${OUTCOME_LABELS[step.outcome]}` : null,
          step.reason ? `理由: ${step.reason}` : null,
          step.publicComment ? `\n${step.publicComment}` : null,
          "",
          "これまでの経過は、受付時にお知らせした状況確認のリンクからご覧いただけます。",
        ]
          .filter((l) => l !== null)
          .join("\n"),
      });
    await announce(LETTERS_ONLY);
    return saved({ mailed: to !== null, contactErased: isContactErased(letter) });
  };
  return onLetter(ctx, input, permissions.addStep, write, ownSections);
}

/** The writer's personal data to keep out of public text (none left once erased). */

const PUBLIC_VERSION_ACTIONS = {
  save: { action: "letter.save" },
  publish: { action: "letter.publish" },
  unpublish: { action: "letter.unpublish" },
} as const;

export interface PublicVersionInput {
  receipt: string;
  version: number;
  publicSubject: string;
  publicBody: string;
  /** save: keep the redacted text; publish: save and publish; unpublish: withdraw it. */
  mode: "save" | "publish" | "unpublish";
  /**
   * The personal data found in the text (redaction.ts `findingKey`) to replace with ＊＊＊, and
   * to keep as written (not personal data, or published with the writer's leave).
   */
  mask?: string[];
  keep?: string[];
}

/**
 * The redacted public version. Publishing needs the writer's consent and a text free of their
 * personal data; saving only keeps the text (still checked for personal data, so that it never
 * waits in the database ready to be published by mistake).
 */
export async function savePublicVersion(
  ctx: ActionContext<Principal>,
  input: PublicVersionInput,
): Promise<Outcome<undefined, LockedLetter>> {
  const { municipality: mc, actor } = ctx;
  const receipt = input.receipt;
  return onLetter(ctx, input, permissions.publish, async (tx, letter, announce) => {
    const who = personalDataOf(letter);
    const mask = new Set(input.mask ?? []);
    const keep = new Set(input.keep ?? []);
    const redact = (raw: string) => {
      const text = raw.replace(/\r\n?/g, "\n").trim();
      return maskFindings(text, findPersonalData(text, who), mask);
    };
    const publicSubject = redact(input.publicSubject);
    const publicBody = redact(input.publicBody);
    // What stays in the text because someone said so: recorded in the audit entry.
    const kept = [publicSubject, publicBody].flatMap((t) =>
      findPersonalData(t, who)
        .filter((f) => keep.has(findingKey(f)))
        .map(describeFinding),
    );
    let published = letter.published;
    if (input.mode === "unpublish") published = false;
    else {
      const details = checkPublication(
        { publicSubject, publicBody },
        { ...who, consentPublish: letter.consentPublish },
        input.mode,
        keep,
      );
      if (details.some((d) => d.location === "publish"))
        return invalid(details, "このたよりは公開できません");
      if (details.length) return invalid(details);
      if (input.mode === "publish") published = true;
    }
    await tx
      .update(letters)
      .set({
        publicSubject: input.mode === "unpublish" ? letter.publicSubject : publicSubject,
        publicBody: input.mode === "unpublish" ? letter.publicBody : publicBody,
        published,
        publishedAt: published ? (letter.publishedAt ?? new Date()) : null,
        version: letter.version + 1,
      })
      .where(eq(letters.id, letter.id));
    await audit(tx, actor, {
      municipality: mc,
      ...PUBLIC_VERSION_ACTIONS[input.mode],
      recordType: "letter",
      recordKey: receipt,
      before: {
        published: letter.published,
        publicSubject: letter.publicSubject,
        publicBody: letter.publicBody,
      },
      after: {
        published,
        publicSubject,
        publicBody,
        ...(input.mode !== "unpublish" && kept.length
          ? { keptPersonalData: [...new Set(kept)] }
          : {}),
      },
    });
    await announce(LETTERS_ONLY);
    return saved(undefined);
  });
}
