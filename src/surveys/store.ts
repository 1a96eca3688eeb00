/**
 * Surveys, the staff's writes: creating and correcting a survey (while a draft), its sample
 * frame, drawing the sample with its access codes, opening and closing it, linking a question to
 * an indicator and publishing the results (which fills the linked indicator's actual). Each is
 * one transaction with its audit entry.
 */
import { and, asc, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { indicators } from "../indicators/schema.ts";
import { sections as sectionTable } from "../municipalities/schema.ts";
import { feedIndicator } from "./indicator-feed.ts";
import { permissions } from "./permissions.ts";
import { waitingPaperForms } from "./queries.ts";
import { allQuestions, hasOptions } from "./questionnaire.ts";
import {
  newAccessCode,
  readFrame,
  type SurveySubmission,
  validateDraw,
  validateSurvey,
} from "./rules.ts";
import { drawSample as draw } from "./sampling.ts";
import { type Survey, surveyResponses, surveyStrata, surveys } from "./schema.ts";

export const STALE_SURVEY =
  "この調査は、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください";

export async function lockSurvey(tx: Tx, mc: string, id: number) {
  const [row] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.municipalityCode, mc), eq(surveys.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found", `調査 ${id} が見つかりません`);
  return row;
}

type Ctx = ActionContext<Principal>;
type Current = Outcome<undefined, Survey>;

/**
 * One write on a locked survey at the version its form was opened on: refused, stale or run.
 * `change` returns the outcome and, when it saved, the audit entry's action, before and after.
 */
async function onSurvey(
  ctx: Ctx,
  permission: (typeof permissions)[keyof typeof permissions],
  input: { id: number; version: number },
  change: (
    tx: Tx,
    before: Survey,
  ) => Promise<Current | { action: string; before?: unknown; after: unknown }>,
): Promise<Current> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permission);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Current> => {
    const before = await lockSurvey(tx, mc, input.id);
    if (before.version !== input.version) return conflict(before, STALE_SURVEY);
    const done = await change(tx, before);
    if ("status" in done) return done;
    await tx
      .update(surveys)
      .set({ version: before.version + 1 })
      .where(eq(surveys.id, input.id));
    await audit(tx, actor, {
      municipality: mc,
      action: done.action,
      recordType: "survey",
      recordKey: String(input.id),
      before: done.before,
      after: done.after,
    });
    await announceChange(tx, mc);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

const onlyDraft = (s: Survey, what: string) =>
  s.status === "draft"
    ? null
    : invalid([{ location: "status", message: `回答の受付を始めた調査の${what}は変えられません` }]);

/** Creates a survey (planners) as a draft. */
export async function createSurvey(
  ctx: Ctx,
  submission: SurveySubmission,
): Promise<Outcome<number>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.create);
  if (no) return no;
  const checked = validateSurvey(submission);
  if (!checked.ok) return invalid(checked.details);
  const values = checked.value;
  const id = await withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .insert(surveys)
      .values({ municipalityCode: mc, ...values })
      .returning({ id: surveys.id });
    await audit(tx, actor, {
      municipality: mc,
      action: "survey.create",
      recordType: "survey",
      recordKey: String(row!.id),
      after: { ...values, questionnaire: undefined },
    });
    await announceChange(tx, mc);
    return row!.id;
  });
  changed(db, [mc]);
  return saved(id);
}

/** Corrects a draft survey: its wording, period and questionnaire. */
export function updateSurvey(
  ctx: Ctx,
  input: { id: number; version: number; submission: SurveySubmission },
): Promise<Current> {
  return onSurvey(ctx, permissions.create, input, async (tx, before) => {
    const locked = onlyDraft(before, "内容");
    if (locked) return locked;
    const checked = validateSurvey(input.submission);
    if (!checked.ok) return invalid(checked.details);
    if (checked.value.population !== before.population && before.seed)
      return invalid([
        { location: "population", message: "標本を抽出した後は対象を変えられません" },
      ]);
    await tx.update(surveys).set(checked.value).where(eq(surveys.id, before.id));
    return {
      action: "survey.update",
      before: { title: before.title, questionnaireYaml: before.questionnaireYaml },
      after: { ...checked.value, questionnaire: undefined },
    };
  });
}

