/**
 * Staff proposals (職員提案制度): submitting, the committee's criteria, scores, decision and
 * implementation record, and reading them as each person may. Every write is one transaction
 * with its audit entry; a submission also recomputes 職員提案の提案数.
 */
import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { users } from "../accounts/schema.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import {
  fillComputedActuals,
  fiscalYearInJapan,
  indicatorsWhere,
  receiptNumber,
  receiptSeq,
} from "../letters/index.ts";
import { notifyProposer, proposerAddress, readProposalSteps } from "./notices.ts";
import {
  type Criterion,
  countSource,
  DEFAULT_CRITERIA,
  type DecisionInput,
  type ImplementationInput,
  isCommittee,
  isStaffProposalCountIndicator,
  maySeeProposal,
  type ProposalInput,
  proposalCounts,
} from "./rules.ts";
import { proposalCriteria, proposalScores, staffProposals } from "./schema.ts";

/** Where the proposer's mail links to: the site's origin, when the request gives it. */
type Notice = { origin?: string };

export type StaffProposal = typeof staffProposals.$inferSelect;

const invalid = (details: ErrorDetail[]) =>
  new AppError("bad_request", "入力内容を確認してください", details);

const notCommittee = () =>
  new AppError(
    "forbidden",
    "職員提案の審査（採点・審査結果・実施の記録）は、企画担当（planner）以上の方が行います",
  );

/** Fills 職員提案の提案数 (origin "computed") for every fiscal year with proposals. */
export async function recomputeProposalCount(tx: Tx, mc: string) {
  const found = await indicatorsWhere(tx, mc, isStaffProposalCountIndicator);
  if (found.length === 0) return [];
  const years = proposalCounts(
    await tx
      .select({ fiscalYear: staffProposals.fiscalYear })
      .from(staffProposals)
      .where(eq(staffProposals.municipalityCode, mc)),
  );
  for (const indicator of found)
    await fillComputedActuals(
      tx,
      mc,
      indicator.id,
      years.map((y) => ({ fiscalYear: y.fiscalYear, value: y.count, source: countSource(y) })),
    );
  return years;
}

/** A member of staff submits a proposal (any signed-in role). */
export async function submitProposal(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  input: ProposalInput,
  now = new Date(),
  notice: Notice = {},
) {
  const fiscalYear = fiscalYearInJapan(now);
  const number = await withTenant(db, mc, async (tx) => {
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
        ...input,
      })
      .returning();
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.submit",
      recordType: "staff_proposal",
      recordKey: number,
      after: { title: input.title, sections: input.sectionCodes, group: input.groupName },
    });
    await notifyProposer(tx, mc, row!, "received", notice);
    await recomputeProposalCount(tx, mc);
    await announceChange(tx, mc);
    return number;
  });
  changed(db, [mc]);
  return number;
}

/** The municipality's criteria, or the default set when it has saved none. */
export async function criteriaIn(tx: Tx, mc: string): Promise<Criterion[]> {
  const rows = await tx
    .select({ name: proposalCriteria.name, description: proposalCriteria.description })
    .from(proposalCriteria)
    .where(eq(proposalCriteria.municipalityCode, mc))
    .orderBy(asc(proposalCriteria.position));
  return rows.length ? rows : DEFAULT_CRITERIA;
}

export const loadCriteria = (db: Db, mc: string) => withTenant(db, mc, (tx) => criteriaIn(tx, mc));

