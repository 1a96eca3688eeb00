/**
 * Telling a proposer where their staff proposal stands: the dated steps (受付 → 審査開始 →
 * 審査結果 → 実施の記録), read back from the audit trail that every step writes, and the e-mail
 * prepared in the outbox — in the transaction of the step — at each of them. A proposer without
 * a known address (disabled account, no e-mail) gets no mail, and the page says so.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { memberships, users } from "../accounts/schema.ts";
import { auditLog } from "../core/audit-schema.ts";
import type { Tx } from "../core/db/client.ts";
import { enqueue } from "../core/outbox.ts";
import { municipalities } from "../municipalities/schema.ts";
import { DECISION_LABELS, isDecision } from "./rules.ts";
import type { ProposalDecision, staffProposals } from "./schema.ts";

type Proposal = Pick<
  typeof staffProposals.$inferSelect,
  "number" | "title" | "proposerId" | "decision" | "decisionReason" | "implementation"
>;

export const PROPOSAL_STEP_LABELS = {
  received: "受付",
  review: "審査開始",
  decided: "審査結果",
  implemented: "実施の記録",
} as const;
export type ProposalStepKind = keyof typeof PROPOSAL_STEP_LABELS;

export interface ProposalStep {
  kind: ProposalStepKind;
  at: Date;
  decision: ProposalDecision | null;
}

const ACTION_STEP: Record<string, ProposalStepKind> = {
  "staff_proposal.submit": "received",
  "staff_proposal.score": "review",
  "staff_proposal.decide": "decided",
  "staff_proposal.implement": "implemented",
};

/**
 * The dated steps of a proposal from its audit entries, oldest first: the review starts with
 * the first score (later scores are not steps); every decision and implementation record is one.
 */
export function proposalSteps(
  entries: { action: string; occurredAt: Date; after: unknown }[],
): ProposalStep[] {
  const steps: ProposalStep[] = [];
  for (const e of entries) {
    const kind = ACTION_STEP[e.action];
    if (!kind) continue;
    if (kind === "review" && steps.some((s) => s.kind === "review")) continue;
    const raw = (e.after as { decision?: unknown } | null)?.decision;
    const decision = kind === "decided" && typeof raw === "string" && isDecision(raw) ? raw : null;
    steps.push({ kind, at: e.occurredAt, decision });
  }
  return steps;
}

export async function readProposalSteps(tx: Tx, mc: string, number: string) {
  const rows = await tx
    .select({ action: auditLog.action, occurredAt: auditLog.occurredAt, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.municipalityCode, mc),
        eq(auditLog.recordType, "staff_proposal"),
        eq(auditLog.recordKey, number),
        inArray(auditLog.action, Object.keys(ACTION_STEP)),
      ),
    )
    .orderBy(asc(auditLog.id));
  return proposalSteps(rows);
}

/** The proposer's e-mail address while their account and membership are active; else null. */
export async function proposerAddress(tx: Tx, mc: string, proposerId: number) {
  const [row] = await tx
    .select({ email: users.email })
    .from(users)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.municipalityCode, mc)),
    )
    .where(and(eq(users.id, proposerId), isNull(users.disabledAt), isNull(memberships.disabledAt)));
  const email = row?.email.trim() ?? "";
  return email === "" ? null : email;
}

/** The mail of one step; pure. */
export function proposalMail(
  p: Proposal,
  step: ProposalStepKind,
  opts: { municipalityName: string; url: string | null },
) {
  const head = `【${opts.municipalityName}】職員提案 ${p.number}「${p.title}」`;
  const lines: (string | null)[] = [
    `職員提案 ${p.number}「${p.title}」の状況をお知らせします。`,
    "",
  ];
  if (step === "received") lines.push("提案を受け付けました。審査会で審査します。");
  if (step === "review") lines.push("審査会での審査が始まりました。");
  if (step === "decided" && p.decision) {
    lines.push(`審査結果: ${DECISION_LABELS[p.decision]}`);
    if (p.decisionReason) lines.push(`理由: ${p.decisionReason}`);
    if (p.decision === "continued") lines.push("引き続き審査します。");
  }
  if (step === "implemented" && p.implementation)
    lines.push("提案の実施が記録されました。", `実施した内容: ${p.implementation}`);
  lines.push("", opts.url ? `提案のページ: ${opts.url}` : null);
  return {
    subject: `${head}: ${step === "decided" && p.decision ? `審査結果（${DECISION_LABELS[p.decision]}）` : PROPOSAL_STEP_LABELS[step]}`,
    text: lines.filter((l) => l !== null).join("\n"),
  };
}

/**
 * Prepares the proposer's mail of a step (nothing when no address is known). `tag` makes the
 * outbox key unique per step: a decision or implementation record may change again later.
 */
export async function notifyProposer(
  tx: Tx,
  mc: string,
  p: Proposal,
  step: ProposalStepKind,
  opts: { tag?: string; origin?: string } = {},
) {
  const to = await proposerAddress(tx, mc, p.proposerId);
  if (!to) return false;
  const [m] = await tx
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.code, mc));
  const mail = proposalMail(p, step, {
    municipalityName: m?.name ?? mc,
    url: opts.origin ? `${opts.origin}/${mc}/manage/proposals/${p.number}` : null,
  });
  return enqueue(tx, mc, {
    key: `staff_proposal/${p.number}/${step}${opts.tag ? `/${opts.tag}` : ""}`,
    to,
    ...mail,
  });
}
