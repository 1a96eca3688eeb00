/**
 * The registries (台帳) as spreadsheet datasets, one per registry (`registry-facilities` …): a
 * row per record — its number, name, the registry's own fields, the sample flag and the day and
 * reason it was retired. A row is checked by the same rules as the staff form (registries'
 * checkRecord), a file may add records (rows numbered 「新規1」「新規2」…) and retire them, and
 * applying writes every row through registries' writeRecords: each record on the version it was
 * exported at, one audit entry per change, the indicator recomputed once.
 */
import type { Db, Tx } from "../core/db/client.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { sameFields } from "../core/field-changes.ts";
import {
  checkRecord,
  type FieldDef,
  offeredRegistries,
  REGISTRIES,
  REGISTRY_KEYS,
  type RecordInput,
  type RecordWrite,
  type RegistryDef,
  type RegistryKey,
  readDay,
  readRecords,
  registryIn,
  SAMPLE_WORD,
  type StoredRecord,
  writeRecords,
} from "../registries/index.ts";
import type {
  ApplyContext,
  CellChange,
  CellError,
  CellValue,
  ColumnKind,
  ColumnSpec,
  Dataset,
  ExportRow,
  FileChanges,
  ParsedRow,
  Reader,
} from "./dataset.ts";

const MARK = "○";
const NEW_KEY = /^新規\d*$/;

interface RegistrySnapshot {
  def: RegistryDef;
  records: StoredRecord[];
  byKey: Map<string, StoredRecord>;
}

const kindOf = (f: FieldDef): ColumnKind =>
  f.kind === "number"
    ? { type: "number" }
    : f.kind === "date"
      ? { type: "date" }
      : f.kind === "choice"
        ? { type: "enum", values: f.options ?? [] }
        : { type: "text" };

function columnsOf(def: RegistryDef): ColumnSpec[] {
  return [
    { key: "key", header: "記録番号", kind: { type: "text" }, editable: false, width: 10 },
    { key: "name", header: def.nameLabel, kind: { type: "text" }, editable: true, width: 32 },
    ...def.fields.map(
      (f): ColumnSpec => ({
        key: `field.${f.name}`,
        header: f.unit ? `${f.label}（${f.unit}）` : f.label,
        kind: kindOf(f),
        editable: true,
        width: f.kind === "longtext" ? 40 : f.kind === "text" ? 20 : 14,
      }),
    ),
    {
      key: "sample",
      header: "サンプル",
      kind: { type: "enum", values: [MARK] },
      editable: true,
      width: 10,
    },
    { key: "retiredOn", header: "廃止・終了日", kind: { type: "date" }, editable: true, width: 14 },
    {
      key: "retiredReason",
      header: "廃止・終了の理由",
      kind: { type: "text" },
      editable: true,
      width: 28,
    },
  ];
}

function exportRow(def: RegistryDef, r: StoredRecord): ExportRow {
  const values: Record<string, CellValue> = {
    key: String(r.id),
    name: r.name,
    sample: r.sample ? MARK : null,
    retiredOn: r.retiredOn,
    retiredReason: r.retiredReason,
  };
  for (const f of def.fields) values[`field.${f.name}`] = r.fields[f.name] ?? null;
  return { key: String(r.id), values, years: new Map() };
}

const blankRow = (key: string): ExportRow => ({ key, values: { key }, years: new Map() });

/** The record a row's cells make, typed as the form would send it. */
function typedOf(def: RegistryDef, values: Record<string, CellValue>) {
  const text = (v: CellValue | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    name: text(values.name),
    fields: Object.fromEntries(def.fields.map((f) => [f.name, text(values[`field.${f.name}`])])),
    sample: values.sample === MARK,
  };
}

function headerOf(columns: ColumnSpec[], location: string): string | null {
  const key = location === "name" || location === "sample" ? location : `field.${location}`;
  return columns.find((c) => c.key === key)?.header ?? null;
}

