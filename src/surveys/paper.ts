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
import { AppError, type ErrorDetail } from "../core/errors.ts";
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

/** Where a code's paper form stands: not keyed, keyed (web or paper), or waiting for a second keying. */
export interface PaperState {
  submitted: boolean;
  /** Its double entry, when the form was keyed once as drawn for it. */
  entry: { firstKeyedBy: number; secondKeyed: boolean } | null;
}

/**
 * Whether this person may key a code's form now, and which keying it is — the one rule of paper
 * keying, by hand (keyPaperForm) or by upload (keyPaperForms): an unknown code, a code already
 * answered, a form keyed twice already, or a second keying by the first keyer is refused; a
 * form not yet keyed needs the survey open and is keyed twice when `drawn` for double entry.
 */
export function paperKeying(
  state: PaperState | undefined,
  survey: Pick<Survey, "status">,
  userId: number,
  drawn: boolean,
): { ok: true; keying: "single" | "first" | "second" } | { ok: false; message: string } {
  if (!state) return { ok: false, message: UNKNOWN };
  if (!state.submitted)
    return survey.status === "open"
      ? { ok: true, keying: drawn ? "first" : "single" }
      : { ok: false, message: NOT_OPEN };
  if (!state.entry) return { ok: false, message: USED };
  if (state.entry.secondKeyed) return { ok: false, message: TWICE };
  if (state.entry.firstKeyedBy === userId) return { ok: false, message: SAME_PERSON };
  return { ok: true, keying: "second" };
}

type Locked =
  | { error: ErrorDetail }
  | {
      row: typeof surveyResponses.$inferSelect;
      entry: typeof surveyDoubleEntries.$inferSelect | null;
      keying: "single" | "first" | "second";
    };

