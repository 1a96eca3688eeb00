/**
 * Surveys (市民意識調査・職員アンケート): the survey with its questionnaire, its sample frame of
 * strata (counts only) and its one-time access codes with their answers. Nothing personal is
 * stored: a code is linked to its stratum and its position in the stratum, never to a person
 * (the mailing list stays outside Shisaku).
 */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";
import { indicators } from "../indicators/schema.ts";
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
import type { Answers, Questionnaire } from "./questionnaire.ts";

export const SURVEY_POPULATIONS = ["citizens", "staff"] as const;
export const SURVEY_STATUSES = ["draft", "open", "closed"] as const;

export const surveys = pgTable(
  "surveys",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    /** The title in やさしい日本語, shown beside the title on the public form. */
    titleEasy: text("title_easy"),
    purpose: text("purpose").notNull(),
    /** citizens = citizens aged 18 and over (strata: age band × sex × area); staff = by section. */
    population: text("population", { enum: SURVEY_POPULATIONS }).notNull(),
    opensOn: date("opens_on", { mode: "string" }).notNull(),
    closesOn: date("closes_on", { mode: "string" }).notNull(),
    /** The questionnaire as staff wrote it (YAML) and as read. */
    questionnaireYaml: text("questionnaire_yaml").notNull(),
    questionnaire: jsonb("questionnaire").$type<Questionnaire>().notNull(),
    /** draft: being prepared; open: answering allowed; closed: no more answers. */
    status: text("status", { enum: SURVEY_STATUSES }).notNull().default("draft"),
    /** Whether the aggregated results are public. */
    resultsPublished: boolean("results_published").notNull().default(false),
    /** The seed of the drawn sample, shown on the page (null until drawn). */
    seed: text("seed"),
    sampleSize: integer("sample_size"),
    /** Demo data not in the plan: labelled 「サンプル」 wherever the survey is shown. */
    isSample: boolean("is_sample").notNull().default(false),
    /** The indicator one question feeds: the share choosing any of `indicatorOptions`. */
    indicatorId: integer("indicator_id"),
    indicatorQuestion: text("indicator_question"),
    indicatorOptions: jsonb("indicator_options").$type<string[]>(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "surveys_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "surveys_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ),
    index("surveys_year").on(t.municipalityCode, t.fiscalYear),
  ],
);

/** One stratum of a survey's sample frame: its population (count) and how many were sampled. */
export const surveyStrata = pgTable(
  "survey_strata",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    surveyId: integer("survey_id").notNull(),
    /** Age band and sex ("" for a staff survey); area, or the section's code for staff. */
    ageBand: text("age_band").notNull(),
    sex: text("sex").notNull(),
    area: text("area").notNull(),
    population: integer("population").notNull(),
    sampled: integer("sampled").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "survey_strata_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "survey_strata_survey_id_fk",
      { municipalityCode: t.municipalityCode, column: t.surveyId },
      surveys,
    ).onDelete("cascade"),
    unique("survey_strata_cell").on(t.surveyId, t.ageBand, t.sex, t.area, t.municipalityCode),
  ],
);

/**
 * A one-time access code and what was answered with it. `position` is the sampled position in
 * the stratum's register order (the register stays outside). Answers are kept while in progress
 * and fixed once submitted; `channel` says whether staff keyed a paper form in.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    surveyId: integer("survey_id").notNull(),
    stratumId: integer("stratum_id").notNull(),
    code: text("code").notNull(),
    position: integer("position").notNull(),
    answers: jsonb("answers").$type<Answers>().notNull().default({}),
    /** The furthest section reached (0-based), for resuming. */
    reached: integer("reached").notNull().default(0),
    submitted: boolean("submitted").notNull().default(false),
    channel: text("channel", { enum: ["web", "paper"] }),
  },
  (t) => [
    primaryKey({ name: "survey_responses_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "survey_responses_survey_id_fk",
      { municipalityCode: t.municipalityCode, column: t.surveyId },
      surveys,
    ).onDelete("cascade"),
    tenantForeignKey(
      "survey_responses_stratum_id_fk",
      { municipalityCode: t.municipalityCode, column: t.stratumId },
      surveyStrata,
    ).onDelete("cascade"),
    unique("survey_responses_code").on(t.municipalityCode, t.surveyId, t.code),
    index("survey_responses_survey").on(t.surveyId, t.submitted),
  ],
);

export type Survey = typeof surveys.$inferSelect;
export type SurveyStratum = typeof surveyStrata.$inferSelect;

/**
 * Double entry of a paper form drawn for it (double-entry.ts `doubleEntrySample`): the first
 * keying, the second one by another person, and the third look that settles their
 * disagreements. Until `resolved` (the keyings agree, or every disagreement is settled) the
 * form's answers do not count in the results; the settled answers are then the response's.
 */
export const surveyDoubleEntries = pgTable(
  "survey_double_entries",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    surveyId: integer("survey_id").notNull(),
    responseId: integer("response_id").notNull(),
    firstAnswers: jsonb("first_answers").$type<Answers>().notNull(),
    firstKeyedBy: integer("first_keyed_by")
      .notNull()
      .references(() => users.id),
    firstKeyedAt: timestamp("first_keyed_at", { withTimezone: true }).notNull().defaultNow(),
    secondAnswers: jsonb("second_answers").$type<Answers>(),
    secondKeyedBy: integer("second_keyed_by").references(() => users.id),
    secondKeyedAt: timestamp("second_keyed_at", { withTimezone: true }),
    /** Per disagreeing question, what the third look read: "first", "second" (the keying kept). */
    settled: jsonb("settled").$type<Record<string, "first" | "second">>(),
    settledBy: integer("settled_by").references(() => users.id),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    /** The answers count in the results: both keyings agree, or the third look settled them. */
    resolved: boolean("resolved").notNull().default(false),
  },
  (t) => [
    primaryKey({ name: "survey_double_entries_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "survey_double_entries_survey_id_fk",
      { municipalityCode: t.municipalityCode, column: t.surveyId },
      surveys,
    ).onDelete("cascade"),
    tenantForeignKey(
      "survey_double_entries_response_id_fk",
      { municipalityCode: t.municipalityCode, column: t.responseId },
      surveyResponses,
    ).onDelete("cascade"),
    unique("survey_double_entries_response").on(t.municipalityCode, t.responseId),
    index("survey_double_entries_survey").on(t.municipalityCode, t.surveyId, t.resolved),
  ],
);

export type SurveyDoubleEntry = typeof surveyDoubleEntries.$inferSelect;
