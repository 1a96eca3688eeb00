/**
 * The dataset 事務事業評価 (evaluations): one row per program for the fiscal year of the current
 * evaluation round — its self-evaluation (一次評価): the four ratings on the municipality's
 * scale, the findings, the direction (拡充…廃止) and its reason. A changed row is saved through
 * the same store function as the evaluation form (evaluation-store.ts changeEvaluationIn) and
 * with its rules: editors change their own sections' programs, only while the evaluation is a
 * draft (or sent back) and the round is open; a row changed meanwhile is refused.
 *
 * The fiscal year: the open round with the nearest deadline, else the latest round, else the
 * latest year with program costs. The rating columns are text columns checked against the
 * municipality's scale (a dataset's columns are the same for every municipality).
 */
import { mayUpdateFor, type Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { reportingYear } from "../core/reporting-years.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  type Aspect,
  changeEvaluationIn,
  DIRECTION_DEFINITIONS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type Direction,
  type EvaluationRound,
  editableParts,
  type RatingScale,
  readEvaluationRounds,
  readLatestProgramYear,
  readRatingScale,
  readYearEvaluations,
  recordKeyOf,
  type SelfEvaluation,
  STATE_LABELS,
  selfEvaluationClosed,
  type YearEvaluation,
} from "../evaluations/index.ts";
import type {
  ApplyContext,
  CellChange,
  CellError,
  CellValue,
  ColumnSpec,
  Dataset,
  ExportRow,
  FileChanges,
  ParsedRow,
  Reader,
  Scope,
} from "./dataset.ts";

const TITLE = "事務事業評価";

export interface EvaluationsSnapshot {
  fiscalYear: number;
  scale: RatingScale;
  round: EvaluationRound | undefined;
  /** Every program of the year, by code. */
  all: Map<string, YearEvaluation>;
  /** The programs in the export's scope, in code order. */
  shown: YearEvaluation[];
}

/** What a changed row writes: the self-evaluation over the version it was read at. */
interface Stored {
  fiscalYear: number;
  version: number;
  self: SelfEvaluation;
}

const WORDS = DIRECTIONS.map((d) => DIRECTION_LABELS[d]);
const byWord = new Map(DIRECTIONS.map((d) => [DIRECTION_LABELS[d], d]));
const ratingKey = (a: Aspect) => `rating_${a}`;

const READ_ONLY: ColumnSpec[] = [
  { key: "code", header: "事務事業コード", kind: { type: "text" }, editable: false, width: 18 },
  { key: "name", header: "事務事業名", kind: { type: "text" }, editable: false, width: 36 },
  { key: "section", header: "担当課", kind: { type: "text" }, editable: false, width: 16 },
  { key: "fiscalYear", header: "年度", kind: { type: "text" }, editable: false, width: 12 },
  { key: "state", header: "状態", kind: { type: "text" }, editable: false, width: 10 },
];

const EDITABLE: ColumnSpec[] = [
  ...ASPECTS.map(
    (a): ColumnSpec => ({
      key: ratingKey(a),
      header: ASPECT_LABELS[a],
      kind: { type: "text" },
      editable: true,
      width: 8,
    }),
  ),
  { key: "findings", header: "評価の所見", kind: { type: "text" }, editable: true, width: 48 },
  {
    key: "direction",
    header: "今後の方向性",
    kind: { type: "enum", values: WORDS },
    editable: true,
    width: 12,
  },
  { key: "reason", header: "方向性の理由", kind: { type: "text" }, editable: true, width: 48 },
];

const COLUMNS = [...READ_ONLY, ...EDITABLE];

const norm = (v: CellValue) => {
  const t = String(v ?? "")
    .replace(/\r\n?/g, "\n")
    .trim();
  return t === "" ? null : t;
};

function show(self: SelfEvaluation): Record<string, CellValue> {
  return {
    ...Object.fromEntries(ASPECTS.map((a) => [ratingKey(a), self.ratings[a]])),
    findings: self.findings || null,
    direction: self.direction ? DIRECTION_LABELS[self.direction] : null,
    reason: self.reason || null,
  };
}

