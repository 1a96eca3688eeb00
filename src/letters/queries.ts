/**
 * Reading letters. Public readers get `PublicLetter` only: the redacted subject and text and the
 * timeline, never a column with personal data. Staff readers get the whole letter.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, min, or, type SQL } from "drizzle-orm";
import { auditLog } from "../core/audit-schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { meetings } from "../meetings/schema.ts";
import { sections } from "../municipalities/schema.ts";
import { planNodes, plans } from "../plan/schema.ts";
import { CONTACT_ERASED, isContactErased } from "./retention-rules.ts";
import {
  type LetterKind,
  type LetterSource,
  letterAttachments,
  letterNodes,
  letterSteps,
  letters,
  type Outcome,
  type StepKind,
} from "./schema.ts";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface NodeRef {
  code: string;
  title: string;
  kind: string;
  planCode: string;
  /** Its public page, under /{code}/. */
  path: string;
}

export interface TimelineStep {
  id: number;
  kind: StepKind;
  outcome: Outcome | null;
  reason: string | null;
  publicComment: string | null;
  reflectedNode: NodeRef | null;
  reflectedFromFiscalYear: number | null;
  occurredAt: Date;
}

/** What anyone may see of a published letter. */
export interface PublicLetter {
  receiptNumber: string;
  subject: string;
  body: string;
  category: string;
  kind: LetterKind;
  receivedAt: Date;
  fiscalYear: number;
  status: StepKind;
  outcome: Outcome | null;
  /** A letter from the form, or a proposal raised at a town meeting (with that meeting). */
  source: LetterSource;
  meeting: { id: number; theme: string; heldOn: string } | null;
  nodes: NodeRef[];
  steps: TimelineStep[];
}

async function nodeRefs(tx: Tx, mc: string) {
  const rows = await tx
    .select({
      id: planNodes.id,
      parentId: planNodes.parentId,
      code: planNodes.code,
      title: planNodes.title,
      kind: planNodes.kind,
      planCode: plans.code,
    })
    .from(planNodes)
    .innerJoin(plans, eq(plans.id, planNodes.planId))
    .where(eq(planNodes.municipalityCode, mc));
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const pathOf = (r: (typeof rows)[number]) => {
    if (r.kind === "measure") return `measures/${r.code}`;
    if (r.kind === "program") return `programs/${r.code}`;
    const parent = r.parentId === null ? undefined : codeOf.get(r.parentId);
    if (r.kind === "initiative" && parent) return `measures/${parent}#${r.code}`;
    return `plans/${r.planCode}`;
  };
  return new Map<number, NodeRef>(
    rows.map((r) => [
      r.id,
      { code: r.code, title: r.title, kind: r.kind, planCode: r.planCode, path: pathOf(r) },
    ]),
  );
}

async function stepsOf(tx: Tx, mc: string, ids: number[], refs: Map<number, NodeRef>) {
  if (ids.length === 0) return new Map<number, TimelineStep[]>();
  const rows = await tx
    .select()
    .from(letterSteps)
    .where(and(eq(letterSteps.municipalityCode, mc), inArray(letterSteps.letterId, ids)))
    .orderBy(asc(letterSteps.occurredAt), asc(letterSteps.id));
  const out = new Map<number, TimelineStep[]>();
  for (const r of rows) {
    const list = out.get(r.letterId) ?? [];
    list.push({
      id: r.id,
      kind: r.kind,
      outcome: r.outcome,
      reason: r.reason,
      publicComment: r.publicComment,
      reflectedNode: r.reflectedNodeId ? (refs.get(r.reflectedNodeId) ?? null) : null,
      reflectedFromFiscalYear: r.reflectedFromFiscalYear,
      occurredAt: r.occurredAt,
    });
    out.set(r.letterId, list);
  }
  return out;
}