/** Replaces the sample frame (a CSV of counts) of a draft survey not yet drawn. */
export function uploadFrame(
  ctx: Ctx,
  input: { id: number; version: number; csv: string },
): Promise<Current> {
  return onSurvey(ctx, permissions.sample, input, async (tx, before) => {
    const locked = onlyDraft(before, "標本フレーム");
    if (locked) return locked;
    if (before.seed)
      return invalid([
        { location: "frame", message: "標本を抽出した後は標本フレームを変えられません" },
      ]);
    const sectionCodes =
      before.population === "staff"
        ? new Set(
            (
              await tx
                .select({ code: sectionTable.code })
                .from(sectionTable)
                .where(eq(sectionTable.municipalityCode, ctx.municipality))
            ).map((s) => s.code),
          )
        : undefined;
    const frame = readFrame(input.csv, before.population, sectionCodes);
    if (!frame.ok) return invalid(frame.details);
    await tx.delete(surveyStrata).where(eq(surveyStrata.surveyId, before.id));
    await tx
      .insert(surveyStrata)
      .values(
        frame.value.map((r) => ({ municipalityCode: ctx.municipality, surveyId: before.id, ...r })),
      );
    return {
      action: "survey.frame",
      after: {
        strata: frame.value.length,
        population: frame.value.reduce((a, r) => a + r.population, 0),
      },
    };
  });
}

/**
 * Draws the stratified sample from the frame with a seed (shown on the page; the same seed
 * gives the same positions) and issues one access code per sampled position.
 */
export function drawSurveySample(
  ctx: Ctx,
  input: { id: number; version: number; seed: string; size: string },
): Promise<Current> {
  return onSurvey(ctx, permissions.sample, input, async (tx, before) => {
    const locked = onlyDraft(before, "標本");
    if (locked) return locked;
    if (before.seed) return invalid([{ location: "seed", message: "標本はもう抽出しました" }]);
    const strata = await tx
      .select()
      .from(surveyStrata)
      .where(eq(surveyStrata.surveyId, before.id))
      .orderBy(asc(surveyStrata.id));
    if (strata.length === 0)
      return invalid([
        { location: "frame", message: "先に標本フレーム（層ごとの人数）を登録してください" },
      ]);
    const checked = validateDraw(
      input,
      strata.reduce((a, s) => a + s.population, 0),
    );
    if (!checked.ok) return invalid(checked.details);
    const { seed, size } = checked.value;
    const drawn = draw(
      seed,
      strata.map((s) => ({ key: `${s.ageBand}|${s.sex}|${s.area}`, population: s.population })),
      size,
    );
    const codes = new Set<string>();
    const rows = drawn.flatMap((d, i) =>
      d.positions.map((position) => {
        let code = newAccessCode();
        while (codes.has(code)) code = newAccessCode();
        codes.add(code);
        return {
          municipalityCode: ctx.municipality,
          surveyId: before.id,
          stratumId: strata[i]!.id,
          code,
          position,
        };
      }),
    );
    for (let i = 0; i < rows.length; i += 1000)
      await tx.insert(surveyResponses).values(rows.slice(i, i + 1000));
    for (const [i, d] of drawn.entries())
      await tx
        .update(surveyStrata)
        .set({ sampled: d.sampled })
        .where(eq(surveyStrata.id, strata[i]!.id));
    await tx.update(surveys).set({ seed, sampleSize: size }).where(eq(surveys.id, before.id));
    return { action: "survey.draw", after: { seed, sampleSize: size, codes: rows.length } };
  });
}

/** Opens a drawn survey for answers, or closes it. */
export function setSurveyStatus(
  ctx: Ctx,
  input: { id: number; version: number; status: "open" | "closed" },
): Promise<Current> {
  return onSurvey(ctx, permissions.run, input, async (tx, before) => {
    if (before.status === input.status) return unchanged();
    if (input.status === "open" && !before.seed)
      return invalid([
        { location: "status", message: "標本を抽出してから回答の受付を始めてください" },
      ]);
    await tx.update(surveys).set({ status: input.status }).where(eq(surveys.id, before.id));
    return {
      action: "survey.status",
      before: { status: before.status },
      after: { status: input.status },
    };
  });
}

