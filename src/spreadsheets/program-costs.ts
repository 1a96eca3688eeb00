/**
 * The dataset 事務事業のコスト (program-costs): one row per program and fiscal year — budgets,
 * settlement, funding sources, staff effort (FTE), facilities and the リーディングプロジェクト
 * flag. A changed row is saved through the same store function as the staff form
 * (costs/cost-store.ts saveProgramYearIn): the same checks (funding adds up to the program
 * cost…), the same permissions (the program's section, planners) and one audit entry per row.
 * A file may also add a year to a program (a row under a new 「事務事業コード/年度」 key), for
 * whoever may edit the program; the blank template holds next year's rows not entered yet.
 */
import { asc, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { sameFields } from "../core/field-changes.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import type { CostSettings } from "../costs/index.ts";
import {
  checkYearCosts,
  costYearProblem,
  EMPTY_COSTS,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  lastCostYear,
  readCostSettingRows,
  STAFF_LABELS,
  type StaffYear,
  saveProgramYearIn,
  staffYearOf,
  type YearCosts,
} from "../costs/index.ts";
import { programYears } from "../costs/schema.ts";
import { readPrograms, recordKeyOf, type StaffProgram } from "../evaluations/index.ts";
import { costSettings, mayEditProgram } from "../programs/index.ts";
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

const TITLE = "事務事業のコスト";
const LEADING = "○";

interface RowState {
  key: string;
  program: StaffProgram;
  year: StaffYear;
}

export interface ProgramCostsSnapshot {
  all: Map<string, RowState>;
  shown: RowState[];
  /** Every program by code: a file may add a year to any of them. */
  programs: Map<string, StaffProgram>;
  settings: CostSettings;
  scope: Scope;
}

/** An editable column: how the costs show in it and how a cell's value goes back into them. */
interface Field {
  spec: ColumnSpec;
  /** The form field (cost-input.ts) whose errors belong to this column. */
  location: string;
  unit: string;
  show(c: YearCosts): CellValue;
  read(c: YearCosts, v: CellValue): YearCosts | string;
}

const isYen = (v: number) => Number.isSafeInteger(v) && v >= 0;
const yenProblem = (label: string, v: CellValue) =>
  `${label}は0以上の整数（円）で入力してください（${v}）`;

function amountField(key: "initialBudget" | "finalBudget" | "settlement", header: string): Field {
  return {
    spec: { key, header, kind: { type: "number" }, editable: true, width: 14 },
    location: key,
    unit: "円",
    show: (c) => c[key],
    read: (c, v) => {
      if (v === null)
        return key === "settlement" ? { ...c, settlement: null } : `${header}を入力してください`;
      if (typeof v !== "number" || !isYen(v)) return yenProblem(header, v);
      return { ...c, [key]: v };
    },
  };
}

const FIELDS: Field[] = [
  {
    spec: {
      key: "leadingProject",
      header: "リーディングプロジェクト",
      kind: { type: "enum", values: [LEADING] },
      editable: true,
      width: 12,
    },
    location: "leadingProject",
    unit: "",
    show: (c) => (c.leadingProject ? LEADING : null),
    read: (c, v) => ({ ...c, leadingProject: v === LEADING }),
  },
  amountField("initialBudget", "当初予算額"),
  amountField("finalBudget", "最終予算額"),
  amountField("settlement", "決算額"),
  ...FUNDING_SOURCES.map(
    (s): Field => ({
      spec: {
        key: s,
        header: FUNDING_LABELS[s],
        kind: { type: "number" },
        editable: true,
        width: 14,
      },
      location: `funding.${s}`,
      unit: "円",
      show: (c) => c.funding[s],
      read: (c, v) => {
        const n = v ?? 0;
        if (typeof n !== "number" || !isYen(n)) return yenProblem(FUNDING_LABELS[s], v);
        return { ...c, funding: { ...c.funding, [s]: n } };
      },
    }),
  ),
  ...(["regular", "partTime"] as const).map(
    (k): Field => ({
      spec: {
        key: `staff.${k}`,
        header: `${STAFF_LABELS[k]}（人工）`,
        kind: { type: "number" },
        editable: true,
        width: 12,
      },
      location: `staff.${k}`,
      unit: "人工",
      show: (c) => c.staff[k],
      read: (c, v) => ({ ...c, staff: { ...c.staff, [k]: (v as number | null) ?? 0 } }),
    }),
  ),
  {
    spec: {
      key: "facilities",
      header: "使用する施設",
      kind: { type: "text" },
      editable: true,
      width: 32,
    },
    location: "facilities",
    unit: "",
    show: (c) => c.facilities.join("、") || null,
    read: (c, v) => {
      const list = String(v ?? "")
        .split(/[、\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== "");
      return sameFields(list, c.facilities) ? c : { ...c, facilities: list };
    },
  },
];

const READ_ONLY: ColumnSpec[] = [
  { key: "key", header: "事業・年度コード", kind: { type: "text" }, editable: false, width: 22 },
  { key: "name", header: "事務事業名", kind: { type: "text" }, editable: false, width: 40 },
  { key: "section", header: "担当課", kind: { type: "text" }, editable: false, width: 16 },
  { key: "fiscalYear", header: "年度", kind: { type: "text" }, editable: false, width: 10 },
];
const COLUMNS = [...READ_ONLY, ...FIELDS.map((f) => f.spec)];
const headerOfLocation = (location: string) =>
  FIELDS.find((f) => f.location === location)?.spec.header ?? null;

async function load(read: Reader, mc: string, scope: Scope): Promise<ProgramCostsSnapshot> {
  const [programList, years, settingRows] = await Promise.all([
    read((tx) => readPrograms(tx, mc)),
    read((tx) =>
      tx
        .select()
        .from(programYears)
        .where(eq(programYears.municipalityCode, mc))
        .orderBy(asc(programYears.fiscalYear)),
    ),
    read((tx) => readCostSettingRows(tx, mc)),
  ]);
  // Programs in code order, each one's years in order.
  const yearsOf = new Map<number, (typeof years)[number][]>();
  for (const y of years) yearsOf.set(y.programId, [...(yearsOf.get(y.programId) ?? []), y]);
  const rows = programList.flatMap((program) =>
    (yearsOf.get(program.id) ?? []).map((y) => ({
      key: recordKeyOf(program.code, y.fiscalYear),
      program,
      year: staffYearOf(y),
    })),
  );
  const inScope = (r: RowState) =>
    !scope.sections || scope.sections.includes(r.program.section.code);
  return {
    all: new Map(rows.map((r) => [r.key, r])),
    shown: rows.filter(inScope),
    programs: new Map(programList.map((p) => [p.code, p])),
    settings: costSettings(settingRows),
    scope,
  };
}

/** A year not entered yet: the row a file adds. */
const newState = (program: StaffProgram, fiscalYear: number): RowState => ({
  key: recordKeyOf(program.code, fiscalYear),
  program,
  year: { ...EMPTY_COSTS, fiscalYear, version: 0, publishedVersion: null },
});

/** The program and fiscal year a new row's key names, or why it names none. */
function newRowOf(s: ProgramCostsSnapshot, key: string): RowState | string {
  const at = key.lastIndexOf("/");
  const code = key.slice(0, at);
  const year = key.slice(at + 1).normalize("NFKC");
  if (at <= 0 || !/^\d{4}$/.test(year))
    return `『事業・年度コード』「${key}」は登録されていません。新しい年度を追加するときは「事務事業コード/年度（西暦4桁）」と書いてください（例: ${[...s.programs.keys()][0] ?? "A-001"}/${lastCostYear()}）`;
  const program = s.programs.get(code);
  if (!program) return `事務事業「${code}」は登録されていません（『事業・年度コード』「${key}」）`;
  const problem = costYearProblem(program, Number(year));
  if (problem) return `${problem.message}（${problem.field}）`;
  return newState(program, Number(year));
}

/** A row as exported; a new row (a year not entered yet) has its costs blank. */
function exportRow(r: RowState, blank = false): ExportRow {
  const values: Record<string, CellValue> = {
    key: r.key,
    name: r.program.name,
    section: r.program.section.name,
    fiscalYear: shortFiscalYearLabel(r.year.fiscalYear),
  };
  for (const f of FIELDS) values[f.spec.key] = blank ? null : f.show(r.year);
  return { key: r.key, values, years: new Map() };
}

/**
 * The blank template: a row for next fiscal year (whose budget is being made) of every program
 * in scope that runs then and has no costs for it yet.
 */
function templateRows(s: ProgramCostsSnapshot): ExportRow[] {
  const next = lastCostYear();
  return [...s.programs.values()]
    .filter((p) => !s.scope.sections || s.scope.sections.includes(p.section.code))
    .filter((p) => costYearProblem(p, next) === null && !s.all.has(recordKeyOf(p.code, next)))
    .map((p) => exportRow(newState(p, next), true));
}

function compare(
  s: ProgramCostsSnapshot,
  rows: ParsedRow[],
  who: Principal,
  sheet: string,
): FileChanges {
  const changes: CellChange[] = [];
  const errors: CellError[] = [];
  let changedRows = 0;
  let unchangedRows = 0;
  const refused: number[] = [];
  let addedRows = 0;
  for (const row of rows) {
    // readTable let a new row through only when newRowOf names its program and year.
    const state = s.all.get(row.key) ?? (newRowOf(s, row.key) as RowState);
    // A new row with nothing filled in (a template's row left blank) adds nothing.
    const filled = FIELDS.filter((f) => (row.values[f.spec.key] ?? null) !== null);
    if (row.isNew && filled.length === 0) {
      unchangedRows++;
      continue;
    }
    const before: YearCosts = state.year;
    let after = before;
    const rowErrors: CellError[] = [];
    for (const f of FIELDS) {
      if (!(f.spec.key in row.values)) continue;
      const read = f.read(after, row.values[f.spec.key] ?? null);
      if (typeof read === "string")
        rowErrors.push({ sheet, row: row.row, column: f.spec.header, message: read });
      else after = read;
    }
    const touched = row.isNew
      ? filled
      : FIELDS.filter((f) => !sameFields(f.show(before), f.show(after)));
    if (rowErrors.length === 0 && touched.length === 0) {
      unchangedRows++;
      continue;
    }
    if (!mayEditProgram(who, state.program)) {
      refused.push(row.row);
      continue;
    }
    if (rowErrors.length === 0)
      for (const e of checkYearCosts(state.year.fiscalYear, after, s.settings) as ErrorDetail[])
        rowErrors.push({
          sheet,
          row: row.row,
          column: headerOfLocation(e.location),
          message: e.message,
        });
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    if (row.isNew) addedRows++;
    else changedRows++;
    for (const f of touched)
      changes.push({
        row: row.row,
        key: row.key,
        label: `${state.program.name}（${shortFiscalYearLabel(state.year.fiscalYear)}${row.isNew ? "・追加" : ""}）`,
        column: f.spec.header,
        fiscalYear: null,
        before: row.isNew ? null : f.show(before),
        after: f.show(after),
        unit: f.unit,
        correction: false,
        field: f.spec.key,
        stored: { costs: after, version: state.year.version },
      });
  }
  if (refused.length)
    errors.unshift({
      sheet,
      row: null,
      column: null,
      message: `担当課ではない事務事業のコストは変更・追加できません（該当する行: ${refused.join("、")} 行目）。何も変更していません`,
    });
  return { changes, addedRows, changedRows, unchangedRows, errors };
}

async function apply(tx: Tx, ctx: ApplyContext, changes: CellChange[]): Promise<void> {
  // Every change of a row carries the row's new costs and the version they were read at.
  const byKey = new Map<string, { costs: YearCosts; version: number }>();
  for (const c of changes) byKey.set(c.key, c.stored as { costs: YearCosts; version: number });
  for (const [key, { costs, version }] of byKey) {
    const [programCode, fy] = [
      key.slice(0, key.lastIndexOf("/")),
      Number(key.slice(key.lastIndexOf("/") + 1)),
    ];
    const result = await saveProgramYearIn(
      tx,
      { municipality: ctx.mc, who: ctx.who, actor: ctx.actor },
      { programCode, fiscalYear: fy, costs, version },
    );
    if (result.status === "invalid")
      throw new AppError("bad_request", result.message, result.details);
    if (result.status === "forbidden") throw new AppError("forbidden", result.message);
    if (result.status === "conflict")
      throw new AppError(
        "conflict",
        `事務事業 ${programCode} の${shortFiscalYearLabel(fy)}のコストはほかの人が更新しました。もう一度アップロードして確認してください`,
      );
  }
}

export const programCostsDataset: Dataset<ProgramCostsSnapshot> = {
  name: "program-costs",
  title: TITLE,
  description:
    "事務事業の年度ごとの予算・決算・財源内訳・従事職員数・施設（1行が1つの事業の1年度）",
  columns: COLUMNS,
  keyColumn: "key",
  outcome:
    "変更は事務事業のコストの画面で保存したのと同じように保存され、公開ページにすぐ反映されます。",
  instructions: [
    "1行が1つの事務事業の1年度です。『事業・年度コード』（事務事業コード/年度）で行を見分けます。灰色の列（事業・年度コード・事務事業名・担当課・年度）は変更しないでください。",
    "金額は円で入力します（1,234,000 や 1234000円 も読み取れます）。『決算額』は決算確定前なら空欄にできます。財源内訳の空欄は0円です。",
    "財源内訳（国庫支出金・県支出金・地方債・その他特定財源・一般財源）の合計は、事業費（決算確定済みの年度は決算額、それ以外は最終予算額）と一致させてください。",
    "従事職員数は人工で、小数第2位まで入力できます（0.25 など）。『使用する施設』は施設名を「、」で区切ります。『リーディングプロジェクト』は該当する年度に「○」を入力します。",
    "新しい年度を追加するときは、行を足して『事業・年度コード』に「事務事業コード/年度（西暦4桁）」（例: 事務事業コード 01-02-01-05-001 の2027年度なら 01-02-01-05-001/2027）を書き、金額を入力します（事務事業名・担当課・年度の列は空欄でかまいません）。事業の実施期間の中の、来年度までの年度を追加できます。ひな形には、来年度の行がまだない事務事業の来年度の行が入っています。金額を入力しなかった行は追加されません。",
    "入力担当の方は、担当する課の事務事業だけを変更できます。ファイルの中に1つでも誤りがあると、何も変更されません。",
  ],
  load,
  rows: (s, template) => (template ? templateRows(s) : s.shown.map((r) => exportRow(r))),
  current: (s, key) => {
    const r = s.all.get(key);
    return r ? exportRow(r) : undefined;
  },
  newRow: (s, key) => {
    const r = newRowOf(s, key);
    return typeof r === "string" ? r : exportRow(r, true);
  },
  unitOf: () => "円",
  codeLists: (s) => [
    {
      title: "事務事業",
      header: ["事務事業コード", "事務事業名", "担当課"],
      rows: [...s.programs.values()].map((p) => [p.code, p.name, p.section.name]),
    },
  ],
  compare,
  apply,
  versionOf: (s, key, fy) => {
    const r = s.all.get(key);
    return r && fy === null
      ? { version: String(r.year.version), audit: { type: "program_year", key } }
      : undefined;
  },
};