async function nodesOf(tx: Tx, mc: string, ids: number[], refs: Map<number, NodeRef>) {
  if (ids.length === 0) return new Map<number, NodeRef[]>();
  const rows = await tx
    .select()
    .from(letterNodes)
    .where(and(eq(letterNodes.municipalityCode, mc), inArray(letterNodes.letterId, ids)));
  const out = new Map<number, NodeRef[]>();
  for (const r of rows) {
    const ref = refs.get(r.nodeId);
    if (!ref) continue;
    out.set(r.letterId, [...(out.get(r.letterId) ?? []), ref]);
  }
  for (const list of out.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

export interface PublicFilter {
  category?: string;
  outcome?: string;
  node?: string;
  fiscalYear?: number;
  meetingId?: number;
}

/**
 * A letter anyone may read: published, and — for a town meeting's proposal — its meeting
 * published too (a draft meeting's proposals wait with it). Needs `meetings` left-joined.
 */
const isPublic = (mc: string) =>
  and(
    eq(letters.municipalityCode, mc),
    eq(letters.published, true),
    or(isNull(letters.meetingId), eq(meetings.status, "published")),
  );

/** Published letters (redacted), newest first, with their timelines. */
export function listPublished(db: Db, mc: string, filter: PublicFilter = {}) {
  return withTenant(db, mc, async (tx) => {
    const where: (SQL | undefined)[] = [
      isPublic(mc),
      filter.category ? eq(letters.category, filter.category) : undefined,
      filter.outcome ? eq(letters.outcome, filter.outcome as Outcome) : undefined,
      filter.fiscalYear !== undefined ? eq(letters.fiscalYear, filter.fiscalYear) : undefined,
      filter.meetingId !== undefined ? eq(letters.meetingId, filter.meetingId) : undefined,
    ];
    const rows = await tx
      .select({
        id: letters.id,
        receiptNumber: letters.receiptNumber,
        subject: letters.publicSubject,
        body: letters.publicBody,
        category: letters.category,
        kind: letters.kind,
        receivedAt: letters.receivedAt,
        fiscalYear: letters.fiscalYear,
        status: letters.status,
        outcome: letters.outcome,
        source: letters.source,
        meetingId: meetings.id,
        meetingTheme: meetings.theme,
        meetingHeldOn: meetings.heldOn,
      })
      .from(letters)
      .leftJoin(meetings, eq(meetings.id, letters.meetingId))
      .where(and(...where))
      .orderBy(desc(letters.receivedAt), desc(letters.id));
    const refs = await nodeRefs(tx, mc);
    const ids = rows.map((r) => r.id);
    const [steps, nodes] = await Promise.all([
      stepsOf(tx, mc, ids, refs),
      nodesOf(tx, mc, ids, refs),
    ]);
    const list: PublicLetter[] = rows.map(
      ({ id, subject, body, meetingId, meetingTheme, meetingHeldOn, ...r }) => ({
        ...r,
        meeting:
          meetingId !== null && meetingTheme !== null && meetingHeldOn !== null
            ? { id: meetingId, theme: meetingTheme, heldOn: meetingHeldOn }
            : null,
        subject: subject ?? "",
        body: body ?? "",
        nodes: nodes.get(id) ?? [],
        steps: steps.get(id) ?? [],
      }),
    );
    const years = await tx
      .selectDistinct({ fiscalYear: letters.fiscalYear })
      .from(letters)
      .leftJoin(meetings, eq(meetings.id, letters.meetingId))
      .where(isPublic(mc));
    const touched = filter.node
      ? list.filter(
          (l) =>
            l.nodes.some((n) => n.code === filter.node) ||
            l.steps.some((s) => s.reflectedNode?.code === filter.node),
        )
      : list;
    return {
      letters: touched,
      years: years.map((y) => y.fiscalYear).sort((a, b) => b - a),
      nodes: [...refs.values()]
        .filter((n) => n.kind !== "policy")
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}

export async function findPublished(db: Db, mc: string, receipt: string) {
  const { letters: list } = await listPublished(db, mc);
  return list.find((l) => l.receiptNumber === receipt);
}

/**
 * When the writer's contact details were erased (the time of the erasure's audit entry), or
 * null while they are held.
 */
export async function contactErasedAt(
  tx: Tx,
  mc: string,
  letter: { receiptNumber: string; writerName: string },
): Promise<Date | null> {
  if (!isContactErased(letter)) return null;
  const [row] = await tx
    .select({ at: min(auditLog.occurredAt) })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.municipalityCode, mc),
        eq(auditLog.recordType, "letter"),
        eq(auditLog.recordKey, letter.receiptNumber),
        eq(auditLog.action, CONTACT_ERASED),
      ),
    );
  return row?.at ?? null;
}

/** The writer's own view, through the private status token: their letter and its timeline. */
export function findByToken(db: Db, mc: string, token: string) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select()
      .from(letters)
      .where(and(eq(letters.municipalityCode, mc), eq(letters.statusTokenHash, hashToken(token))));
    if (!row) return undefined;
    const refs = await nodeRefs(tx, mc);
    const steps = (await stepsOf(tx, mc, [row.id], refs)).get(row.id) ?? [];
    const files = await tx
      .select({ name: letterAttachments.name, size: letterAttachments.size })
      .from(letterAttachments)
      .where(eq(letterAttachments.letterId, row.id))
      .orderBy(asc(letterAttachments.id));
    return { letter: row, steps, files, contactErasedAt: await contactErasedAt(tx, mc, row) };
  });
}

