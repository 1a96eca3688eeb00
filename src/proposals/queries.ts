/**
 * Staff proposals (職員提案制度), the reads: the committee's criteria (or the default set), the
 * list of the proposals this person may see, and one proposal with its timeline and, for the
 * committee, its scores. The writes are in proposals.ts.
 */
import { and, asc, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { users } from "../accounts/schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { proposerAddress, readProposalSteps } from "./notices.ts";
import { type Criterion, DEFAULT_CRITERIA, isCommittee, maySeeProposal } from "./rules.ts";
import { proposalCriteria, proposalScores, staffProposalDrafts, staffProposals } from "./schema.ts";

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

/** This person's drafts (下書き), the latest first: nobody else reads them. */
export function listMyDrafts(db: Db, mc: string, who: Principal) {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        id: staffProposalDrafts.id,
        title: staffProposalDrafts.title,
        updatedAt: staffProposalDrafts.updatedAt,
      })
      .from(staffProposalDrafts)
      .where(
        and(
          eq(staffProposalDrafts.municipalityCode, mc),
          eq(staffProposalDrafts.proposerId, who.userId),
        ),
      )
      .orderBy(desc(staffProposalDrafts.updatedAt), desc(staffProposalDrafts.id)),
  );
}

export type DraftListRow = Awaited<ReturnType<typeof listMyDrafts>>[number];

/** One of this person's drafts, or undefined (another's is as unknown as a missing one). */
export function findMyDraft(db: Db, mc: string, who: Principal, id: number) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select()
      .from(staffProposalDrafts)
      .where(
        and(
          eq(staffProposalDrafts.municipalityCode, mc),
          eq(staffProposalDrafts.proposerId, who.userId),
          eq(staffProposalDrafts.id, id),
        ),
      );
    return row;
  });
}