/** Replaces the committee's criteria (scores already given keep the names they were given for). */
export async function saveCriteria(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  criteria: Criterion[],
) {
  if (!isCommittee(who)) throw notCommittee();
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

function checkVersion(p: { version: number }, version: number) {
  if (p.version !== version)
    throw new AppError(
      "conflict",
      "この提案は、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください",
    );
}

/** A committee member's scores of a proposal: replaces their earlier ones. */
export async function scoreProposal(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  number: string,
  scores: { criterion: string; score: number }[],
  notice: Notice = {},
) {
  if (!isCommittee(who)) throw notCommittee();
  await withTenant(db, mc, async (tx) => {
    const p = await lockProposal(tx, mc, number);
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
      recordKey: number,
      before: before.length ? before : null,
      after: scores,
    });
    // The first score of an undecided proposal starts its review.
    if (scored!.n === 0 && p.decision === null) await notifyProposer(tx, mc, p, "review", notice);
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
}

/** The committee's decision (may change, e.g. 継続審査 → 採用); the reason is kept with it. */
export async function decideProposal(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  number: string,
  input: DecisionInput & { version: number },
  notice: Notice = {},
) {
  if (!isCommittee(who)) throw notCommittee();
  await withTenant(db, mc, async (tx) => {
    const p = await lockProposal(tx, mc, number);
    checkVersion(p, input.version);
    await tx
      .update(staffProposals)
      .set({
        decision: input.decision,
        decisionReason: input.reason,
        decidedAt: new Date(),
        version: p.version + 1,
      })
      .where(eq(staffProposals.id, p.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.decide",
      recordType: "staff_proposal",
      recordKey: number,
      before: { decision: p.decision, reason: p.decisionReason },
      after: { decision: input.decision, reason: input.reason },
    });
    await notifyProposer(
      tx,
      mc,
      { ...p, decision: input.decision, decisionReason: input.reason },
      "decided",
      { ...notice, tag: String(p.version + 1) },
    );
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
}

/** How an adopted proposal was carried out and the effect measured. */
export async function recordImplementation(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  number: string,
  input: ImplementationInput & { version: number },
  notice: Notice = {},
) {
  if (!isCommittee(who)) throw notCommittee();
  await withTenant(db, mc, async (tx) => {
    const p = await lockProposal(tx, mc, number);
    checkVersion(p, input.version);
    if (p.decision !== "adopted" && p.decision !== "partly_adopted")
      throw invalid([
        {
          location: "implementation",
          message: "実施の記録は、採用・一部採用になった提案にだけ付けられます",
        },
      ]);
    const { version, ...values } = input;
    await tx
      .update(staffProposals)
      .set({ ...values, version: p.version + 1 })
      .where(eq(staffProposals.id, p.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.implement",
      recordType: "staff_proposal",
      recordKey: number,
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
      ...notice,
      tag: String(p.version + 1),
    });
    await announceChange(tx, mc);
  });
  changed(db, [mc]);
}

/**
 * The proposals this person may see: the committee all; others their own and the finally
 * decided ones (採用・一部採用・不採用).
 */
export function listProposals(db: Db, mc: string, who: Principal) {
  return withTenant(db, mc, async (tx) => {
    const visible: SQL | undefined = isCommittee(who)
      ? undefined
      : or(
          eq(staffProposals.proposerId, who.userId),
          inArray(staffProposals.decision, ["adopted", "partly_adopted", "not_adopted"]),
        );
    return tx
      .select({
        number: staffProposals.number,
        title: staffProposals.title,
        fiscalYear: staffProposals.fiscalYear,
        submittedAt: staffProposals.submittedAt,
        proposerId: staffProposals.proposerId,
        proposerName: users.displayName,
        groupName: staffProposals.groupName,
        decision: staffProposals.decision,
      })
      .from(staffProposals)
      .innerJoin(users, eq(users.id, staffProposals.proposerId))
      .where(and(eq(staffProposals.municipalityCode, mc), visible))
      .orderBy(desc(staffProposals.submittedAt), desc(staffProposals.id));
  });
}

export type ProposalListRow = Awaited<ReturnType<typeof listProposals>>[number];

/** One proposal, if this person may see it; with the scores for the committee only. */
export function findProposal(db: Db, mc: string, who: Principal, number: string) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({ proposal: staffProposals, proposerName: users.displayName })
      .from(staffProposals)
      .innerJoin(users, eq(users.id, staffProposals.proposerId))
      .where(and(eq(staffProposals.municipalityCode, mc), eq(staffProposals.number, number)));
    if (!row) return { found: false as const };
    if (!maySeeProposal(who, row.proposal))
      return { found: true as const, allowed: false as const };
    const committee = isCommittee(who);
    const [steps, address, criteria, scores] = await Promise.all([
      readProposalSteps(tx, mc, number),
      proposerAddress(tx, mc, row.proposal.proposerId),
      criteriaIn(tx, mc),
      committee
        ? tx
            .select({
              criterion: proposalScores.criterion,
              score: proposalScores.score,
              scorerId: proposalScores.scorerId,
            })
            .from(proposalScores)
            .where(eq(proposalScores.proposalId, row.proposal.id))
        : Promise.resolve([]),
    ]);
    return {
      found: true as const,
      allowed: true as const,
      proposal: row.proposal,
      proposerName: row.proposerName,
      steps,
      /** Whether the proposer gets mail of each step (the address itself is not shown). */
      mailed: address !== null,
      criteria,
      scores,
    };
  });
}
