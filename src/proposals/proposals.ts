/**
 * Staff proposals (職員提案制度), the writes: submitting, the committee's criteria, scores,
 * decision and implementation record (reading them as each person may is in queries.ts). Every
 * write is one transaction with its audit entry; a submission also recomputes 職員提案の提案数.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { type ActionContext, conflict, invalid, type Outcome, saved } from "../core/outcome.ts";
import {
  type ComputedOptions,
  indicatorsWhere,
  recordComputedActuals,
} from "../indicators/index.ts";
import { fiscalYearInJapan, receiptNumber, receiptSeq } from "../letters/index.ts";
import { listSections } from "../municipalities/index.ts";
import { takeDraft } from "./drafts.ts";
import { notifyProposer } from "./notices.ts";
import { permissions } from "./permissions.ts";
import { criteriaIn } from "./queries.ts";
import {
  type Criterion,
  countSource,
  type ImplementationSubmission,
  isStaffProposalCountIndicator,
  type ProposalSubmission,
  proposalCounts,
  validateCriteria,
  validateDecision,
  validateImplementation,
  validateProposal,
  validateScores,
} from "./rules.ts";
import { proposalCriteria, proposalScores, staffProposals } from "./schema.ts";

/** Where the proposer's mail links to: the site's origin, when the request gives it. */
type Notice = { origin?: string };

export type StaffProposal = typeof staffProposals.$inferSelect;

/**
 * Computes 職員提案の提案数 for every fiscal year with proposals (the year in progress is shown as
 * 集計中 until its round closes: indicators' recordComputedActuals).
 */
export async function recomputeProposalCount(tx: Tx, mc: string, options: ComputedOptions = {}) {
  const found = await indicatorsWhere(tx, mc, isStaffProposalCountIndicator);
  if (found.length === 0) return [];
  const years = proposalCounts(
    await tx
      .select({ fiscalYear: staffProposals.fiscalYear })
      .from(staffProposals)
      .where(eq(staffProposals.municipalityCode, mc)),
  );
  for (const indicator of found)
    await recordComputedActuals(
      tx,
      mc,
      indicator.id,
      years.map((y) => ({ fiscalYear: y.fiscalYear, value: y.count, source: countSource(y) })),
      options,
    );
  return years;
}

/**
 * A member of staff submits a proposal (any signed-in role); `now` is when it is submitted (its
 * fiscal year). From a draft (`draft`: its id and the version the form showed), the draft is
 * removed in the same transaction. Gives the proposal's number.
 */
export async function submitProposal(
  ctx: ActionContext<Principal>,
  input: {
    submission: ProposalSubmission;
    now?: Date;
    notice?: Notice;
    draft?: { id: number; version: number };
  },
): Promise<Outcome<string>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.submit);
  if (no) return no;
  const sections = await listSections(db, mc);
  const checked = validateProposal(
    input.submission,
    sections.map((s) => s.code),
  );
  if (!checked.ok) return invalid(checked.details);
  const proposal = checked.value;
  const now = input.now ?? new Date();
  const fiscalYear = fiscalYearInJapan(now);
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<string>> => {
    if (input.draft) {
      const gone = await takeDraft(tx, mc, who.userId, input.draft);
      if (gone) return gone;
    }
    // One number at a time per municipality.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`staff_proposals:${mc}`}))`);
    const taken = await tx
      .select({ n: staffProposals.number })
      .from(staffProposals)
      .where(
        and(eq(staffProposals.municipalityCode, mc), eq(staffProposals.fiscalYear, fiscalYear)),
      );
    const number = receiptNumber(
      fiscalYear,
      Math.max(0, ...taken.map((t) => receiptSeq(t.n, fiscalYear))) + 1,
    );
    const [row] = await tx
      .insert(staffProposals)
      .values({
        municipalityCode: mc,
        number,
        fiscalYear,
        submittedAt: now,
        proposerId: who.userId,
        ...proposal,
      })
      .returning();
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.submit",
      recordType: "staff_proposal",
      recordKey: number,
      after: { title: proposal.title, sections: proposal.sectionCodes, group: proposal.groupName },
    });
    if (input.draft)
      await audit(tx, actor, {
        municipality: mc,
        action: "staff_proposal.draft_submitted",
        recordType: "staff_proposal_draft",
        recordKey: String(input.draft.id),
        after: { proposal: number },
      });
    await notifyProposer(tx, mc, row!, "received", input.notice ?? {});
    await recomputeProposalCount(tx, mc, { actor, now });
    await announceChange(tx, mc);
    return saved(number);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * Replaces the committee's criteria (scores already given keep the names they were given for):
 * the rows of the form, those with a name kept in order.
 */
export async function saveCriteria(
  ctx: ActionContext<Principal>,
  rows: { name: string; description: string }[],
): Promise<Outcome<Criterion[]>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.saveCriteria);
  if (no) return no;
  const checked = validateCriteria(rows);
  if (!checked.ok) return invalid(checked.details);
  const criteria = checked.value;
  await withTenant(db, mc, async (tx) => {
    const before = await criteriaIn(tx, mc);
    await tx.delete(proposalCriteria).where(eq(proposalCriteria.municipalityCode, mc));
    await tx.insert(proposalCriteria).values(
      criteria.map((c, i) => ({
        municipalityCode: mc,
        position: i + 1,
        name: c.name,
        description: c.description,
      })),
    );
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.criteria",
      recordType: "proposal_criteria",
      recordKey: mc,
      before,
      after: criteria,
    });
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
  return saved(criteria);
}