function compareRows(
  s: RegistrySnapshot,
  columns: ColumnSpec[],
  rows: ParsedRow[],
  sheet: string,
): FileChanges {
  const { def } = s;
  const changes: CellChange[] = [];
  const errors: CellError[] = [];
  let changedRows = 0;
  let unchangedRows = 0;
  let addedRows = 0;
  /** key → sample flag as the registry ends up (for the sample/real rule). */
  const samples = new Map(s.records.map((r) => [String(r.id), r.sample]));
  const at = (row: ParsedRow, column: string | null, message: string) =>
    errors.push({ sheet, row: row.row, column, message });
  for (const row of rows) {
    const current = s.byKey.get(row.key);
    if (row.isNew && Object.values(row.values).every((v) => v === null)) {
      unchangedRows++;
      continue;
    }
    const before = current ? exportRow(def, current).values : blankRow(row.key).values;
    const after: Record<string, CellValue> = { ...before, ...row.values };
    const touched = columns.filter(
      (c) => c.editable && !sameFields(before[c.key] ?? null, after[c.key] ?? null),
    );
    if (touched.length === 0) {
      unchangedRows++;
      continue;
    }
    if (current?.retiredOn) {
      at(
        row,
        null,
        `記録「${current.name}」は ${current.retiredOn} に廃止・終了しているため、変更できません`,
      );
      continue;
    }
    const checked = checkRecord(def, typedOf(def, after));
    if (!checked.ok) {
      for (const d of checked.details as ErrorDetail[])
        at(row, headerOf(columns, d.location), d.message);
      continue;
    }
    let retire: { retiredOn: string; reason: string } | undefined;
    const retiring = touched.some((c) => c.key === "retiredOn" || c.key === "retiredReason");
    if (retiring) {
      const dayText = after.retiredOn === null ? "" : String(after.retiredOn);
      const day = readDay(dayText);
      const reason = after.retiredReason === null ? "" : String(after.retiredReason).trim();
      const problems: [string, string][] = [];
      if (row.isNew)
        problems.push([
          "廃止・終了日",
          "新しい記録は廃止・終了にできません（登録してから、次のファイルで廃止・終了日を入力してください）",
        ]);
      else {
        if (!day)
          problems.push([
            "廃止・終了日",
            `廃止・終了日を日付で入力してください（例：2026-03-31。ファイルでは「${dayText}」）`,
          ]);
        if (!reason) problems.push(["廃止・終了の理由", "廃止・終了の理由を入力してください"]);
        else if (reason.length > 500) problems.push(["廃止・終了の理由", "理由は500字までです"]);
      }
      if (problems.length) {
        for (const [column, message] of problems) at(row, column, message);
        continue;
      }
      retire = { retiredOn: day!, reason };
    }
    const input: RecordInput = checked.value;
    const edits = touched.some((c) => c.key !== "retiredOn" && c.key !== "retiredReason");
    const write: RecordWrite = current
      ? {
          id: current.id,
          version: current.version,
          edit: edits ? input : undefined,
          retire,
        }
      : { add: input };
    samples.set(row.key, input.sample);
    if (row.isNew) addedRows++;
    else changedRows++;
    for (const c of touched)
      changes.push({
        row: row.row,
        key: row.key,
        label: `${input.name}${row.isNew ? "（追加）" : ""}`,
        column: c.header,
        fiscalYear: null,
        before: row.isNew ? null : (before[c.key] ?? null),
        after: after[c.key] ?? null,
        unit: "",
        correction: false,
        field: c.key,
        stored: write,
      });
  }
  const flags = [...samples.values()];
  if (errors.length === 0 && flags.includes(true) && flags.includes(false))
    errors.push({
      sheet,
      row: null,
      column: "サンプル",
      message: `サンプル（デモ用）の記録と実際の記録は、${def.label}の台帳に混在させられません（サンプルの記録は${def.nameLabel}に「${SAMPLE_WORD}」を含め、『サンプル』に「${MARK}」を入れます）。何も変更していません`,
    });
  return { changes, changedRows, unchangedRows, addedRows, errors };
}

async function load(def: RegistryDef, read: Reader, mc: string): Promise<RegistrySnapshot> {
  const records = await read((tx) => readRecords(tx, mc, def.key));
  return {
    def,
    records,
    byKey: new Map(records.map((r) => [String(r.id), r])),
  };
}

