/**
 * The dataset 指標の定義 (indicators): one row per indicator — its name, unit, definition,
 * baseline, target and the sections that report it. A changed row is checked with the rules of
 * the edit form (indicators/definition.ts checkDefinition) and saved as the indicator's draft
 * (core/record-drafts), exactly as a planner editing it by hand; a planner publishes it later.
 * Only planners (and admins) may change definitions. The columns are declared in
 * indicator-columns.ts.
 */
import { and, asc, eq } from "drizzle-orm";
import { may, type Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { readRecordDraft, saveRecordDraft } from "../core/record-drafts.ts";
import { recordDrafts } from "../core/record-drafts-schema.ts";
import {
  challengeWording,
  checkDefinition,
  type DefinitionFields,
  definitionFieldsOf,
  indicatorDefinitionRecord,
  permissions as indicatorPermissions,
  KIND_LABELS,
  TARGET_FORM_LABELS,
} from "../indicators/index.ts";
import { indicatorSections, indicators } from "../indicators/schema.ts";
import { listSectionsIn } from "../municipalities/index.ts";
import { sections as sectionsTable } from "../municipalities/schema.ts";
import { NUMERIC_TARGET_FORMS, type TargetForm } from "../plan/index.ts";
import type {
  ApplyContext,
  CellChange,
  CellError,
  CellValue,
  Dataset,
  ExportRow,
  FileChanges,
  ParsedRow,
  Reader,
  Scope,
} from "./dataset.ts";
import { COLUMNS, FIELDS, type Field, headerOf } from "./indicator-columns.ts";

const TITLE = "指標の定義";

interface DefinitionState {
  code: string;
  kind: keyof typeof KIND_LABELS;
  published: DefinitionFields;
  draft?: DefinitionFields;
  /** The versions the edit form compares (its 409), and when the draft was written. */
  version: string;
}

export interface DefinitionsSnapshot {
  /** Every indicator of the municipality, by code (an import may touch any of them). */
  all: Map<string, DefinitionState>;
  /** The indicators in the export's scope, in code order. */
  shown: DefinitionState[];
  scope: Scope;
  sections: { code: string; name: string }[];
}

/** What staff see as the current definition: the draft where there is one. */
const working = (d: DefinitionState) => d.draft ?? d.published;

const namesOf = (s: DefinitionsSnapshot) => new Map(s.sections.map((x) => [x.code, x.name]));

async function load(read: Reader, mc: string, scope: Scope): Promise<DefinitionsSnapshot> {
  const [rows, owners, drafts, sections] = await Promise.all([
    read((tx) =>
      tx
        .select()
        .from(indicators)
        .where(eq(indicators.municipalityCode, mc))
        .orderBy(asc(indicators.code)),
    ),
    read((tx) =>
      tx
        .select({ indicatorId: indicatorSections.indicatorId, code: sectionsTable.code })
        .from(indicatorSections)
        .innerJoin(sectionsTable, eq(sectionsTable.id, indicatorSections.sectionId))
        .where(eq(indicatorSections.municipalityCode, mc))
        .orderBy(asc(indicatorSections.indicatorId), asc(indicatorSections.position)),
    ),
    read((tx) =>
      tx
        .select({
          key: recordDrafts.recordKey,
          fields: recordDrafts.fields,
          version: recordDrafts.version,
          updatedAt: recordDrafts.updatedAt,
        })
        .from(recordDrafts)
        .where(
          and(
            eq(recordDrafts.municipalityCode, mc),
            eq(recordDrafts.recordType, indicatorDefinitionRecord().type),
          ),
        ),
    ),
    read((tx) => listSectionsIn(tx, mc)),
  ]);
  const ownersOf = new Map<number, { code: string }[]>();
  for (const o of owners) ownersOf.set(o.indicatorId, [...(ownersOf.get(o.indicatorId) ?? []), o]);
  const draftOf = new Map(drafts.map((d) => [d.key, d]));
  const all = new Map<string, DefinitionState>();
  for (const row of rows) {
    const draft = draftOf.get(row.code);
    all.set(row.code, {
      code: row.code,
      kind: row.kind,
      published: definitionFieldsOf(row, ownersOf.get(row.id) ?? []),
      draft: draft?.fields as DefinitionFields | undefined,
      version: `${row.version}.${draft ? `${draft.version}@${new Date(draft.updatedAt).toISOString()}` : 0}`,
    });
  }
  const fieldsOf = (d: DefinitionState) => (scope.drafts ? working(d) : d.published);
  const shown = [...all.values()].filter(
    (d) => !scope.sections || fieldsOf(d).sections.some((c) => scope.sections!.includes(c)),
  );
  return {
    all,
    shown,
    scope,
    sections: sections.map((x) => ({ code: x.code, name: x.name })),
  };
}

function exportRow(s: DefinitionsSnapshot, d: DefinitionState, drafts: boolean): ExportRow {
  const f = drafts ? working(d) : d.published;
  const names = namesOf(s);
  const values: Record<string, CellValue> = { code: d.code, kind: KIND_LABELS[d.kind] };
  for (const field of FIELDS) values[field.spec.key] = field.show(f, names);
  return { key: d.code, values, years: new Map() };
}

function compare(
  s: DefinitionsSnapshot,
  rows: ParsedRow[],
  who: Principal,
  sheet: string,
): FileChanges {
  const changes: CellChange[] = [];
  const errors: CellError[] = [];
  let changedRows = 0;
  let unchangedRows = 0;
  const names = namesOf(s);
  const known = s.sections.map((x) => x.code);
  const refused: number[] = [];
  for (const row of rows) {
    const d = s.all.get(row.key)!;
    const before = working(d);
    let after = before;
    const rowErrors: CellError[] = [];
    const touched: Field[] = [];
    for (const field of FIELDS) {
      if (!(field.spec.key in row.values)) continue; // the column is not in the file
      const read = field.read(after, row.values[field.spec.key] ?? null, s);
      if ("problem" in read) {
        rowErrors.push({ sheet, row: row.row, column: field.spec.header, message: read.problem });
        continue;
      }
      if (read.fields !== after) touched.push(field);
      after = read.fields;
    }
    if (rowErrors.length === 0 && touched.length === 0) {
      unchangedRows++;
      continue;
    }
    if (!may(who, indicatorPermissions.editDefinition)) {
      refused.push(row.row);
      continue;
    }
    // The same checks as the edit form, naming the column of each problem.
    for (const e of checkDefinition(after, known))
      if (!rowErrors.some((r) => r.column === headerOf(e.location)))
        rowErrors.push({ sheet, row: row.row, column: headerOf(e.location), message: e.message });
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    changedRows++;
    for (const field of touched) {
      const unit = field.number ? after.unit : "";
      changes.push({
        row: row.row,
        key: d.code,
        label: before.name,
        column: field.spec.header,
        fiscalYear: null,
        before: field.show(before, names),
        after: field.show(after, names),
        unit,
        correction: false,
        field: field.spec.key,
        stored: after,
      });
    }
  }
  if (refused.length)
    errors.unshift({
      sheet,
      row: null,
      column: null,
      message: `「${TITLE}」を変更できるのは企画担当だけです（変更のある行: ${refused.join("、")} 行目）。何も変更していません`,
    });
  return { changes, changedRows, unchangedRows, errors };
}

async function apply(tx: Tx, ctx: ApplyContext, changes: CellChange[]): Promise<void> {
  if (!may(ctx.who, indicatorPermissions.editDefinition))
    throw new AppError("forbidden", `「${TITLE}」を変更できるのは企画担当だけです`);
  const names = new Map((await listSectionsIn(tx, ctx.mc)).map((x) => [x.code, x.name]));
  const kind = indicatorDefinitionRecord(names, (await challengeWording(tx, ctx.mc)).label);
  // Every change of a row carries the row's new fields; one draft per indicator.
  const byKey = new Map<string, DefinitionFields>();
  for (const c of changes) byKey.set(c.key, c.stored as DefinitionFields);
  for (const [key, fields] of byKey) {
    const published = await kind.load(tx, ctx.mc, key, true);
    if (!published) throw new AppError("not_found", `指標 ${key} が見つかりません`);
    const draft = await readRecordDraft(tx, ctx.mc, kind, key);
    const result = await saveRecordDraft(tx, ctx.mc, ctx.actor, kind, key, () => fields, {
      publishedVersion: published.version,
      draftVersion: draft?.version ?? 0,
    });
    if (result.status === "conflict")
      throw new AppError(
        "conflict",
        `指標 ${key} の定義はほかの人が更新しました。もう一度アップロードして確認してください`,
      );
  }
}

export const indicatorsDataset: Dataset<DefinitionsSnapshot> = {
  name: "indicators",
  title: TITLE,
  importRole: "planner",
  description:
    "指標の名前・単位・定義・基準値・目標値・担当課（1行が1つの指標。企画担当が変更できます）",
  columns: COLUMNS,
  keyColumn: "code",
  outcome:
    "変更は指標の定義の下書きとして保存されます。公開ページには、企画担当が「公開前の確認」で公開すると反映されます。",
  publishedLater: true,
  instructions: [
    "1行が1つの指標です。『指標コード』で指標を見分けます。灰色の列（指標コード・種類）は変更しないでください。",
    "『基準年度』『目標年度』は「令和3年度」のように入力します。「2021年度」「R3」も読み取れます。",
    "『目標の形式』は一覧から選びます（「目標値以上」など）。「目標値以上」「目標値以下」「目標値未満」「目標値超」のときは『目標値』に数値が必要で、それ以外の形式では『目標値』を空欄にします。",
    "『基準値（表記）』『目標値（表記）』は計画に印刷される書き方（「20件」「12.58%未満」）、『基準値』『目標値』はグラフや達成度に使う数値です。",
    "『担当課』は課の名前を「、」で区切って入力します（課の一覧は「コード一覧」シートにあります）。",
    "アップロードすると、まず変更の一覧（確認画面）が表示されます。確定すると変更は下書きとして保存され、企画担当が「公開前の確認」で公開すると公開ページに反映されます。",
    "指標の定義を変更できるのは企画担当だけです。ファイルの中に1つでも誤りがあると、何も変更されません。誤りの一覧（シート名・行・列）を見て直してから、もう一度アップロードしてください。",
  ],
  load,
  rows: (s) => s.shown.map((d) => exportRow(s, d, s.scope.drafts)),
  current: (s, key) => {
    const d = s.all.get(key);
    return d ? exportRow(s, d, true) : undefined;
  },
  unitOf: (s, key) => {
    const d = s.all.get(key);
    return d ? working(d).unit : "";
  },
  codeLists: (s) => [
    {
      title: "目標の形式",
      header: ["目標の形式", "目標値（数値）"],
      rows: Object.entries(TARGET_FORM_LABELS).map(([form, label]) => [
        label,
        NUMERIC_TARGET_FORMS.includes(form as TargetForm) ? "必要" : "空欄",
      ]),
    },
    {
      title: "課",
      header: ["課コード", "課の名前"],
      rows: s.sections.map((x) => [x.code, x.name]),
    },
    {
      title: "種類",
      header: ["種類"],
      rows: Object.values(KIND_LABELS).map((k) => [k]),
    },
  ],
  compare,
  apply,
  versionOf: (s, key, fy) => {
    const d = s.all.get(key);
    return d && fy === null
      ? { version: d.version, audit: { type: indicatorDefinitionRecord().type, key } }
      : undefined;
  },
};