async function lockProposal(tx: Tx, mc: string, number: string) {
  const [row] = await tx
    .select()
    .from(staffProposals)
    .where(and(eq(staffProposals.municipalityCode, mc), eq(staffProposals.number, number)))
    .for("update");
  if (!row) throw new AppError("not_found", `提案番号 ${number} の職員提案が見つかりません`);
  return row;
}

const STALE_PROPOSAL =
  "この提案は、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください";

/**
 * A committee member's scores of a proposal (the form's `score0`, `score1`… in the order of the
 * criteria): replaces their earlier ones.
 */
export async function scoreProposal(
  ctx: ActionContext<Principal>,
  input: { number: string; scores: Record<string, string>; notice?: Notice },
): Promise<Outcome<undefined>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.score);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<undefined>> => {
    const p = await lockProposal(tx, mc, input.number);
    const checked = validateScores(input.scores, await criteriaIn(tx, mc));
    if (!checked.ok) return invalid(checked.details);
    const scores = checked.value;
    const [scored] = await tx
      .select({ n: count() })
      .from(proposalScores)
      .where(eq(proposalScores.proposalId, p.id));
    const before = await tx
      .select({ criterion: proposalScores.criterion, score: proposalScores.score })
      .from(proposalScores)
      .where(and(eq(proposalScores.proposalId, p.id), eq(proposalScores.scorerId, who.userId)));
    await tx
      .delete(proposalScores)
      .where(and(eq(proposalScores.proposalId, p.id), eq(proposalScores.scorerId, who.userId)));
    await tx.insert(proposalScores).values(
      scores.map((s) => ({
        municipalityCode: mc,
        proposalId: p.id,
        scorerId: who.userId,
        ...s,
      })),
    );
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.score",
      recordType: "staff_proposal",
      recordKey: input.number,
      before: before.length ? before : null,
      after: scores,
    });
    // The first score of an undecided proposal starts its review.
    if (scored!.n === 0 && p.decision === null)
      await notifyProposer(tx, mc, p, "review", input.notice ?? {});
    await announceChange(tx, mc);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** The committee's decision (may change, e.g. 継続審査 → 採用); the reason is kept with it. */
export async function decideProposal(
  ctx: ActionContext<Principal>,
  input: { number: string; version: number; decision: string; reason: string; notice?: Notice },
): Promise<Outcome<undefined, StaffProposal>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.decide);
  if (no) return no;
  const checked = validateDecision({ decision: input.decision, reason: input.reason });
  if (!checked.ok) return invalid(checked.details);
  const decision = checked.value;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<undefined, StaffProposal>> => {
      const p = await lockProposal(tx, mc, input.number);
      if (p.version !== input.version) return conflict(p, STALE_PROPOSAL);
      await tx
        .update(staffProposals)
        .set({
          decision: decision.decision,
          decisionReason: decision.reason,
          decidedAt: new Date(),
          version: p.version + 1,
        })
        .where(eq(staffProposals.id, p.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "staff_proposal.decide",
        recordType: "staff_proposal",
        recordKey: input.number,
        before: { decision: p.decision, reason: p.decisionReason },
        after: { decision: decision.decision, reason: decision.reason },
      });
      await notifyProposer(
        tx,
        mc,
        { ...p, decision: decision.decision, decisionReason: decision.reason },
        "decided",
        { ...input.notice, tag: String(p.version + 1) },
      );
      await announceChange(tx, mc);
      return saved(undefined);
    },
  );
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** How an adopted proposal was carried out and the effect measured. */
export async function recordImplementation(
  ctx: ActionContext<Principal>,
  input: {
    number: string;
    version: number;
    submission: ImplementationSubmission;
    notice?: Notice;
  },
): Promise<Outcome<undefined, StaffProposal>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.implement);
  if (no) return no;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<undefined, StaffProposal>> => {
      const p = await lockProposal(tx, mc, input.number);
      const checked = validateImplementation(input.submission, p.decision);
      if (!checked.ok) return invalid(checked.details);
      if (p.version !== input.version) return conflict(p, STALE_PROPOSAL);
      if (p.decision !== "adopted" && p.decision !== "partly_adopted")
        return invalid([
          {
            location: "implementation",
            message: "実施の記録は、採用・一部採用になった提案にだけ付けられます",
          },
        ]);
      const values = checked.value;
      await tx
        .update(staffProposals)
        .set({ ...values, version: p.version + 1 })
        .where(eq(staffProposals.id, p.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "staff_proposal.implement",
        recordType: "staff_proposal",
        recordKey: input.number,
        before: {
          implementation: p.implementation,
          implementedOn: p.implementedOn,
          measuredEffect: p.measuredEffect,
          measuredHours: p.measuredHours,
          measuredYen: p.measuredYen,
        },
        after: values,
      });
      await notifyProposer(tx, mc, { ...p, ...values }, "implemented", {
        ...input.notice,
        tag: String(p.version + 1),
      });
      await announceChange(tx, mc);
      return saved(undefined);
    },
  );
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}
