/**
 * Paper forms keyed in by staff (by hand on the paper page, or a row of an uploaded sheet): the
 * first keying submits the code's answers; when the form is drawn for double entry
 * (double-entry.ts) its first keying waits for a second one by another person, the two are
 * compared field by field, and a form whose keyings disagree waits for a third look that
 * settles each disagreement. A form waiting does not count in the results. Each write is audited
 * without the answers (the audit names the code's row, the fields and the choices).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import type { ErrorDetail } from "../core/errors.ts";
import {
  compareKeyings,
  DOUBLE_ENTRY_PERCENT,
  doubleEntrySample,
  doubleEntrySeed,
  readSettlement,
  settleKeyings,
} from "./double-entry.ts";
import { type Answers, allQuestions } from "./questionnaire.ts";
import { normaliseCode } from "./rules.ts";
import { type Survey, surveyDoubleEntries, surveyResponses, surveys } from "./schema.ts";

export const NOT_OPEN = "この調査はいま回答を受け付けていません";
export const USED = "この回答番号では、もう回答が送られています。回答は一つの番号につき一回です";
export const UNKNOWN = "回答番号が見つかりません。お手紙に書かれた番号を確かめてください";
export const SAME_PERSON =
  "この調査票は二重入力の対象です。二回目の入力は、一回目を入力した人とは別の人がしてください（同じ人の入力では入力の誤りを測れません）";
const TWICE =
  "この調査票はもう二回入力されています。不一致があるときは「二重入力の照合」のページで確定してください";

/** What a keying did: an ordinary form, the first of two keyings, or the second (compared). */
export type PaperKeyed =
  | { responseId: number; keying: "single" | "first" }
  | { responseId: number; keying: "second"; disagreements: number };

/** The codes of a survey drawn for double entry. */
export async function doubleEntryCodes(tx: Tx, survey: Pick<Survey, "id" | "seed">) {
  const rows = await tx
    .select({ code: surveyResponses.code })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id));
  return doubleEntrySample(
    rows.map((r) => r.code),
    DOUBLE_ENTRY_PERCENT,
    doubleEntrySeed(survey),
  );
}

type Locked =
  | { error: ErrorDetail }
  | {
      row: typeof surveyResponses.$inferSelect;
      entry: typeof surveyDoubleEntries.$inferSelect | null;
    };

/** The code's row (locked) as a paper form may key it, or why it may not. */
async function lockPaper(tx: Tx, mc: string, survey: Survey, typed: string): Promise<Locked> {
  const code = normaliseCode(typed);
  const [row] = code
    ? await tx
        .select()
        .from(surveyResponses)
        .where(
          and(
            eq(surveyResponses.municipalityCode, mc),
            eq(surveyResponses.surveyId, survey.id),
            eq(surveyResponses.code, code),
          ),
        )
        .for("update")
    : [];
  if (!row) return { error: { location: "code", message: UNKNOWN } };
  if (!row.submitted)
    return survey.status === "open"
      ? { row, entry: null }
      : { error: { location: "code", message: NOT_OPEN } };
  const [entry] = await tx
    .select()
    .from(surveyDoubleEntries)
    .where(eq(surveyDoubleEntries.responseId, row.id))
    .for("update");
  if (!entry) return { error: { location: "code", message: USED } };
  if (entry.secondAnswers !== null) return { error: { location: "code", message: TWICE } };
  return { row, entry };
}

/**
 * Keys one paper form inside the caller's transaction. `answers` are read already (readAll);
 * `sample`, the codes drawn for double entry, when the caller keys many forms.
 */
