/**
 * Writing a program's evaluation of a fiscal year: save the self-evaluation (一次評価) or the
 * secondary evaluation (二次評価), and move it through the workflow — one call, one
 * transaction, one audit entry, whether from the staff form or the API. Who may do what, and
 * what each step needs, is decided by workflow.ts; this file only asks it and saves.
 */
import { and, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel, fiscalYearOf } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
} from "../core/outcome.ts";
import { FIRST_FISCAL_YEAR, reportable } from "../core/reporting-years.ts";
import { programYears, publishCurrentYearCosts } from "../costs/schema.ts";
import { programs } from "../programs/schema.ts";
import {
  checkSecondaryEvaluation,
  checkSelfEvaluation,
  type EvaluationContent,
  type RatingScale,
  type SecondaryEvaluation,
  type SelfEvaluation,
} from "./evaluation.ts";
import { selfEvaluationClosed } from "./round.ts";
import { readEvaluationRound } from "./round-store.ts";
import { readRatingScale } from "./scale-store.ts";
import { programEvaluations } from "./schema.ts";
import {
  evaluationOf,
  readEvaluationRow,
  readProgram,
  recordKeyOf,
  runsIn,
  type StaffEvaluation,
} from "./staff-queries.ts";
import {
  type EvaluationAction,
  editableParts,
  permissionError,
  STATE_LABELS,
  TRANSITIONS,
  transition,
} from "./workflow.ts";

/** A self-evaluation to save; fields left out keep their saved value. */
export type SelfPatch = Partial<Omit<SelfEvaluation, "ratings">> & {
  ratings?: Partial<SelfEvaluation["ratings"]>;
};

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const patched = (self: SelfEvaluation, patch: SelfPatch): SelfEvaluation => {
  const { ratings, ...rest } = patch;
  return { ...self, ...defined(rest), ratings: { ...self.ratings, ...defined(ratings ?? {}) } };
};

export interface EvaluationChange {
  programCode: string;
  fiscalYear: number;
  self?: SelfPatch;
  secondary?: SecondaryEvaluation;
  /** The workflow step to take after saving the parts above (in the same transaction). */
  action?: EvaluationAction;
  /** Why it is sent back (required for sendBack); kept in the audit entry. */
  comment?: string;
  /** The version the form or client read (0: none saved yet); null: no check. */
  version: number | null;
}

/**
 * What is current when a change is refused as a conflict: `stale` when the change was made on
 * an older version, else the state (or the closed round) does not allow it.
 */
export interface EvaluationConflict {
  evaluation: StaffEvaluation;
  stale: boolean;
}

export type ChangeOutcome = Outcome<StaffEvaluation, EvaluationConflict>;

/** The audit action of each step; every one is named in src/audit/labels.ts. */
const AUDIT = {
  saveSelf: { action: "evaluation.save" },
  saveSecondary: { action: "evaluation.save_secondary" },
  submit: { action: "evaluation.submit" },
  review: { action: "evaluation.review" },
  publish: { action: "evaluation.publish" },
  sendBack: { action: "evaluation.send_back" },
} as const;

const snapshot = (e: Pick<StaffEvaluation, "state" | "version" | "content">) => ({
  state: e.state,
  version: e.version,
  ...e.content.self.ratings,
  findings: e.content.self.findings,
  direction: e.content.self.direction,
  reason: e.content.self.reason,
  secondaryDirection: e.content.secondary?.direction ?? null,
  secondaryComment: e.content.secondary?.comment ?? null,
});

/** The self-evaluation's problems under the form's field names (ratings.necessity, direction…). */
const selfDetails = (self: SelfEvaluation, scale: RatingScale): ErrorDetail[] =>
  checkSelfEvaluation(self, scale).map((d) => ({
    ...d,
    location: d.location.replace(/^self\./, ""),
  }));

/** Ratings given that are not levels of the scale (a draft may leave them empty). */
const unknownRatings = (self: SelfEvaluation, scale: RatingScale): ErrorDetail[] =>
  selfDetails(self, scale).filter(
    (d) => d.location.startsWith("ratings.") && !d.message.endsWith("未入力です"),
  );

