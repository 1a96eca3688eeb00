/**
 * The dataset 実績値 (actuals): one row per indicator — code, name, unit and what to enter
 * (入力する値: the value kind's rule, or words for a milestone) read-only — the year a milestone
 * was reached (達成した年度), and one column per fiscal year. A changed cell becomes a draft
 * through the same rule as entering it by hand (indicators/entry.ts checkActualEntry): the
 * editor's own sections only, fed indicators and closed years refused, with the same messages; a
 * reason for correcting a published value; a planner publishes later.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { jsonRows } from "../core/db/json-rows.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { type PlanPeriod, reportingYear, staffYearChoices } from "../core/reporting-years.ts";
import {
  type ActualDetails,
  type BatchEntry,
  checkActualEntry,
  detailsOf,
  type Feed,
  feedsFrom,
  isCorrection,
  loadOwners,
  type Owner,
  type OwnerSources,
  type PublishedActual,
  readActualCells,
  readOwnerSources,
  saveActualDrafts,
  VALUE_KIND_ENTRY,
} from "../indicators/index.ts";
import { indicators } from "../indicators/schema.ts";
import { listSectionsIn } from "../municipalities/index.ts";
import type { ValueKind, YearKind } from "../plan/index.ts";
import { planPeriodsOf, type Reopening, readReopenings, readRounds } from "../reporting/index.ts";
import type {
  ApplyContext,
  CellChange,
  Dataset,
  ExportRow,
  FileChanges,
  ParsedRow,
  Reader,
  Scope,
} from "./dataset.ts";
import type { RecordVersion } from "./versions.ts";

interface YearState {
  published?: PublishedActual;
  draft?: {
    value: number | null;
    note: string | null;
    reason: string | null;
    version: number;
    updatedAt: string;
  } & Partial<ActualDetails>;
}

interface IndicatorState {
  id: number;
  code: string;
  name: string;
  unit: string;
  decimals: number | null;
  /** Only a milestone target (「設置」「策定」) takes words in its year cells. */
  targetForm: string;
  /** The milestone's words (「設置」), for what to enter. */
  targetText: string;
  valueKind: ValueKind;
  yearKind: YearKind;
  owners: Owner[];
  feed?: Feed;
  years: Map<number, YearState>;
}

export interface ActualsSnapshot {
  /** Every indicator of the municipality, by code (an import may touch any of them). */
  all: Map<string, IndicatorState>;
  /** The indicators in the export's scope, in code order. */
  shown: IndicatorState[];
  scope: Scope;
  sections: { code: string; name: string }[];
  rounds: Awaited<ReturnType<typeof readRounds>>;
  reopenings: Reopening[];
  /** The periods of the plans the shown indicators hang on: the year columns run over them. */
  periods: PlanPeriod[];
}

/** A cell's value: its number, else (a milestone's) words. */
const cellOf = (a: { value: number | null; text?: string | null } | undefined) =>
  a ? (a.value ?? a.text ?? null) : null;

/** What staff see as the current value: the draft where there is one, else the published one. */
const working = (y: YearState | undefined) => cellOf(y?.draft ?? y?.published);

const DONE_YEAR = "doneYear";
const DONE_YEAR_HEADER = "達成した年度（文字の目標のみ）";
const ENTRY_HEADER = "入力する値";

/**
 * The year a milestone was reached: the first year whose actual (the draft where there is one)
 * is marked done; null when none is.
 */
function doneYearOf(i: IndicatorState, drafts: boolean): number | null {
  const done = [...i.years.entries()]
    .filter(([, y]) => (drafts ? (y.draft ?? y.published) : y.published)?.done === true)
    .map(([fy]) => fy);
  return done.length ? Math.min(...done) : null;
}

/**
 * What to enter in the year cells of an indicator, in its row (『入力する値』): the value kind's
 * rule, words for a milestone with where to say it was reached, and calendar years.
 */
