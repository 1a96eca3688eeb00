/**
 * The human-editable plan file format (YAML or JSON) under data/municipalities/<code>/.
 *
 * One municipality folder holds `municipality.yaml` (the body and its section registry) and one
 * file per plan in `plans/`. The schemas below are the only definition of that format: the
 * importer validates with them and the exporter writes what they accept, so a file exported from
 * the database imports back to the same state.
 */
import { z } from "zod";

/** A stable code: letters, digits, `-`, `_` and `.`; never reused for another thing. */
export const StableCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "英数字・ハイフン・下線・ピリオドの64文字以内で指定してください",
  );

/** Fiscal year as the Western year it starts in: 令和3年度 = 2021. */
export const FiscalYearNumber = z.number().int().min(1868).max(2200);

const Note = z.string().min(1).optional();

export const SectionFile = z.strictObject({
  code: StableCode,
  name: z.string().min(1),
  /** `group` is a section group such as 全庁 or 関係各課, not a section. */
  kind: z.enum(["section", "group"]).default("section"),
  note: Note,
});
export type SectionFile = z.infer<typeof SectionFile>;

export const BodyKind = z.enum([
  "prefecture", // 都道府県
  "designated_city", // 政令指定都市
  "city", // 市
  "town", // 町
  "village", // 村
  "special_ward", // 特別区
]);
export type BodyKind = z.infer<typeof BodyKind>;

export const MunicipalityFile = z.strictObject({
  code: z.string().regex(/^\d{6}$/, "6桁の全国地方公共団体コードを指定してください"),
  name: z.string().min(1),
  prefecture: z.string().min(1),
  bodyKind: BodyKind,
  sections: z.array(SectionFile).default([]),
  note: Note,
});
export type MunicipalityFile = z.infer<typeof MunicipalityFile>;

/**
 * A block of a node's text, in the order the plan prints it.
 * - `paragraphs`: prose (あるべき将来の姿, explanatory boxes such as 「基金」とは).
 * - `list`: bullet items (現状・これまでの取組, 課題, 主な取組).
 * - `related_plans`: 関連計画 with their periods as printed.
 * - `table`: a table the plan prints inside its text; header row plus data rows of cells.
 * - `heading`: a heading printed over the blocks that follow it (level 1 above level 2); the
 *   titles of the following blocks sit one level below it.
 * `role` says what the block is; `title` is the heading as printed (may be omitted for roles
 * whose heading is standard). Inline `**bold**` marks the plan's own emphasis.
 */
export const BlockRole = z.enum([
  "desired_state", // あるべき将来の姿
  "current_situation", // 現状・これまでの取組
  "issues", // 課題
  "related_plans", // 関連計画
  "explanation", // free explanatory box / section text
  "main_initiatives", // (主な取組)
  "note", // 注記 (※…)
  "table", // a data table printed in the plan
  "heading", // a heading that stands over the blocks after it
]);
export type BlockRole = z.infer<typeof BlockRole>;

const BlockBase = { role: BlockRole, title: z.string().min(1).optional(), note: Note };

export const Block = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("heading"),
    role: z.literal("heading").default("heading"),
    title: z.string().min(1),
    level: z.union([z.literal(1), z.literal(2)]),
    note: Note,
  }),
  z.strictObject({
    kind: z.literal("paragraphs"),
    ...BlockBase,
    paragraphs: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal("list"),
    ...BlockBase,
    items: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal("related_plans"),
    ...BlockBase,
    plans: z
      .array(z.strictObject({ name: z.string().min(1), period: z.string().min(1).optional() }))
      .min(1),
  }),
  z
    .strictObject({
      kind: z.literal("table"),
      ...BlockBase,
      columns: z.array(z.string()).min(1),
      rows: z.array(z.array(z.string())).min(1),
    })
    .refine((t) => t.rows.every((r) => r.length === t.columns.length), {
      message: "各行のセル数は列見出しの数と同じにしてください",
      path: ["rows"],
    }),
]);
export type Block = z.infer<typeof Block>;