function fiscalYearIssues(fy: number, now = new Date()): ErrorDetail[] {
  return reportable(fy, now)
    ? []
    : [
        {
          location: "fiscalYear",
          message: `評価は${fiscalYearLabel(FIRST_FISCAL_YEAR)}から${fiscalYearLabel(fiscalYearOf(now))}までの年度に行えます`,
        },
      ];
}

/** A part the actor may not edit now: forbidden when never (role, section), a conflict when not in this state. */
function refuseEdit(
  part: "self" | "secondary",
  current: StaffEvaluation,
  may: boolean,
): ChangeOutcome {
  const what = part === "self" ? "一次評価" : "二次評価";
  if (!may)
    return forbidden(
      part === "self"
        ? "この事務事業の担当課の入力担当、または企画担当・管理者だけが一次評価を編集できます"
        : "二次評価は企画担当・管理者だけが編集できます",
    );
  return conflict(
    { evaluation: current, stale: false },
    `${STATE_LABELS[current.state]}の評価の${what}は変更できません（${part === "self" ? STATE_LABELS.draft : STATE_LABELS.submitted}のときのみ）`,
  );
}

/**
 * Saves the given parts and takes the given step. Forbidden what the actor may not do, a
 * conflict what the state does not allow or a stale version, invalid incomplete or bad content
 * (naming the field); a 404 for a program not running that year.
 */
export async function changeEvaluation(
  ctx: ActionContext<Principal>,
  change: EvaluationChange,
): Promise<ChangeOutcome> {
  const { db, municipality: mc } = ctx;
  const result = await withTenant(db, mc, (tx) => changeEvaluationIn(tx, ctx, change));
  if (result.status === "saved" && change.action === "publish") changed(db, [mc]);
  return result;
}

/**
 * changeEvaluation inside the caller's transaction (a spreadsheet import applies many rows in
 * one). The caller bumps the page cache after a publish.
 */
