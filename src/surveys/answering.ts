/**
 * Answering a survey with a one-time access code: the public form saves a section at a time
 * (progress kept, to resume later with the same code) and submits once; staff key in a paper
 * form with its code in one go. Nobody is signed in on the public form (`who` is null) and its
 * audit entries name the code's row, never the answers or the address they came from.
 */
import { and, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { type ActionContext, invalid, type Outcome, saved } from "../core/outcome.ts";
import { keyPaperForm, NOT_OPEN, type PaperKeyed, settleForm, UNKNOWN, USED } from "./paper.ts";
import { permissions } from "./permissions.ts";
import { mergeSection, missingRequired, readAll, readSectionAnswers } from "./questionnaire.ts";
import { normaliseCode } from "./rules.ts";
import { type Survey, surveyResponses, surveys } from "./schema.ts";

/** The public form's actor: no person, and no address kept (answers are anonymous). */
export const RESPONDENT: Actor = { label: "public:survey-form" };

export type Fields = Record<string, string[]>;

/** The code's row and its survey, locked; or the reason it cannot be answered. */
async function lockResponse(
  tx: Tx,
  mc: string,
  surveyId: number,
  typed: string,
): Promise<{ error: ErrorDetail } | { survey: Survey; row: typeof surveyResponses.$inferSelect }> {
  const code = normaliseCode(typed);
  const [survey] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityCode, mc), eq(surveys.id, surveyId)));
  if (survey?.status !== "open") return { error: { location: "code", message: NOT_OPEN } };
  const [row] = code
    ? await tx
        .select()
        .from(surveyResponses)
        .where(
          and(
            eq(surveyResponses.municipalityCode, mc),
            eq(surveyResponses.surveyId, surveyId),
            eq(surveyResponses.code, code),
          ),
        )
        .for("update")
    : [];
  if (!row) return { error: { location: "code", message: UNKNOWN } };
  if (row.submitted) return { error: { location: "code", message: USED } };
  return { survey, row };
}

/** Whether a code may answer the survey now (for the page that opens the form). */
export function checkCode(ctx: ActionContext<null>, surveyId: number, typed: string) {
  return withTenant(ctx.db, ctx.municipality, async (tx) => {
    const found = await lockResponse(tx, ctx.municipality, surveyId, typed);
    return "error" in found
      ? { ok: false as const, error: found.error }
      : { ok: true as const, answers: found.row.answers, reached: found.row.reached };
  });
}

/**
 * Saves one section's answers of the public form. `step` "save" keeps them (required questions
 * may wait), "next" also requires the section's required questions, "submit" requires every
 * asked required question of the questionnaire and fixes the answers: the code is then used.
 */
export async function saveAnswers(
  ctx: ActionContext<null>,
  input: {
    surveyId: number;
    code: string;
    section: number;
    fields: Fields;
    step: "save" | "next" | "submit";
  },
): Promise<Outcome<{ submitted: boolean; reached: number }>> {
  const { db, municipality: mc } = ctx;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<{ submitted: boolean; reached: number }>> => {
      const found = await lockResponse(tx, mc, input.surveyId, input.code);
      if ("error" in found) return invalid([found.error], found.error.message);
      const { survey, row } = found;
      const section = survey.questionnaire.sections[input.section];
      if (!section) return invalid([{ location: "section", message: "ページが見つかりません" }]);
      const read = readSectionAnswers(section, input.fields, row.answers, {
        final: input.step !== "save",
      });
      if (!read.ok) return invalid(read.details);
      const answers = mergeSection(section, row.answers, read.value);
      const submit = input.step === "submit";
      if (submit) {
        const missing = missingRequired(survey.questionnaire, answers);
        if (missing.length) return invalid(missingDetails(missing));
      }
      const reached = Math.max(row.reached, input.section + (input.step === "save" ? 0 : 1));
      await tx
        .update(surveyResponses)
        .set({ answers, reached, submitted: submit, channel: submit ? "web" : null })
        .where(eq(surveyResponses.id, row.id));
      await audit(tx, ctx.actor, {
        municipality: mc,
        action: submit ? "survey.answer_submit" : "survey.answer_save",
        recordType: "survey_response",
        recordKey: `${survey.id}/${row.id}`,
        after: { section: input.section, submitted: submit },
      });
      return saved({ submitted: submit, reached });
    },
  );
  return outcome;
}

const missingDetails = (missing: { key: string; text: string }[]): ErrorDetail[] =>
  missing.map((q) => ({ location: q.key, message: `${q.text}: 回答してください` }));

/**
 * Keys in a paper form (staff): every section's answers with the code printed on it, submitted
 * at once (channel "paper"), with the same checks as the public form. A form drawn for double
 * entry is keyed twice, by two people (paper.ts); the second keying is compared with the first.
 */
export async function enterPaperAnswers(
  ctx: ActionContext<Principal>,
  input: { surveyId: number; code: string; fields: Fields },
): Promise<Outcome<PaperKeyed>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.keyIn);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<PaperKeyed>> => {
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.municipalityCode, mc), eq(surveys.id, input.surveyId)));
    if (!survey || survey.status === "draft")
      return invalid([{ location: "code", message: NOT_OPEN }], NOT_OPEN);
    const read = readAll(survey, input.fields);
    if (!read.ok) return invalid(read.details);
    const keyed = await keyPaperForm(tx, mc, ctx.who, actor, survey, {
      code: input.code,
      answers: read.value,
    });
    if (!keyed.ok) return invalid([keyed.error], keyed.error.message);
    await announceChange(tx, mc);
    return saved(keyed.value);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * The third look settles a paper form whose two keyings disagree: per disagreeing question,
 * the keying the paper shows ("first" | "second"); the settled answers count from then on.
 */
export async function settleDoubleEntry(
  ctx: ActionContext<Principal>,
  input: { surveyId: number; responseId: number; choices: Record<string, string | undefined> },
): Promise<Outcome<undefined>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.settle);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<undefined>> => {
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.municipalityCode, mc), eq(surveys.id, input.surveyId)));
    if (!survey) return invalid([{ location: "form", message: "調査が見つかりません" }]);
    const done = await settleForm(tx, mc, ctx.who, actor, survey, input);
    if (!done.ok) return invalid(done.details);
    await announceChange(tx, mc);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}