function exportRow(s: EvaluationsSnapshot, r: YearEvaluation): ExportRow {
  return {
    key: r.program.code,
    values: {
      code: r.program.code,
      name: r.program.name,
      section: r.program.section.name,
      fiscalYear: fiscalYearLabel(s.fiscalYear),
      state: r.evaluation.version === 0 ? "未着手" : STATE_LABELS[r.evaluation.state],
      ...show(r.evaluation.content.self),
    },
    years: new Map(),
  };
}

async function load(read: Reader, mc: string, scope: Scope): Promise<EvaluationsSnapshot> {
  const rounds = await read((tx) => readEvaluationRounds(tx, mc));
  const open = rounds
    .filter((r) => r.closedAt === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const fiscalYear =
    open[0]?.fiscalYear ??
    rounds.at(-1)?.fiscalYear ??
    (await read((tx) => readLatestProgramYear(tx, mc))) ??
    reportingYear();
  const [{ scale }, rows] = await Promise.all([
    read((tx) => readRatingScale(tx, mc)),
    read((tx) => readYearEvaluations(tx, mc, fiscalYear)),
  ]);
  return {
    fiscalYear,
    scale,
    round: rounds.find((r) => r.fiscalYear === fiscalYear),
    all: new Map(rows.map((r) => [r.program.code, r])),
    shown: rows.filter((r) => !scope.sections || scope.sections.includes(r.program.section.code)),
  };
}

type Read = { self: SelfEvaluation } | { problem: string };

/** A column's cell read into the self-evaluation, or what is wrong with it. */
function readColumn(key: string, v: CellValue, self: SelfEvaluation, scale: RatingScale): Read {
  const aspect = ASPECTS.find((a) => ratingKey(a) === key);
  if (aspect) {
    const text = norm(v)?.normalize("NFKC") ?? null;
    const level =
      text === null ? null : scale.levels.find((l) => l.code.normalize("NFKC") === text);
    if (text !== null && !level)
      return {
        problem: `${ASPECT_LABELS[aspect]}の評価「${text}」は評価の段階 ${scale.levels.map((l) => l.code).join("・")} のいずれかにしてください`,
      };
    return { self: { ...self, ratings: { ...self.ratings, [aspect]: level?.code ?? null } } };
  }
  if (key === "direction") {
    const text = norm(v);
    const direction: Direction | null = text === null ? null : (byWord.get(text) ?? null);
    return { self: { ...self, direction } };
  }
  if (key === "findings" || key === "reason") return { self: { ...self, [key]: norm(v) ?? "" } };
  return { self };
}

function compare(
  s: EvaluationsSnapshot,
  rows: ParsedRow[],
  who: Principal,
  sheet: string,
): FileChanges {
  const changes: CellChange[] = [];
  const errors: CellError[] = [];
  let changedRows = 0;
  let unchangedRows = 0;
  for (const row of rows) {
    const r = s.all.get(row.key)!;
    const before = r.evaluation.content.self;
    let after = before;
    const touched: ColumnSpec[] = [];
    const rowErrors: CellError[] = [];
    for (const column of EDITABLE) {
      if (!(column.key in row.values)) continue;
      const read = readColumn(column.key, row.values[column.key] ?? null, after, s.scale);
      if ("problem" in read) {
        rowErrors.push({ sheet, row: row.row, column: column.header, message: read.problem });
        continue;
      }
      if (show(read.self)[column.key] !== show(after)[column.key]) touched.push(column);
      after = read.self;
    }
    if (rowErrors.length === 0 && touched.length === 0) {
      unchangedRows++;
      continue;
    }
    const refuse = (message: string) =>
      rowErrors.push({ sheet, row: row.row, column: touched[0]?.header ?? null, message });
    const sections = { sectionCodes: [r.program.section.code] };
    if (rowErrors.length === 0) {
      if (!mayUpdateFor(who, sections.sectionCodes))
        refuse(
          `事務事業 ${r.program.code} は担当課（${r.program.section.name}）の入力担当か企画担当だけが変更できます`,
        );
      else if (selfEvaluationClosed(s.round, who.role))
        refuse(
          `${fiscalYearLabel(s.fiscalYear)}の事務事業評価は締め切られているため変更できません`,
        );
      else if (!editableParts(r.evaluation.state, who, sections).self)
        refuse(
          `${STATE_LABELS[r.evaluation.state]}の評価の一次評価は変更できません（${STATE_LABELS.draft}・差し戻し後のときのみ）`,
        );
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    changedRows++;
    const stored: Stored = {
      fiscalYear: s.fiscalYear,
      version: r.evaluation.version,
      self: after,
    };
    const [was, now] = [show(before), show(after)];
    for (const column of touched)
      changes.push({
        row: row.row,
        key: r.program.code,
        label: r.program.name,
        column: column.header,
        fiscalYear: null,
        before: was[column.key] ?? null,
        after: now[column.key] ?? null,
        unit: "",
        correction: false,
        field: column.key,
        stored,
      });
  }
  return { changes, changedRows, unchangedRows, errors };
}

async function apply(tx: Tx, ctx: ApplyContext, changes: CellChange[]): Promise<void> {
  const byKey = new Map<string, Stored>();
  for (const c of changes) byKey.set(c.key, c.stored as Stored);
  for (const [programCode, stored] of byKey) {
    const result = await changeEvaluationIn(
      tx,
      { municipality: ctx.mc, who: ctx.who, actor: ctx.actor },
      { programCode, fiscalYear: stored.fiscalYear, self: stored.self, version: stored.version },
    );
    if (result.status === "invalid")
      throw new AppError("bad_request", result.message, result.details);
    if (result.status === "forbidden") throw new AppError("forbidden", result.message);
    if (result.status === "conflict" && !result.current.stale)
      throw new AppError("conflict", result.message);
    if (result.status === "conflict")
      throw new AppError(
        "conflict",
        `事務事業 ${programCode} の評価はほかの人が更新しました。もう一度書き出して入力してください`,
      );
  }
}

export const evaluationsDataset: Dataset<EvaluationsSnapshot> = {
  name: "evaluations",
  title: TITLE,
  description:
    "事務事業の一次評価（観点別の評価・所見・今後の方向性・理由。1行が1つの事務事業。担当課の入力担当と企画担当が変更できます）",
  columns: COLUMNS,
  keyColumn: "code",
  outcome: "変更は評価の入力画面で保存したのと同じように保存されます（提出は入力画面で行います）。",
  instructions: [
    "1行が1つの事務事業の、評価中の年度（『年度』の列）の一次評価です。『事務事業コード』で事務事業を見分けます。灰色の列（コード・名前・担当課・年度・状態）は変更しないでください。",
    "『必要性』『有効性』『効率性』『公平性』には評価の段階の記号（既定は A・B・C）を入力します。段階とその意味は「コード一覧」シートにあります。",
    "『今後の方向性』は一覧から選びます（拡充・継続・改善・縮小・統合・休止・廃止）。",
    "変更できるのは、作成中（差し戻しを含む）の評価だけです。入力担当は自分の担当課の事務事業だけを変更できます。事務事業評価が締め切られた年度は変更できません。",
    "アップロードすると、まず変更の一覧（確認画面）が表示されます。確定すると評価の入力画面で保存したのと同じように保存されます（提出は入力画面で行います）。ファイルの中に1つでも誤りがあると、何も変更されません。",
  ],
  load,
  rows: (s) => s.shown.map((r) => exportRow(s, r)),
  current: (s, key) => {
    const r = s.all.get(key);
    return r ? exportRow(s, r) : undefined;
  },
  unitOf: () => "",
  codeLists: (s) => [
    ...ASPECTS.map((a) => ({
      title: `評価の段階（${ASPECT_LABELS[a]}）`,
      header: ["記号", "意味"],
      rows: s.scale.levels.map((l) => [l.code, l.definitions[a]]),
    })),
    {
      title: "今後の方向性",
      header: ["今後の方向性", "意味"],
      rows: DIRECTIONS.map((d) => [DIRECTION_LABELS[d], DIRECTION_DEFINITIONS[d]]),
    },
  ],
  compare,
  apply,
  versionOf: (s, key, fy) => {
    const r = s.all.get(key);
    return r && fy === null
      ? {
          version: `${s.fiscalYear}.${r.evaluation.version}`,
          audit: { type: "program_evaluation", key: recordKeyOf(key, s.fiscalYear) },
        }
      : undefined;
  },
};