export async function changeEvaluationIn(
  tx: Tx,
  ctx: Omit<ActionContext<Principal>, "db">,
  change: EvaluationChange,
): Promise<ChangeOutcome> {
  const { municipality: mc, who, actor } = ctx;
  const { programCode, fiscalYear } = change;
  if (!change.self && !change.secondary && !change.action)
    return invalid([], "保存する内容か、行う手続を指定してください");
  const yearIssues = fiscalYearIssues(fiscalYear);
  if (yearIssues.length) return invalid(yearIssues, "年度が範囲外です");
  const program = await readProgram(tx, mc, programCode);
  if (!program || !runsIn(program, fiscalYear))
    throw new AppError(
      "not_found",
      `事務事業 ${programCode} の${fiscalYearLabel(fiscalYear)}の評価が見つかりません`,
    );
  // One writer at a time per program, also while its evaluation row does not exist yet.
  await tx
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, program.id))
    .for("update");
  const row = await readEvaluationRow(tx, program.id, fiscalYear, true);
  const current = evaluationOf(row);
  if (change.version !== null && change.version !== current.version)
    return conflict(
      { evaluation: current, stale: true },
      "送られた版の後に、この評価は変更されています",
    );

  const sections = { sectionCodes: [program.section.code] };
  const { state } = current;
  if (change.self && !editableParts(state, who, sections).self)
    return refuseEdit("self", current, editableParts("draft", who, sections).self);
  if (change.secondary && !editableParts(state, who, sections).secondary)
    return refuseEdit("secondary", current, editableParts("submitted", who, sections).secondary);
  const changesSelf = change.self !== undefined || change.action === "submit";
  if (changesSelf && selfEvaluationClosed(await readEvaluationRound(tx, mc, fiscalYear), who.role))
    return conflict(
      { evaluation: current, stale: false },
      `${fiscalYearLabel(fiscalYear)}の事務事業評価は締め切られているため、一次評価は変更・提出できません。必要なときは企画担当に再開を依頼してください`,
    );
  const { scale } = await readRatingScale(tx, mc);
  const content: EvaluationContent = {
    self: change.self ? patched(current.content.self, change.self) : current.content.self,
    secondary: change.secondary ?? current.content.secondary,
  };

  if (change.self) {
    const unknown = unknownRatings(content.self, scale);
    if (unknown.length) return invalid(unknown);
  }

  let next = state;
  const { action } = change;
  if (action) {
    const denied = permissionError(action, who, sections);
    if (denied) return forbidden(denied);
    const moved = transition({ state, action, actor: who, program: sections, content, scale });
    if (!moved.ok) {
      if (!TRANSITIONS[action].from.includes(state))
        return conflict({ evaluation: current, stale: false }, moved.message);
      const details =
        action === "submit"
          ? selfDetails(content.self, scale)
          : action === "review"
            ? checkSecondaryEvaluation(content.secondary)
            : [];
      return invalid(details, moved.message);
    }
    if (action === "sendBack" && !change.comment?.trim())
      return invalid(
        [{ location: "comment", message: "差し戻しの理由が未入力です" }],
        "差し戻しの理由を入力してください",
      );
    next = moved.state;
  }

  const now = new Date();
  const steps =
    action === "submit"
      ? { submittedBy: actor.label, submittedAt: now }
      : action === "review"
        ? { reviewedBy: actor.label, reviewedAt: now }
        : action === "publish"
          ? { publishedBy: actor.label, publishedAt: now }
          : action === "sendBack"
            ? { submittedBy: null, submittedAt: null, reviewedBy: null, reviewedAt: null }
            : {};
  const values = {
    ratingNecessity: content.self.ratings.necessity,
    ratingEffectiveness: content.self.ratings.effectiveness,
    ratingEfficiency: content.self.ratings.efficiency,
    ratingEquity: content.self.ratings.equity,
    findings: content.self.findings,
    direction: content.self.direction,
    reason: content.self.reason,
    secondaryDirection: content.secondary?.direction ?? null,
    secondaryComment: content.secondary?.comment ?? null,
    status: next,
    version: current.version + 1,
    ...steps,
  };
  const [written] = row
    ? await tx
        .update(programEvaluations)
        .set(values)
        .where(and(eq(programEvaluations.id, row.id), eq(programEvaluations.version, row.version)))
        .returning()
    : await tx
        .insert(programEvaluations)
        .values({
          municipalityCode: mc,
          programId: program.id,
          fiscalYear,
          ...values,
        })
        .returning();
  const evaluation = evaluationOf(written);
  const step = action ?? (change.self ? "saveSelf" : "saveSecondary");
  await audit(tx, actor, {
    municipality: mc,
    action: AUDIT[step].action,
    recordType: "program_evaluation",
    recordKey: recordKeyOf(programCode, fiscalYear),
    before: row ? snapshot(current) : null,
    after: change.comment?.trim()
      ? { ...snapshot(evaluation), comment: change.comment.trim() }
      : snapshot(evaluation),
  });
  if (action === "publish") {
    await publishYearCosts(tx, actor, mc, { id: program.id, code: programCode }, fiscalYear);
    await announceChange(tx, mc);
  }
  return saved(evaluation);
}

/**
 * Publishing an evaluation publishes its year's costs as saved (until then they are drafts):
 * the public sheet shows the figures the evaluation was made on. One audit entry when the
 * costs change on the public side.
 */
async function publishYearCosts(
  tx: Tx,
  actor: ActionContext<Principal>["actor"],
  mc: string,
  program: { id: number; code: string },
  fiscalYear: number,
) {
  const [year] = await tx
    .select({
      id: programYears.id,
      version: programYears.version,
      publishedVersion: programYears.publishedVersion,
    })
    .from(programYears)
    .where(and(eq(programYears.programId, program.id), eq(programYears.fiscalYear, fiscalYear)))
    .for("update");
  if (!year || year.publishedVersion === year.version) return;
  await tx.update(programYears).set(publishCurrentYearCosts()).where(eq(programYears.id, year.id));
  await audit(tx, actor, {
    municipality: mc,
    action: "program_year.publish",
    recordType: "program_year",
    recordKey: recordKeyOf(program.code, fiscalYear),
    before: { publishedVersion: year.publishedVersion },
    after: { publishedVersion: year.version, with: "evaluation.publish" },
  });
}
