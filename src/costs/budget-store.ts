/**
 * 予算要求 (budget requests) of programs for the next fiscal year and the budget review
 * (事業査定) beside the evaluation's direction. The section enters the request; planners read
 * the review. The rule of contradictions is budget-review.ts.
 */
import { and, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
} from "../core/outcome.ts";
import type { Direction } from "../evaluations/index.ts";
import {
  countingDirection,
  evaluationOf,
  readPrograms,
  recordKeyOf,
  runsIn,
} from "../evaluations/index.ts";
import { programEvaluations } from "../evaluations/schema.ts";
import { isStale, lockProgram, programEditRefusal } from "../programs/index.ts";
import { type BudgetReviewRow, reviewRequest } from "./budget-review.ts";
import type { Yen } from "./cost.ts";
import { programBudgetRequests, programYears } from "./schema.ts";

export interface BudgetRequestView {
  fiscalYear: number;
  amount: Yen;
  note: string;
  requestedBy: string;
  requestedAt: Date;
  version: number;
}

export const MAX_NOTE = 2000;

type RequestRow = typeof programBudgetRequests.$inferSelect;
const viewOf = (r: RequestRow): BudgetRequestView => ({
  fiscalYear: r.fiscalYear,
  amount: r.amount,
  note: r.note,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt,
  version: r.version,
});

export async function readBudgetRequest(tx: Tx, programId: number, fy: number) {
  const [row] = await tx
    .select()
    .from(programBudgetRequests)
    .where(
      and(eq(programBudgetRequests.programId, programId), eq(programBudgetRequests.fiscalYear, fy)),
    );
  return row ? viewOf(row) : null;
}

export interface BudgetRequestInput {
  programCode: string;
  /** The year requested for (the year after the one evaluated). */
  fiscalYear: number;
  amount: Yen;
  note: string;
  /** The version the form or client read (0: none saved yet); null expects nothing. */
  version: number | null;
}

/**
 * Saves the budget request of a program for a fiscal year (the year after the one evaluated):
 * the same people as the program's costs; the program must run that year.
 */
export async function saveBudgetRequest(
  ctx: ActionContext<Principal>,
  input: BudgetRequestInput,
): Promise<Outcome<BudgetRequestView, BudgetRequestView | null>> {
  const { db, municipality: mc, who, actor } = ctx;
  const { programCode, fiscalYear } = input;
  if (!Number.isSafeInteger(input.amount) || input.amount < 0)
    return invalid(
      [{ location: "amount", message: "予算要求額は0以上の整数（円）で入力してください" }],
      "予算要求額を確認してください",
    );
  if (input.note.length > MAX_NOTE)
    return invalid(
      [{ location: "note", message: `要求の説明は${MAX_NOTE}文字以内で入力してください` }],
      "要求の説明が長すぎます",
    );
  return withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<BudgetRequestView, BudgetRequestView | null>> => {
      const program = await lockProgram(tx, mc, programCode);
      const refusal = programEditRefusal(who, program);
      if (refusal) return forbidden(refusal);
      if (!runsIn(program, fiscalYear))
        return invalid(
          [{ location: "fiscalYear", message: "事業の実施期間の外の年度です" }],
          `事務事業 ${program.code} は${fiscalYearLabel(fiscalYear)}に実施する予定がありません`,
        );
      const current = await readBudgetRequest(tx, program.id, fiscalYear);
      if (isStale(input.version, current?.version ?? 0))
        return conflict(current, "送られた版の後に、この予算要求は変更されています");
      const values = {
        amount: input.amount,
        note: input.note.trim(),
        requestedBy: actor.label,
        requestedAt: new Date(),
        version: (current?.version ?? 0) + 1,
      };
      const [row] = current
        ? await tx
            .update(programBudgetRequests)
            .set(values)
            .where(
              and(
                eq(programBudgetRequests.programId, program.id),
                eq(programBudgetRequests.fiscalYear, fiscalYear),
              ),
            )
            .returning()
        : await tx
            .insert(programBudgetRequests)
            .values({ municipalityCode: mc, programId: program.id, fiscalYear, ...values })
            .returning();
      const request = viewOf(row!);
      const shown = (r: BudgetRequestView) => ({
        amount: r.amount,
        note: r.note,
        version: r.version,
      });
      await audit(tx, actor, {
        municipality: mc,
        action: "budget_request.save",
        recordType: "budget_request",
        recordKey: recordKeyOf(programCode, fiscalYear),
        before: current ? shown(current) : null,
        after: shown(request),
      });
      return saved(request);
    },
  );
}

