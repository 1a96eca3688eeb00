/**
 * Staff proposal drafts (下書き): saving what was typed, any field empty, for its author only.
 * A draft has no number, is never public and is not counted in 職員提案の提案数; submitting it
 * (proposals.ts submitProposal with `draft`) checks everything and removes it.
 */
import { and, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { type ActionContext, conflict, invalid, type Outcome, saved } from "../core/outcome.ts";
import { permissions } from "./permissions.ts";
import { type ProposalSubmission, validateDraft } from "./rules.ts";
import { staffProposalDrafts } from "./schema.ts";

const GONE = "この下書きは、すでに提出されたか見つかりません。職員提案の一覧で確かめてください";
const STALE =
  "この下書きは、このページを開いた後に別の画面で保存されています。開き直してから保存してください";

/** The author's draft at the version the form showed, locked and removed; else why not. */
export async function takeDraft(
  tx: Tx,
  mc: string,
  userId: number,
  draft: { id: number; version: number },
): Promise<Outcome<never> | null> {
  const [row] = await tx
    .select({ version: staffProposalDrafts.version })
    .from(staffProposalDrafts)
    .where(mine(mc, userId, draft.id))
    .for("update");
  if (!row) return conflict(undefined, GONE);
  if (row.version !== draft.version) return conflict(undefined, STALE);
  await tx.delete(staffProposalDrafts).where(mine(mc, userId, draft.id));
  return null;
}

const mine = (mc: string, userId: number, id: number) =>
  and(
    eq(staffProposalDrafts.municipalityCode, mc),
    eq(staffProposalDrafts.proposerId, userId),
    eq(staffProposalDrafts.id, id),
  );

/**
 * Saves a draft of a proposal: a new one (`id` null) or the author's own at the version the form
 * showed. Gives the draft's id.
 */
export async function saveProposalDraft(
  ctx: ActionContext<Principal>,
  input: { id: number | null; version: number | null; submission: ProposalSubmission },
): Promise<Outcome<number>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.submit);
  if (no) return no;
  const checked = validateDraft(input.submission);
  if (!checked.ok) return invalid(checked.details, "下書きを保存できませんでした");
  const { sections, ...typed } = checked.value;
  const fields = { ...typed, sectionCodes: sections };
  return withTenant(db, mc, async (tx): Promise<Outcome<number>> => {
    let id = input.id;
    let before: Record<string, unknown> | null = null;
    if (id === null) {
      const [row] = await tx
        .insert(staffProposalDrafts)
        .values({ municipalityCode: mc, proposerId: who.userId, ...fields })
        .returning({ id: staffProposalDrafts.id });
      id = row!.id;
    } else {
      const [row] = await tx
        .select()
        .from(staffProposalDrafts)
        .where(mine(mc, who.userId, id))
        .for("update");
      if (!row) return conflict(undefined, GONE);
      if (row.version !== input.version) return conflict(undefined, STALE);
      before = { title: row.title };
      await tx
        .update(staffProposalDrafts)
        .set({ ...fields, updatedAt: new Date(), version: row.version + 1 })
        .where(mine(mc, who.userId, id));
    }
    await audit(tx, actor, {
      municipality: mc,
      action: "staff_proposal.save_draft",
      recordType: "staff_proposal_draft",
      recordKey: String(id),
      before,
      after: { title: fields.title },
    });
    return saved(id);
  });
}
