/**
 * The programs file of a municipality (data/municipalities/<code>/programs.sample.yaml for the
 * demo): cost settings per fiscal year and programs with their years and evaluations. The same
 * amounts and rules as the database; cross-field checks (funding adds up, shares, complete
 * evaluations for their state) are the pure rules of cost.ts, rollup.ts and evaluation.ts, run
 * by the importer.
 */
import { z } from "zod";
import { ASPECTS, DIRECTIONS, EVALUATION_STATES } from "../evaluations/index.ts";
import { FiscalYearNumber, StableCode } from "../plan/index.ts";
import { PROGRAM_INDICATOR_ROLES } from "./schema.ts";

const Yen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** 従事職員数: at most two decimals (checked by cost.ts). */
const Fte = z.number().min(0).max(10_000);
/** A budget-line part as the budget book prints it (「01」): URL-safe, without 「-」 (the joiner). */
const CodePart = z
  .string()
  .regex(/^[A-Za-z0-9_.]{1,16}$/, "英数字・下線・ピリオドの16文字以内で指定してください");
const Text = z.string().default("");

export const CostSettingFile = z.object({
  fiscalYear: FiscalYearNumber,
  /** 人件費単価 (円/人・年). */
  unitPersonnelCost: z.object({ regular: Yen, partTime: Yen.optional() }),
  /** 決算確定済み: the year's program cost is its settlement. */
  settlementClosed: z.boolean().default(false),
});

export const EvaluationFile = z.object({
  status: z.enum(EVALUATION_STATES).default("draft"),
  self: z.object({
    ratings: z.partialRecord(z.enum(ASPECTS), z.string().min(1)).default({}),
    findings: Text,
    direction: z.enum(DIRECTIONS).nullable().default(null),
    reason: Text,
  }),
  secondary: z.object({ direction: z.enum(DIRECTIONS).nullable(), comment: Text }).optional(),
});
export type EvaluationFile = z.infer<typeof EvaluationFile>;

export const ProgramYearFile = z.object({
  fiscalYear: FiscalYearNumber,
  leadingProject: z.boolean().default(false),
  initialBudget: Yen,
  finalBudget: Yen,
  settlement: Yen.nullable().default(null),
  funding: z.object({
    national: Yen.default(0),
    prefectural: Yen.default(0),
    bonds: Yen.default(0),
    otherSpecific: Yen.default(0),
    general: Yen.default(0),
  }),
  staff: z.object({ regular: Fte.default(0), partTime: Fte.default(0) }),
  facilities: z.array(z.string().min(1)).default([]),
  evaluation: EvaluationFile.optional(),
});
export type ProgramYearFile = z.infer<typeof ProgramYearFile>;

export const ProgramFile = z.object({
  code: z.object({
    account: CodePart,
    chapter: CodePart,
    clause: CodePart,
    item: CodePart,
    number: CodePart,
  }),
  name: z.string().min(1),
  purpose: Text,
  targetGroup: Text,
  means: Text,
  /** 担当課 (section code of municipality.yaml). */
  section: StableCode,
  firstFiscalYear: FiscalYearNumber,
  lastFiscalYear: FiscalYearNumber.nullable().default(null),
  sample: z.boolean().default(false),
  initiatives: z
    .array(z.object({ code: StableCode, share: z.number().int().min(0).nullable().default(null) }))
    .min(1),
  indicators: z
    .array(z.object({ code: StableCode, role: z.enum(PROGRAM_INDICATOR_ROLES) }))
    .default([]),
  years: z.array(ProgramYearFile).default([]),
  note: z.string().min(1).optional(),
});
export type ProgramFile = z.infer<typeof ProgramFile>;

export const ProgramsFile = z.object({
  municipality: z.string().regex(/^\d{6}$/),
  settings: z.array(CostSettingFile).default([]),
  programs: z.array(ProgramFile).default([]),
});
export type ProgramsFile = z.infer<typeof ProgramsFile>;