/** One program in the budget review of an evaluated year. */
export interface BudgetReviewLine {
  program: { code: string; name: string; sample: boolean; section: { code: string; name: string } };
  /** Secondary direction where given, else the section's; null when not evaluated. */
  direction: Direction | null;
  directionSource: "secondary" | "self" | null;
  /** The evaluated year's 当初予算額; null when its costs are not entered. */
  baseBudget: Yen | null;
  /** The request for the next year; null when not entered. */
  request: BudgetRequestView | null;
  /** The rule's row when there is a request (a missing base counts as 0). */
  review: BudgetReviewRow | null;
}

/**
 * Every program running in the year after `fiscalYear` (or in it), with the direction of its
 * evaluation of `fiscalYear`, its 当初予算額 of `fiscalYear` and its request for the next year:
 * contradictions first (the largest growth first), then the rest in code order.
 */
export function loadBudgetReview(db: Db, mc: string, fiscalYear: number) {
  const next = fiscalYear + 1;
  return withTenant(db, mc, async (tx) => {
    const [programRows, years, evaluations, requests] = await Promise.all([
      readPrograms(tx, mc),
      tx
        .select({ programId: programYears.programId, initialBudget: programYears.initialBudget })
        .from(programYears)
        .where(and(eq(programYears.municipalityCode, mc), eq(programYears.fiscalYear, fiscalYear))),
      tx
        .select()
        .from(programEvaluations)
        .where(
          and(
            eq(programEvaluations.municipalityCode, mc),
            eq(programEvaluations.fiscalYear, fiscalYear),
          ),
        ),
      tx
        .select()
        .from(programBudgetRequests)
        .where(
          and(
            eq(programBudgetRequests.municipalityCode, mc),
            eq(programBudgetRequests.fiscalYear, next),
          ),
        ),
    ]);
    const baseOf = new Map(years.map((y) => [y.programId, y.initialBudget]));
    const evaluationRowOf = new Map(evaluations.map((e) => [e.programId, e]));
    const requestOf = new Map(requests.map((r) => [r.programId, viewOf(r)]));
    const lines: BudgetReviewLine[] = [];
    for (const p of programRows) {
      const request = requestOf.get(p.id) ?? null;
      if (!runsIn(p, next) && !runsIn(p, fiscalYear) && !request) continue;
      const row = evaluationRowOf.get(p.id);
      const evaluation = row ? evaluationOf(row) : null;
      const counting = evaluation && countingDirection(evaluation.state, evaluation.content);
      const direction = counting?.direction ?? null;
      const directionSource = counting?.by ?? null;
      const baseBudget = baseOf.get(p.id) ?? null;
      lines.push({
        program: {
          code: p.code,
          name: p.name,
          sample: p.sample,
          section: p.section,
        },
        direction,
        directionSource,
        baseBudget,
        request,
        review: request
          ? reviewRequest({
              programKey: p.code,
              programName: p.name,
              fiscalYear: next,
              baseBudget: baseBudget ?? 0,
              requestedBudget: request.amount,
              direction,
            })
          : null,
      });
    }
    const flagged = lines
      .filter((l) => l.review?.contradicts)
      .sort((a, b) => b.review!.change - a.review!.change);
    return [...flagged, ...lines.filter((l) => !l.review?.contradicts)];
  });
}