/** The code's row and double entry (locked) as a paper form may key it, or why it may not. */
async function lockPaper(
  tx: Tx,
  mc: string,
  survey: Survey,
  typed: string,
  userId: number,
  sample: () => Promise<Set<string>>,
): Promise<Locked> {
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
  const [entry] = row?.submitted
    ? await tx
        .select()
        .from(surveyDoubleEntries)
        .where(eq(surveyDoubleEntries.responseId, row.id))
        .for("update")
    : [];
  const state: PaperState | undefined = row && {
    submitted: row.submitted,
    entry: entry
      ? { firstKeyedBy: entry.firstKeyedBy, secondKeyed: entry.secondAnswers !== null }
      : null,
  };
  const drawn = row !== undefined && !row.submitted && (await sample()).has(row.code);
  const rule = paperKeying(state, survey, userId, drawn);
  if (!rule.ok || !row)
    return { error: { location: "code", message: rule.ok ? UNKNOWN : rule.message } };
  return { row, entry: entry ?? null, keying: rule.keying };
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
  const found = await lockPaper(
    tx,
    mc,
    survey,
    input.code,
    who.userId,
    async () => input.sample ?? (await doubleEntryCodes(tx, survey)),
  );
  if ("error" in found) return { ok: false, error: found.error };
  const { row, entry } = found;
  const recordKey = `${survey.id}/${row.id}`;
  if (entry) {
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
  const twice = found.keying === "first";
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

/** A code's form as an upload of many forms checks it: its row, state, and double entry. */
export interface PaperCode extends PaperState {
  responseId: number;
  code: string;
  entryId: number | null;
  /** The first keying, for comparing a second one. */
  firstAnswers: Answers | null;
}

/**
 * Every code of a survey with where its form stands, and the codes drawn for double entry: what
 * an upload of many paper forms is checked against (paperKeying, row by row, without a lock —
 * keyPaperForms writes only where the state is still the one read).
 */
export async function paperCodes(tx: Tx, mc: string, survey: Survey) {
  const rows = await tx
    .select({
      responseId: surveyResponses.id,
      code: surveyResponses.code,
      submitted: surveyResponses.submitted,
      entryId: surveyDoubleEntries.id,
      firstKeyedBy: surveyDoubleEntries.firstKeyedBy,
      secondKeyed: sql<boolean>`${surveyDoubleEntries.secondAnswers} is not null`,
      firstAnswers: surveyDoubleEntries.firstAnswers,
    })
    .from(surveyResponses)
    .leftJoin(surveyDoubleEntries, eq(surveyDoubleEntries.responseId, surveyResponses.id))
    .where(and(eq(surveyResponses.municipalityCode, mc), eq(surveyResponses.surveyId, survey.id)));
  const codes = new Map<string, PaperCode>();
  for (const r of rows)
    codes.set(r.code, {
      responseId: r.responseId,
      code: r.code,
      submitted: r.submitted,
      entryId: r.entryId,
      entry:
        r.entryId === null
          ? null
          : { firstKeyedBy: r.firstKeyedBy!, secondKeyed: Boolean(r.secondKeyed) },
      // Only a second keying compares with the first: the others' first answers are not kept.
      firstAnswers: r.entryId !== null && !r.secondKeyed ? r.firstAnswers : null,
    });
  const drawn = doubleEntrySample(
    rows.map((r) => r.code),
    DOUBLE_ENTRY_PERCENT,
    doubleEntrySeed(survey),
  );
  return { codes, drawn };
}

/** One form of an upload, checked by paperKeying against `paperCodes`. */
export interface PaperUploadForm {
  responseId: number;
  answers: Answers;
  keying: "single" | "first" | "second";
  /** A second keying's double entry and whether it agrees with the first. */
  entryId?: number;
  agrees?: boolean;
}

const STALE_FORMS =
  "確認した後に、ほかの人がこの調査の紙の調査票を入力しました。もう一度アップロードして確認してください";

/**
 * Keys many paper forms at once inside the caller's transaction (an upload: one keying by `who`
 * per form), set by set: the single and first keyings submit their codes, the first keyings
 * open their double entry, the second keyings are compared and complete theirs. Each write
 * takes only rows still in the state the forms were checked against; if any is no longer, the
 * whole upload is refused (conflict) and the caller's transaction rolls back. The caller writes
 * the one audit entry of the upload.
 */
export async function keyPaperForms(
  tx: Tx,
  mc: string,
  who: Principal,
  survey: Survey,
  forms: PaperUploadForm[],
) {
  const submit = forms.filter((f) => f.keying !== "second");
  const firsts = forms.filter((f) => f.keying === "first");
  const seconds = forms.filter((f) => f.keying === "second");
  const reached = survey.questionnaire.sections.length;
  const stale = () => new AppError("conflict", STALE_FORMS);
  // A code not yet keyed is taken only while the survey is open: its row is held against a
  // concurrent close (setSurveyStatus locks it for update).
  if (submit.length) {
    const [row] = await tx
      .select({ status: surveys.status })
      .from(surveys)
      .where(and(eq(surveys.municipalityCode, mc), eq(surveys.id, survey.id)))
      .for("share");
    if (row?.status !== "open") throw new AppError("conflict", NOT_OPEN);
  }
  for (const part of chunks(submit)) {
    const json = JSON.stringify(part.map((f) => ({ id: f.responseId, answers: f.answers })));
    const done = (await tx.execute(sql`
      update survey_responses r
         set answers = v.answers, submitted = true, channel = 'paper', reached = ${reached}
        from jsonb_to_recordset(${json}::jsonb) as v(id integer, answers jsonb)
       where r.municipality_code = ${mc} and r.survey_id = ${survey.id}
         and r.id = v.id and not r.submitted
      returning r.id`)) as unknown as { rows: unknown[] };
    if (done.rows.length !== part.length) throw stale();
  }
  for (const part of chunks(firsts))
    await tx.insert(surveyDoubleEntries).values(
      part.map((f) => ({
        municipalityCode: mc,
        surveyId: survey.id,
        responseId: f.responseId,
        firstAnswers: f.answers,
        firstKeyedBy: who.userId,
      })),
    );
  for (const part of chunks(seconds)) {
    const json = JSON.stringify(
      part.map((f) => ({ id: f.entryId, answers: f.answers, resolved: f.agrees === true })),
    );
    const done = (await tx.execute(sql`
      update survey_double_entries d
         set second_answers = v.answers, second_keyed_by = ${who.userId},
             second_keyed_at = now(), resolved = v.resolved
        from jsonb_to_recordset(${json}::jsonb) as v(id integer, answers jsonb, resolved boolean)
       where d.municipality_code = ${mc} and d.survey_id = ${survey.id}
         and d.id = v.id and d.second_answers is null and d.first_keyed_by <> ${who.userId}
      returning d.id`)) as unknown as { rows: unknown[] };
    if (done.rows.length !== part.length) throw stale();
  }
  // The results change when a closed survey's form now counts (they are known by its version).
  if (seconds.some((f) => f.agrees)) await raiseVersion(tx, survey.id);
  return {
    single: forms.length - firsts.length - seconds.length,
    first: firsts.length,
    second: seconds.length,
    agreed: seconds.filter((f) => f.agrees).length,
  };
}

function* chunks<T>(items: T[], size = 2000) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