/** Whether an indicator's unit is a percentage (「%」, also typed full-width). */
const isPercent = (unit: string) => unit.normalize("NFKC").trim() === "%";

/**
 * Links one choice question to an indicator of the registry: its actual becomes the weighted
 * share choosing any of the options. An empty indicator code removes the link.
 */
export function linkIndicator(
  ctx: Ctx,
  input: {
    id: number;
    version: number;
    indicatorCode: string;
    question: string;
    options: string[];
  },
): Promise<Current> {
  return onSurvey(ctx, permissions.publish, input, async (tx, before) => {
    const code = input.indicatorCode.trim();
    let values: Pick<Survey, "indicatorId" | "indicatorQuestion" | "indicatorOptions">;
    if (code === "")
      values = { indicatorId: null, indicatorQuestion: null, indicatorOptions: null };
    else {
      const [indicator] = await tx
        .select({ id: indicators.id, name: indicators.name, unit: indicators.unit })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, ctx.municipality), eq(indicators.code, code)));
      const q = allQuestions(before.questionnaire).find((x) => x.key === input.question);
      const keys = new Set(q?.options?.map((o) => o.key));
      const details = [
        ...(!indicator
          ? [
              {
                location: "indicatorCode",
                message: `指標コード「${code}」は指標の一覧にありません`,
              },
            ]
          : !isPercent(indicator.unit)
            ? [
                {
                  location: "indicatorCode",
                  message: `指標「${code} ${indicator.name}」の単位は「${indicator.unit || "（なし）"}」です。調査の結果は割合（%）なので、単位が「%」の指標にだけ結び付けられます`,
                },
              ]
            : []),
        ...(q && hasOptions(q) && q.kind !== "multiple"
          ? []
          : [{ location: "question", message: "単一回答か尺度の問を選んでください" }]),
        ...(input.options.length && input.options.every((o) => keys.has(o))
          ? []
          : [{ location: "options", message: "割合に数える選択肢を一つ以上選んでください" }]),
      ];
      if (details.length) return invalid(details);
      values = {
        indicatorId: indicator!.id,
        indicatorQuestion: q!.key,
        indicatorOptions: input.options,
      };
    }
    await tx.update(surveys).set(values).where(eq(surveys.id, before.id));
    return {
      action: "survey.link_indicator",
      before: {
        indicatorId: before.indicatorId,
        question: before.indicatorQuestion,
        options: before.indicatorOptions,
      },
      after: {
        indicatorCode: code || null,
        question: values.indicatorQuestion,
        options: values.indicatorOptions,
      },
    };
  });
}

export const awaitingMessage = (n: number) =>
  `紙の調査票 ${n}枚が二重入力の照合を待っています（二回目の入力か、食い違いの確定）。照合を待つ調査票は集計に入らないため、「二重入力の照合」ですべて確定してから結果を公開してください`;

/**
 * Publishes the aggregated results of a closed survey (or withdraws them). Publishing fills the
 * linked indicator's actual for the survey's fiscal year, with the method as its source. It is
 * refused while a paper form waits for double-entry settlement: the results would leave it out.
 */
export function publishResults(
  ctx: Ctx,
  input: { id: number; version: number; published: boolean },
): Promise<Current> {
  return onSurvey(ctx, permissions.publish, input, async (tx, before) => {
    if (before.resultsPublished === input.published) return unchanged();
    if (input.published && before.status !== "closed")
      return invalid([
        { location: "status", message: "回答の受付を締め切ってから結果を公開してください" },
      ]);
    const waiting = input.published ? await waitingPaperForms(tx, ctx.municipality, before.id) : 0;
    if (waiting)
      return invalid(
        [{ location: "double-entry", message: `二重入力の照合を待つ紙の調査票: ${waiting}枚` }],
        awaitingMessage(waiting),
      );
    await tx
      .update(surveys)
      .set({ resultsPublished: input.published })
      .where(eq(surveys.id, before.id));
    const fed = input.published
      ? await feedIndicator(tx, ctx.municipality, before, ctx.actor)
      : null;
    return {
      action: input.published ? "survey.publish" : "survey.withdraw",
      before: { resultsPublished: before.resultsPublished },
      after: { resultsPublished: input.published, indicator: fed },
    };
  });
}