export const TargetForm = z.enum([
  "at_least", // reach a value (higher is better): 「30件」
  "at_most", // reach a value (lower is better)
  "below", // strict upper bound: 「12.58%未満」
  "above", // strict lower bound: 「…超」
  "increase", // 「基準値より増」
  "decrease", // 「基準値より減」
  "maintain", // 「維持」
  "manage", // keep-managing text: 「指標数管理継続」
  "milestone", // a text target reached or not: 「設置」「策定」
  "tbd", // 「調整中」
]);
export type TargetForm = z.infer<typeof TargetForm>;

export const NUMERIC_TARGET_FORMS: readonly TargetForm[] = [
  "at_least",
  "at_most",
  "below",
  "above",
];

export const Baseline = z.strictObject({
  /** null when the plan prints no number yet (「●●%」). */
  value: z.number().nullable(),
  fiscalYear: FiscalYearNumber.nullable(),
  /** The baseline as the plan prints it, e.g. 「20 件」「●●%」. */
  text: z.string().min(1),
  note: Note,
});

/** A milestone on the way to the target (中間目標), as the plan prints it. */
export const InterimTarget = z.strictObject({
  fiscalYear: FiscalYearNumber,
  value: z.number().nullable().default(null),
  text: z.string().min(1),
  note: Note,
});
export type InterimTarget = z.infer<typeof InterimTarget>;

export const Target = z
  .strictObject({
    form: TargetForm,
    value: z.number().nullable().default(null),
    fiscalYear: FiscalYearNumber.nullable(),
    /** The target as the plan prints it, e.g. 「基準値より 増」「12.58%未満」「調整中」. */
    text: z.string().min(1),
    note: Note,
    /** 中間目標: the pace is judged against the line through them. */
    interim: z.array(InterimTarget).default([]),
  })
  .superRefine((t, ctx) => {
    const numeric = NUMERIC_TARGET_FORMS.includes(t.form);
    if (numeric && t.value === null) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `目標の形式 ${t.form} には数値が必要です`,
      });
    }
    if (!numeric && t.value !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `目標の形式 ${t.form} に数値は指定できません`,
      });
    }
  });

/** An ISO date (YYYY-MM-DD) that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日付は YYYY-MM-DD の形で書いてください")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "存在しない日付です",
  );

export const Actual = z.strictObject({
  fiscalYear: FiscalYearNumber,
  value: z.number().nullable().default(null),
  /** As reported when it is words: 「策定」「なし」. */
  text: z.string().min(1).optional(),
  /** For a milestone target: reached (true) or not yet (false). */
  done: z.boolean().optional(),
  /** The date the value stands at: 「平成15年9月30日現在」 → 2003-09-30. */
  asOf: IsoDate.optional(),
  /** 見込: an estimate, not a final figure. */
  estimate: z.boolean().default(false),
  note: Note,
  source: z.string().min(1).optional(),
});

/**
 * How the values of the years relate (see indicators/achievement.ts):
 * - annual: each year's value stands alone (default);
 * - running_total: the value entered is already the total so far (most 「(累計)」 in plans);
 * - sum_of_annual: each year's amount is entered and the system adds them to the baseline.
 */
export const ValueKind = z.enum(["annual", "running_total", "sum_of_annual"]);
export type ValueKind = z.infer<typeof ValueKind>;

/** 年度 (April–March) or 年 (calendar year): how the years of the indicator are labelled. */
export const YearKind = z.enum(["fiscal", "calendar"]);
export type YearKind = z.infer<typeof YearKind>;