export async function keyPaperForm(
  tx: Tx,
  mc: string,
  who: Principal,
  actor: Actor,
  survey: Survey,
  input: { code: string; answers: Answers; sample?: Set<string> },
): Promise<{ ok: true; value: PaperKeyed } | { ok: false; error: ErrorDetail }> {
  const found = await lockPaper(tx, mc, survey, input.code);
  if ("error" in found) return { ok: false, error: found.error };
  const { row, entry } = found;
  const recordKey = `${survey.id}/${row.id}`;
  if (entry) {
    if (entry.firstKeyedBy === who.userId)
      return { ok: false, error: { location: "code", message: SAME_PERSON } };
    const compared = compareKeyings(survey.questionnaire, entry.firstAnswers, input.answers);
    const resolved = compared.disagreements.length === 0;
    await tx
      .update(surveyDoubleEntries)
      .set({
        secondAnswers: input.answers,
        secondKeyedBy: who.userId,
        secondKeyedAt: new Date(),
        resolved,
      })
      .where(eq(surveyDoubleEntries.id, entry.id));
    // The results change when the form now counts: a survey's results are known by its version.
    if (resolved) await raiseVersion(tx, survey.id);
    await audit(tx, actor, {
      municipality: mc,
      action: "survey.answer_paper_second",
      recordType: "survey_response",
      recordKey,
      after: {
        fields: compared.fields,
        disagreements: compared.disagreements.map((d) => d.question),
        resolved,
      },
    });
    return {
      ok: true,
      value: { responseId: row.id, keying: "second", disagreements: compared.disagreements.length },
    };
  }
  await tx
    .update(surveyResponses)
    .set({
      answers: input.answers,
      submitted: true,
      channel: "paper",
      reached: survey.questionnaire.sections.length,
    })
    .where(eq(surveyResponses.id, row.id));
  const sample = input.sample ?? (await doubleEntryCodes(tx, survey));
  const twice = sample.has(row.code);
  if (twice)
    await tx.insert(surveyDoubleEntries).values({
      municipalityCode: mc,
      surveyId: survey.id,
      responseId: row.id,
      firstAnswers: input.answers,
      firstKeyedBy: who.userId,
    });
  await audit(tx, actor, {
    municipality: mc,
    action: "survey.answer_paper",
    recordType: "survey_response",
    recordKey,
    after: { submitted: true, channel: "paper", doubleEntry: twice },
  });
  return { ok: true, value: { responseId: row.id, keying: twice ? "first" : "single" } };
}

const raiseVersion = (tx: Tx, surveyId: number) =>
  tx
    .update(surveys)
    .set({ version: sql`${surveys.version} + 1` })
    .where(eq(surveys.id, surveyId));

/**
 * The third look at a paper form whose two keyings disagree: for each disagreeing question,
 * which keying the paper shows. The settled answers become the response's and the form counts.
 */
export async function settleForm(
  tx: Tx,
  mc: string,
  who: Principal,
  actor: Actor,
  survey: Survey,
  input: { responseId: number; choices: Record<string, string | undefined> },
): Promise<{ ok: true } | { ok: false; details: ErrorDetail[] }> {
  const [entry] = await tx
    .select()
    .from(surveyDoubleEntries)
    .where(
      and(
        eq(surveyDoubleEntries.municipalityCode, mc),
        eq(surveyDoubleEntries.surveyId, survey.id),
        eq(surveyDoubleEntries.responseId, input.responseId),
      ),
    )
    .for("update");
  if (!entry || entry.secondAnswers === null)
    return {
      ok: false,
      details: [{ location: "form", message: "二回入力された調査票が見つかりません" }],
    };
  if (entry.resolved)
    return {
      ok: false,
      details: [{ location: "form", message: "この調査票の不一致はもう確定しています" }],
    };
  const second = entry.secondAnswers;
  const compared = compareKeyings(survey.questionnaire, entry.firstAnswers, second);
  const read = readSettlement(compared, input.choices);
  if (!read.ok) {
    const texts = new Map(allQuestions(survey.questionnaire).map((q) => [q.key, q.text]));
    return {
      ok: false,
      details: read.missing.map((q) => ({
        location: `settle-${input.responseId}-${q}`,
        message: `問 ${q}「${texts.get(q) ?? ""}」: 調査票に書かれているのはどちらの値か選んでください`,
      })),
    };
  }
  const settled = settleKeyings(compared, entry.firstAnswers, second, read.value);
  if (!settled.ok) throw new Error("every disagreement has a choice");
  await tx
    .update(surveyResponses)
    .set({ answers: settled.answers })
    .where(eq(surveyResponses.id, entry.responseId));
  await tx
    .update(surveyDoubleEntries)
    .set({ settled: read.value, settledBy: who.userId, settledAt: new Date(), resolved: true })
    .where(eq(surveyDoubleEntries.id, entry.id));
  await raiseVersion(tx, survey.id);
  await audit(tx, actor, {
    municipality: mc,
    action: "survey.double_entry_settle",
    recordType: "survey_response",
    recordKey: `${survey.id}/${entry.responseId}`,
    after: { settled: read.value },
  });
  return { ok: true };
}