export function entryOf(
  i: Pick<IndicatorState, "targetForm" | "targetText" | "valueKind" | "yearKind">,
): string {
  const what =
    i.targetForm === "milestone"
      ? `文字で入力します（目標「${i.targetText}」。達成したら『${DONE_YEAR_HEADER}』列にその年度を入力します）`
      : VALUE_KIND_ENTRY[i.valueKind];
  return i.yearKind === "calendar"
    ? `${what}。暦年の指標です（「令和6年度」の列に2024年の値）`
    : what;
}

/** Words in a year cell are read for a milestone, and for an indicator that holds words already (the plan's 「なし」). */
const takesWords = (i: IndicatorState) =>
  i.targetForm === "milestone" ||
  [...i.years.values()].some(
    (y) => typeof working(y) === "string" || typeof cellOf(y.published) === "string",
  );

const numFmtOf = (decimals: number | null) =>
  decimals === null ? "#,##0.########" : decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;

/** Indicators read at once: each read is short, so that other requests are answered between. */
const CHUNK = 500;

async function load(read: Reader, mc: string, scope: Scope): Promise<ActualsSnapshot> {
  const {
    sections,
    sources,
    rounds,
    reopenings,
    ids: rows,
  } = await read(async (tx) => ({
    sections: await listSectionsIn(tx, mc),
    sources: await readOwnerSources(tx, mc),
    rounds: await readRounds(tx, mc),
    reopenings: await readReopenings(tx, mc),
    ids: await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc))
      .orderBy(asc(indicators.code)),
  }));
  const byId = new Map<number, IndicatorState>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => r.id);
    for (const state of await read((tx) => loadIndicators(tx, mc, chunk, sources)))
      byId.set(state.id, state);
  }
  const all = new Map([...byId.values()].map((i) => [i.code, i]));
  const shown = [...byId.values()].filter(
    (i) => !scope.sections || i.owners.some((o) => scope.sections!.includes(o.code)),
  );
  const ids = shown.map((i) => i.id);
  return {
    all,
    shown,
    scope,
    sections: sections.map((s) => ({ code: s.code, name: s.name })),
    rounds,
    reopenings,
    periods: await read((tx) => planPeriodsOf(tx, mc, ids)),
  };
}