/** Where the indicator's figures are printed, when not (only) the plan's own source. */
export const IndicatorSource = z.strictObject({
  document: z.string().min(1),
  page: z.string().min(1).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const IndicatorKind = z.enum(["policy", "outcome", "reference", "activity"]);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

export const IndicatorFile = z
  .strictObject({
    code: StableCode,
    kind: IndicatorKind,
    name: z.string().min(1),
    /** 指標の定義・説明 as printed (e.g. 「4月～6月までの建設工事の発注割合」). */
    definition: z.string().min(1).optional(),
    unit: z.string().default(""),
    /** Decimal places to show; omitted = as entered. */
    decimals: z.number().int().min(0).max(6).optional(),
    challenge: z.boolean().default(false),
    valueKind: ValueKind.default("annual"),
    yearKind: YearKind.default("fiscal"),
    /** 再掲: the plan reposts an indicator that belongs to another plan. */
    reposted: z.boolean().default(false),
    sections: z.array(StableCode).default([]),
    baseline: Baseline,
    target: Target,
    actuals: z.array(Actual).default([]),
    source: IndicatorSource.optional(),
    /** Where the seed looks wrong, what it prints is kept and the note says why. */
    note: Note,
  })
  .superRefine((ind, ctx) => {
    const from = ind.baseline.fiscalYear;
    const to = ind.target.fiscalYear;
    const years = new Set<number>();
    ind.target.interim.forEach((p, i) => {
      const path = ["target", "interim", i, "fiscalYear"];
      if ((from !== null && p.fiscalYear <= from) || (to !== null && p.fiscalYear >= to))
        ctx.addIssue({
          code: "custom",
          path,
          message: `中間目標の年度 ${p.fiscalYear} は基準年度より後、目標年度より前にしてください`,
        });
      if (years.has(p.fiscalYear))
        ctx.addIssue({
          code: "custom",
          path,
          message: `中間目標の年度 ${p.fiscalYear} が重複しています`,
        });
      years.add(p.fiscalYear);
      const numeric = NUMERIC_TARGET_FORMS.includes(ind.target.form);
      if (numeric && p.value === null)
        ctx.addIssue({
          code: "custom",
          path: ["target", "interim", i, "value"],
          message: "数値目標の中間目標には数値が必要です",
        });
    });
    ind.actuals.forEach((a, i) => {
      if (a.done !== undefined && ind.target.form !== "milestone")
        ctx.addIssue({
          code: "custom",
          path: ["actuals", i, "done"],
          message: "done（達成したか）は目標の形式が milestone の指標にだけ書けます",
        });
    });
    const seen = new Set<number>();
    ind.actuals.forEach((a, i) => {
      if (seen.has(a.fiscalYear)) {
        ctx.addIssue({
          code: "custom",
          path: ["actuals", i, "fiscalYear"],
          message: `${a.fiscalYear}年度の実績が重複しています`,
        });
      }
      seen.add(a.fiscalYear);
    });
  });
export type IndicatorFile = z.infer<typeof IndicatorFile>;

/**
 * A node below an initiative: the plan's 4th level and deeper (e.g. 主な事業 under 主要施策).
 * Its level's name comes from the plan's `levels`.
 */
export interface DetailFile {
  code: string;
  title: string;
  description?: string | undefined;
  challenge: boolean;
  sections: string[];
  indicators: IndicatorFile[];
  children: DetailFile[];
  note?: string | undefined;
}
export const DetailFile: z.ZodType<DetailFile, unknown> = z.strictObject({
  code: StableCode,
  title: z.string().min(1),
  description: z.string().min(1).optional(),
  challenge: z.boolean().default(false),
  sections: z.array(StableCode).default([]),
  indicators: z.array(IndicatorFile).default([]),
  get children() {
    return z.array(DetailFile).default([]);
  },
  note: Note,
});

export const InitiativeFile = z.strictObject({
  code: StableCode,
  title: z.string().min(1),
  /** 取組内容 */
  description: z.string().min(1),
  challenge: z.boolean().default(false),
  sections: z.array(StableCode).default([]),
  indicators: z.array(IndicatorFile).default([]),
  /** The plan's next level (its key and label in `levels`). */
  children: z.array(DetailFile).default([]),
  note: Note,
});
export type InitiativeFile = z.infer<typeof InitiativeFile>;

const NodeCommon = {
  code: StableCode,
  title: z.string().min(1),
  /** Short lead text printed under the title. */
  summary: z.string().min(1).optional(),
  blocks: z.array(Block).default([]),
  indicators: z.array(IndicatorFile).default([]),
  note: Note,
};

export const MeasureFile = z.strictObject({
  ...NodeCommon,
  /** 基本施策1 → 1 */
  number: z.number().int().min(1),
  priority: z.boolean().default(false),
  sections: z.array(StableCode).default([]),
  initiatives: z.array(InitiativeFile).default([]),
});
export type MeasureFile = z.infer<typeof MeasureFile>;

export const PolicyFile = z.strictObject({ ...NodeCommon });
export type PolicyFile = z.infer<typeof PolicyFile>;

export const PlanKind = z.enum(["comprehensive", "administrative_reform", "sectoral"]);

/** The keys of the first three levels, as the file's `policy` / `measures` / `initiatives` hold them. */
export const FIXED_LEVEL_KEYS = ["policy", "measure", "initiative"] as const;

/** A level of the plan tree as the plan names it: 政策, 分野, 施策, 主要施策 … */
export const PlanLevel = z.strictObject({
  key: StableCode,
  label: z.string().min(1).max(20),
});
export type PlanLevel = z.infer<typeof PlanLevel>;

export const PlanLevels = z
  .array(PlanLevel)
  .min(1)
  .superRefine((levels, ctx) => {
    const seen = new Set<string>();
    levels.forEach((level, i) => {
      const fixed = FIXED_LEVEL_KEYS[i];
      if (fixed !== undefined && level.key !== fixed)
        ctx.addIssue({
          code: "custom",
          path: [i, "key"],
          message: `${i + 1}番目の階層のキーは ${fixed} にしてください（${FIXED_LEVEL_KEYS.join(" → ")} の順）`,
        });
      else if (fixed === undefined && (FIXED_LEVEL_KEYS as readonly string[]).includes(level.key))
        ctx.addIssue({
          code: "custom",
          path: [i, "key"],
          message: `4番目より下の階層には ${FIXED_LEVEL_KEYS.join("・")} 以外のキーを付けてください`,
        });
      if (seen.has(level.key))
        ctx.addIssue({
          code: "custom",
          path: [i, "key"],
          message: `階層のキー ${level.key} が重複しています`,
        });
      seen.add(level.key);
    });
  });

/** The deepest level (0 = policy) that holds a node of the plan. */
function deepestLevel(file: { measures: { initiatives: { children: DetailFile[] }[] }[] }) {
  const below = (nodes: DetailFile[], level: number): number =>
    nodes.reduce((d, n) => Math.max(d, below(n.children, level + 1)), nodes.length ? level : 0);
  return file.measures.reduce(
    (d, m) =>
      Math.max(
        d,
        1,
        m.initiatives.reduce((e, i) => Math.max(e, 2, below(i.children, 3)), 0),
      ),
    0,
  );
}

/** Where the first node at a level lies in the file, for the error message. */
function pathToLevel(file: PlanFile, level: number): (string | number)[] {
  if (level === 1) return ["measures", 0];
  for (const [i, m] of file.measures.entries())
    for (const [j, init] of m.initiatives.entries()) {
      if (level === 2) return ["measures", i, "initiatives", j];
      const walk = (
        nodes: DetailFile[],
        at: (string | number)[],
        depth: number,
      ): (string | number)[] | null => {
        for (const [k, n] of nodes.entries()) {
          const here = [...at, "children", k];
          if (depth === level) return here;
          const deeper: (string | number)[] | null = walk(n.children, here, depth + 1);
          if (deeper) return deeper;
        }
        return null;
      };
      const found = walk(init.children, ["measures", i, "initiatives", j], 3);
      if (found) return found;
    }
  return [];
}

const PlanFileBase = z.strictObject({
  /** Municipality code the plan belongs to. */
  municipality: z.string().regex(/^\d{6}$/),
  code: StableCode,
  title: z.string().min(1),
  subtitle: z.string().min(1).optional(),
  kind: PlanKind,
  period: z.strictObject({ from: FiscalYearNumber.nullable(), to: FiscalYearNumber.nullable() }),
  source: z.string().min(1).optional(),
  note: Note,
  /**
   * The plan's own names of its levels, from the top: `policy`, `measure`, `initiative`, then
   * keys of the plan's choosing for deeper levels. Omitted: 政策 → 基本施策 → 具体的な取組.
   */
  levels: PlanLevels.optional(),
  policy: PolicyFile,
  measures: z.array(MeasureFile).default([]),
});

export const PlanFile = PlanFileBase.superRefine((file, ctx) => {
  const deepest = deepestLevel(file);
  const named = file.levels?.length ?? FIXED_LEVEL_KEYS.length;
  if (deepest >= named)
    ctx.addIssue({
      code: "custom",
      path: pathToLevel(file, named),
      message: file.levels
        ? `${named + 1}番目の階層の名前が levels にありません（levels に { key, label } を足してください）`
        : "4番目より下の階層を書くには、計画の levels に各階層の名前（{ key, label }）を書いてください",
    });
});
export type PlanFile = z.infer<typeof PlanFileBase>;