export type StaffLetter = typeof letters.$inferSelect & { sectionCode: string | null };

export interface StaffFilter {
  status?: string;
  kind?: string;
  section?: string;
  published?: string;
}

/** Letters for the staff list: a planner sees all, an editor those of their sections. */
export function listForStaff(
  db: Db,
  mc: string,
  filter: StaffFilter,
  onlySections: string[] | null,
) {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select({
        receiptNumber: letters.receiptNumber,
        subject: letters.subject,
        source: letters.source,
        category: letters.category,
        kind: letters.kind,
        receivedAt: letters.receivedAt,
        dueDate: letters.dueDate,
        status: letters.status,
        outcome: letters.outcome,
        published: letters.published,
        consentPublish: letters.consentPublish,
        sectionCode: sections.code,
        sectionName: sections.name,
      })
      .from(letters)
      .leftJoin(sections, eq(sections.id, letters.sectionId))
      .where(
        and(
          eq(letters.municipalityCode, mc),
          filter.status ? eq(letters.status, filter.status as StepKind) : undefined,
          filter.kind ? eq(letters.kind, filter.kind as LetterKind) : undefined,
          filter.section ? eq(sections.code, filter.section) : undefined,
          filter.published === "yes" ? eq(letters.published, true) : undefined,
          filter.published === "no" ? eq(letters.published, false) : undefined,
        ),
      )
      .orderBy(desc(letters.receivedAt), desc(letters.id));
    return onlySections
      ? rows.filter((r) => r.sectionCode !== null && onlySections.includes(r.sectionCode))
      : rows;
  });
}

export type StaffListRow = Awaited<ReturnType<typeof listForStaff>>[number];

/** One letter, whole, for staff: personal data, timeline, related nodes, attachments. */
export function findForStaff(db: Db, mc: string, receipt: string) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({ letter: letters, sectionCode: sections.code, meetingStatus: meetings.status })
      .from(letters)
      .leftJoin(sections, eq(sections.id, letters.sectionId))
      .leftJoin(meetings, eq(meetings.id, letters.meetingId))
      .where(and(eq(letters.municipalityCode, mc), eq(letters.receiptNumber, receipt)));
    if (!row) return undefined;
    const refs = await nodeRefs(tx, mc);
    const id = row.letter.id;
    const [steps, nodes, files, erasedAt] = await Promise.all([
      stepsOf(tx, mc, [id], refs),
      nodesOf(tx, mc, [id], refs),
      tx
        .select({
          id: letterAttachments.id,
          name: letterAttachments.name,
          contentType: letterAttachments.contentType,
          size: letterAttachments.size,
        })
        .from(letterAttachments)
        .where(eq(letterAttachments.letterId, id))
        .orderBy(asc(letterAttachments.id)),
      contactErasedAt(tx, mc, row.letter),
    ]);
    return {
      letter: { ...row.letter, sectionCode: row.sectionCode } as StaffLetter,
      /** Whether anyone can read it now (isPublic): published, and its meeting too if any. */
      publiclyVisible:
        row.letter.published &&
        (row.letter.meetingId === null || row.meetingStatus === "published"),
      /** When the writer's contact details were erased; null while they are held. */
      contactErasedAt: erasedAt,
      steps: steps.get(id) ?? [],
      nodes: nodes.get(id) ?? [],
      files,
      choices: [...refs.values()]
        .filter((n) => n.kind !== "policy")
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}

export type StaffLetterView = NonNullable<Awaited<ReturnType<typeof findForStaff>>>;

/** One attachment's content, for staff. */
export function readAttachment(db: Db, mc: string, receipt: string, attachmentId: number) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({
        name: letterAttachments.name,
        contentType: letterAttachments.contentType,
        content: letterAttachments.content,
      })
      .from(letterAttachments)
      .innerJoin(letters, eq(letters.id, letterAttachments.letterId))
      .where(
        and(
          eq(letterAttachments.municipalityCode, mc),
          eq(letterAttachments.id, attachmentId),
          eq(letters.receiptNumber, receipt),
        ),
      );
    return row;
  });
}

/** The plan node a code names in the municipality, for triage and outcomes. */
export async function nodeIdsByCode(tx: Tx, mc: string, codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: number; kind: string }>();
  const rows = await tx
    .select({ id: planNodes.id, code: planNodes.code, kind: planNodes.kind })
    .from(planNodes)
    .where(and(eq(planNodes.municipalityCode, mc), inArray(planNodes.code, codes)));
  return new Map(rows.map((r) => [r.code, { id: r.id, kind: r.kind }]));
}