async function apply(key: RegistryKey, tx: Tx, ctx: ApplyContext, changes: CellChange[]) {
  // Every change of a row carries the row's one write.
  const byRow = new Map<string, RecordWrite>();
  for (const c of changes) byRow.set(c.key, c.stored as RecordWrite);
  await writeRecords(tx, ctx.mc, key, ctx.actor, [...byRow.values()]);
}

function registryDataset(def: RegistryDef): Dataset<RegistrySnapshot> {
  const key = def.key;
  const columns = columnsOf(def);
  const choices = def.fields.filter((f) => f.kind === "choice");
  return {
    name: `registry-${key}`,
    title: `${def.label}の台帳`,
    description: `${def.description}（1行が1件の${def.noun}）`,
    columns,
    keyColumn: "key",
    importRole: "editor",
    outcome: `変更はすぐ${def.label}の台帳の公開ページとAPIに反映され、台帳から計算する指標を計算し直します。`,
    instructions: [
      `1行が1件の${def.noun}です。『記録番号』で行を見分けます（灰色の列は変更しないでください）。`,
      `新しい${def.noun}を追加するときは、行を足して『記録番号』に「新規1」「新規2」…と書き、${def.nameLabel}と項目を入力します。ひな形の「新規」の行で何も入力しなかった行は追加されません。`,
      "日付は 2024-04-01 または 2024/4/1 の形で入力します（Excel が日付として保存しても読み取れます）。",
      `廃止・終了した${def.noun}は、『廃止・終了日』と『廃止・終了の理由』を入力します。廃止・終了した記録は変更できません。`,
      `デモ用のサンプルの記録は、${def.nameLabel}に「${SAMPLE_WORD}」を含め『サンプル』に「${MARK}」を入れます。サンプルと実際の記録は混在させられません。`,
      "ファイルの中に1つでも誤りがあると、何も変更されません。書き出した後にほかの人が更新した記録があると、取り込めません（もう一度書き出してください）。",
    ],
    load: (read, mc) => load(def, read, mc),
    rows: (s, template) =>
      template
        ? Array.from({ length: 5 }, (_, i) => blankRow(`新規${i + 1}`))
        : s.records.map((r) => exportRow(def, r)),
    current: (s, k) => {
      const r = s.byKey.get(k);
      return r ? exportRow(def, r) : undefined;
    },
    newRow: (_s, k) =>
      NEW_KEY.test(k.normalize("NFKC"))
        ? blankRow(k)
        : `『記録番号』「${k}」の${def.noun}は${def.label}の台帳にありません。新しい${def.noun}を追加するときは「新規1」「新規2」…と書いてください`,
    unitOf: () => "",
    codeLists: () =>
      choices.map((f) => ({
        title: f.label,
        header: [f.label],
        rows: (f.options ?? []).map((o) => [o]),
      })),
    compare: (s, rows, _who, sheet) => compareRows(s, columns, rows, sheet),
    apply: (tx, ctx, changes) => apply(key, tx, ctx, changes),
    // The audit entries of a record are keyed 「registry/id」 (registries/store.ts).
    versionOf: (s, k, fy) => {
      const r = s.byKey.get(k);
      return r && fy === null
        ? { version: String(r.version), audit: { type: "registry_record", key: `${key}/${r.id}` } }
        : undefined;
    },
  };
}

/**
 * Every registry of the catalogue as a dataset, in the catalogue's words (their names and
 * addresses); a municipality is offered only those of the registries it keeps, in its words
 * (`registryDatasetsOf`, `registryDatasetNamed`).
 */
export const registryDatasets = REGISTRY_KEYS.map((key) => registryDataset(REGISTRIES[key]));

export const REGISTRY_PREFIX = "registry-";

/** The datasets of the registries the municipality keeps, in its words. */
export const registryDatasetsOf = async (db: Db, mc: string) =>
  (await offeredRegistries(db, mc)).map(registryDataset);

/** The dataset of one registry the municipality keeps (not found when it does not keep it). */
export const registryDatasetNamed = async (db: Db, mc: string, name: string) =>
  registryDataset(await registryIn(db, mc, name.slice(REGISTRY_PREFIX.length)));