/** Some indicators with their owners and every year's published value and draft, in order. */
async function loadIndicators(
  tx: Tx,
  mc: string,
  ids: number[],
  sources: OwnerSources,
): Promise<IndicatorState[]> {
  // Thousands of rows per chunk: read as JSON (core/db/json-rows.ts).
  const rows = await jsonRows<Omit<IndicatorState, "owners" | "years" | "feed">>(
    tx,
    sql`select id, code, name, unit, decimals, target_form as "targetForm",
               target_text as "targetText", value_kind as "valueKind", year_kind as "yearKind"
          from indicators
         where municipality_code = ${mc} and id = any(${sql.param(ids)}::int[])`,
  );
  const owners = await loadOwners(tx, mc, ids, sources);
  const { published, drafts } = await readActualCells(tx, mc, ids);
  const feeds = feedsFrom(published);
  const byId = new Map<number, IndicatorState>();
  for (const r of rows)
    byId.set(r.id, {
      ...r,
      owners: owners.get(r.id) ?? [],
      feed: feeds.get(r.id),
      years: new Map(),
    });
  for (const { indicatorId, fiscalYear, ...p } of published) {
    const y = byId.get(indicatorId)?.years;
    y?.set(fiscalYear, { ...y.get(fiscalYear), published: p });
  }
  for (const { indicatorId, fiscalYear, id: _, ...draft } of drafts) {
    const y = byId.get(indicatorId)?.years;
    y?.set(fiscalYear, { ...y.get(fiscalYear), draft });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function exportRow(i: IndicatorState, drafts: boolean): ExportRow {
  const years = new Map<number, number | string | null>();
  for (const [fy, y] of i.years) {
    const value = drafts ? working(y) : cellOf(y.published);
    if (value !== null) years.set(fy, value);
  }
  const done = i.targetForm === "milestone" ? doneYearOf(i, drafts) : null;
  return {
    key: i.code,
    values: {
      code: i.code,
      name: i.name,
      unit: i.unit,
      entry: entryOf(i),
      [DONE_YEAR]: done === null ? null : shortFiscalYearLabel(done),
    },
    years,
    numFmt: numFmtOf(i.decimals),
  };
}

/** A year whose 達成 the file changes through 『達成した年度』, with the value it keeps. */
interface DoneChange {
  fiscalYear: number;
  done: boolean;
  /** The cell's value when compared (the apply's conflict check). */
  value: number | string | null;
}

function compare(
  s: ActualsSnapshot,
  rows: ParsedRow[],
  who: Principal,
  sheet: string,
): FileChanges {
  const changes: CellChange[] = [];
  const errors: FileChanges["errors"] = [];
  let changedRows = 0;
  let unchangedRows = 0;
  const now = new Date();
  for (const row of rows) {
    const ind = s.all.get(row.key)!;
    let changed = false;
    const milestone = ind.targetForm === "milestone";
    // 達成した年度: the one year marked done; every other year that was done is no longer.
    const doneBefore = milestone ? doneYearOf(ind, true) : null;
    const asked = row.values[DONE_YEAR];
    let doneFlags: Map<number, boolean> | undefined;
    if (asked !== undefined && asked !== null && !milestone) {
      errors.push({
        sheet,
        row: row.row,
        column: DONE_YEAR_HEADER,
        message: `指標 ${ind.code} は数値の指標です。『${DONE_YEAR_HEADER}』は目標が「設置」「策定」のような達成か否かの指標にだけ入力します`,
      });
      continue;
    }
    if (milestone && asked !== undefined && asked !== doneBefore) {
      doneFlags = new Map();
      for (const [fy, y] of ind.years)
        if ((y.draft ?? y.published)?.done === true && fy !== asked) doneFlags.set(fy, false);
      if (typeof asked === "number") doneFlags.set(asked, true);
    }
    const check = (fy: number, value: number | string | null, done: boolean | null) => {
      const y = ind.years.get(fy);
      const cell = y?.draft ?? y?.published;
      // What the cell says besides its value (時点, 見込) is kept, as the apply keeps it.
      const { asOf, estimate } = detailsOf(cell);
      return checkActualEntry(
        {
          who,
          indicator: ind,
          published: y?.published,
          rounds: s.rounds,
          reopenings: s.reopenings,
          now,
        },
        {
          indicatorCode: ind.code,
          fiscalYear: fy,
          value,
          done,
          asOf,
          estimate,
          note: cell?.note ?? null,
          reason: null,
        },
      );
    };
    // The reason for correcting a published value is asked once for the file, when applying.
    const refusalsOf = (checked: ReturnType<typeof check>) =>
      checked.ok ? [] : checked.refusals.filter((r) => r.reason !== "reason_required");

    let bad = false;
    const after = (fy: number) =>
      row.years.has(fy) ? row.years.get(fy)! : working(ind.years.get(fy));
    for (const [fy, value] of row.years) {
      const y = ind.years.get(fy);
      const before = working(y);
      if (value === before) continue;
      const column = row.yearHeaders.get(fy) ?? shortFiscalYearLabel(fy);
      const cell = y?.draft ?? y?.published;
      const done = doneFlags?.get(fy) ?? detailsOf(cell).done;
      if (value === null && done === true) {
        errors.push({
          sheet,
          row: row.row,
          column,
          message: `${fiscalYearLabel(fy)}は達成した年度です。実績を空にするときは『${DONE_YEAR_HEADER}』も空にするか、別の年度にしてください`,
        });
        bad = true;
        continue;
      }
      const checked = check(fy, value, done);
      const refused = refusalsOf(checked);
      if (refused.length) {
        for (const r of refused) errors.push({ sheet, row: row.row, column, message: r.message });
        bad = true;
        continue;
      }
      changed = true;
      changes.push({
        row: row.row,
        key: ind.code,
        label: ind.name,
        column,
        fiscalYear: fy,
        before,
        after: value,
        unit: ind.unit,
        correction: isCorrection(
          checked.ok ? checked.entry : { value: null, note: cell?.note ?? null },
          y?.published,
        ),
      });
    }
    if (doneFlags && !bad) {
      const stored: DoneChange[] = [];
      let correction = false;
      for (const [fy, done] of doneFlags) {
        const value = after(fy);
        const column = `${DONE_YEAR_HEADER}（${fiscalYearLabel(fy)}）`;
        if (done && value === null) {
          errors.push({
            sheet,
            row: row.row,
            column: DONE_YEAR_HEADER,
            message: `${fiscalYearLabel(fy)}の実績が空です。達成した年度の列に実績（「${ind.targetText}」など）を入力してください`,
          });
          bad = true;
          continue;
        }
        const checked = check(fy, value, done);
        const refused = refusalsOf(checked);
        if (refused.length) {
          for (const r of refused) errors.push({ sheet, row: row.row, column, message: r.message });
          bad = true;
          continue;
        }
        const y = ind.years.get(fy);
        if (checked.ok && isCorrection(checked.entry, y?.published)) correction = true;
        stored.push({ fiscalYear: fy, done, value: working(y) });
      }
      if (!bad) {
        changed = true;
        changes.push({
          row: row.row,
          key: ind.code,
          label: ind.name,
          column: DONE_YEAR_HEADER,
          fiscalYear: null,
          field: DONE_YEAR,
          before: doneBefore === null ? null : fiscalYearLabel(doneBefore),
          after: typeof asked === "number" ? fiscalYearLabel(asked) : null,
          unit: "",
          correction,
          stored,
        });
      }
    }
    if (changed) changedRows++;
    else unchangedRows++;
  }
  return { changes, changedRows, unchangedRows, errors };
}

/**
 * A year cell's record: the versions of its published value and draft, as the entry form's 409
 * compares them, and when the draft was written (a draft dropped and made again has version 1
 * again).
 */
function versionOf(s: ActualsSnapshot, key: string, fy: number | null): RecordVersion | undefined {
  const i = s.all.get(key);
  if (!i || fy === null) return undefined;
  const y = i.years.get(fy);
  const draft = y?.draft ? `.${y.draft.version}@${y.draft.updatedAt}` : ".0";
  return {
    version: `${y?.published?.version ?? 0}${draft}`,
    audit: { type: "indicator_actual", key: `${i.code}/${fy}` },
  };
}

async function apply(tx: Tx, ctx: ApplyContext, changes: CellChange[]): Promise<void> {
  // One entry per cell: a year's value and its 達成 (from 『達成した年度』) go together.
  const entries = new Map<string, BatchEntry>();
  const entryAt = (key: string, fy: number, value: number | string | null) => {
    const at = `${key}/${fy}`;
    const entry = entries.get(at) ?? {
      indicatorCode: key,
      fiscalYear: fy,
      value,
      reason: null,
      seen: value,
    };
    entries.set(at, entry);
    return entry;
  };
  for (const c of changes) {
    if (c.fiscalYear !== null) {
      const entry = entryAt(c.key, c.fiscalYear, c.after as number | string | null);
      entry.value = c.after as number | string | null;
      entry.seen = c.before as number | string | null;
      if (c.correction) entry.reason = ctx.reason;
    }
  }
  for (const c of changes)
    if (c.field === DONE_YEAR)
      for (const d of c.stored as DoneChange[]) {
        const entry = entryAt(c.key, d.fiscalYear, d.value);
        entry.done = d.done;
        if (c.correction) entry.reason = ctx.reason;
      }
  // The hand-entry rules, for all the cells at once; the notes the cells carry are kept.
  await saveActualDrafts(tx, ctx.mc, ctx.who, ctx.actor, [...entries.values()], ctx.written);
}

export const actualsDataset: Dataset<ActualsSnapshot> = {
  name: "actuals",
  title: "実績値",
  description: "指標ごとの年度別の実績値（1行が1つの指標、年度ごとに1列）",
  columns: [
    { key: "code", header: "指標コード", kind: { type: "text" }, editable: false, width: 14 },
    { key: "name", header: "指標名", kind: { type: "text" }, editable: false, width: 48 },
    { key: "unit", header: "単位", kind: { type: "text" }, editable: false, width: 8 },
    {
      key: "entry",
      header: ENTRY_HEADER,
      kind: { type: "text" },
      editable: false,
      width: 36,
      help: "その指標の年度の列に入力するもの（各年度の値・累計・各年度の量・文字の実績）と、暦年の指標かどうか",
    },
    {
      key: DONE_YEAR,
      header: DONE_YEAR_HEADER,
      kind: { type: "fiscal-year" },
      editable: true,
      width: 16,
      help: "目標が「設置」「策定」のような文字の指標で、目標を達成した年度（例: 令和6年度）。その年度の列に実績の文字を入力します。空欄にすると「未達成」に戻します。数値の指標では空欄のままにします",
    },
  ],
  keyColumn: "code",
  yearColumns: { editable: true, width: 14 },
  outcome:
    "変更は下書きとして保存されます。公開ページには、企画担当が「公開前の確認」で公開すると反映されます。",
  publishedLater: true,
  instructions: [
    "1行が1つの指標です。『指標コード』で指標を見分けます。灰色の列（指標コード・指標名・単位）は変更しないでください。",
    "年度の列に実績値を入力します。何を入力するかは指標ごとに『入力する値』列に書いてあります。全角の数字、桁区切りのカンマ（1,234）、指標の単位（12件、52.1%）、△や▲のマイナス（△1,234）も読み取れます。",
    `値の種類: 「${VALUE_KIND_ENTRY.annual}」（各年度の値）、「${VALUE_KIND_ENTRY.running_total}」（累計）、「${VALUE_KIND_ENTRY.sum_of_annual}」（各年度の量の合計）。`,
    `目標が「設置」「策定」のような文字の指標（文字の目標）は、年度の列に実績を文字で入力します（例: 設置）。目標を達成したら『${DONE_YEAR_HEADER}』列にその年度（例: 令和6年度）を入力します。`,
    "値がないときは空欄にします。値の入っていたセルを空欄にすると、その値を消す変更になります。",
    "数式のセルは、保存されている計算結果を読み取ります。",
    "アップロードすると、まず変更の一覧（確認画面）が表示されます。確定すると変更は下書きとして保存され、企画担当が「公開前の確認」で公開すると公開ページに反映されます。",
    "入力担当の方は、担当する課の指標だけを変更できます。財政のデータなどから取り込まれる指標と、報告が締め切られた年度は変更できません。",
    "ファイルの中に1つでも誤りがあると、何も変更されません。誤りの一覧（シート名・行・列）を見て直してから、もう一度アップロードしてください。",
  ],
  load,
  // The plans' periods (from their baseline year), every year that holds a value, and the open
  // round's year while a plan runs: the same rule as the staff year pickers.
  years(s, template) {
    if (template) return [reportingYear()];
    const held = s.shown.flatMap((i) =>
      [...i.years.entries()]
        .filter(([, y]) => (s.scope.drafts ? working(y) : cellOf(y.published)) !== null)
        .map(([fy]) => fy),
    );
    return staffYearChoices({
      periods: s.periods,
      include: held,
      open: s.rounds.filter((r) => r.closedAt === null).map((r) => r.fiscalYear),
      last: Math.max(reportingYear(), ...held),
    }).reverse();
  },
  rows: (s) => s.shown.map((i) => exportRow(i, s.scope.drafts)),
  current: (s, key) => {
    const i = s.all.get(key);
    return i ? exportRow(i, true) : undefined;
  },
  unitOf: (s, key) => s.all.get(key)?.unit ?? "",
  yearWords: (s, key) => {
    const i = s.all.get(key);
    return i !== undefined && takesWords(i);
  },
  codeLists: (s) => [
    {
      title: "指標",
      header: ["指標コード", "指標名", "単位", "担当課"],
      rows: [...s.all.values()].map((i) => [
        i.code,
        i.name,
        i.unit,
        i.owners.map((o) => o.name).join("、"),
      ]),
    },
    {
      title: "課",
      header: ["課コード", "課の名前"],
      rows: s.sections.map((x) => [x.code, x.name]),
    },
  ],
  compare,
  apply,
  verifiesBefore: true,
  versionOf,
};
