/**
 * Export and import of any declared dataset. An import is previewed first (every change cell by
 * cell, every error); applying it repeats the whole check inside one transaction and writes
 * only if the file is the one previewed (its sha256) and the changes are still the ones shown
 * (their digest) — all or nothing, with one audit entry naming the file.
 */
import { createHash } from "node:crypto";
import type { Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { BULK_ROWS, refreshStatistics } from "../core/db/statistics.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { actualsDataset } from "./actuals.ts";
import type { CellChange, CellError, Dataset, DatasetFamily, Reader, Scope } from "./dataset.ts";
import { evaluationsDataset } from "./evaluations.ts";
import {
  defaultLimits,
  type ExportFormat,
  exportBytes,
  type Limits,
  readUpload,
  sheetOf,
  type UploadFormat,
} from "./files.ts";
import { frameDataset } from "./frame.ts";
import { indicatorsDataset } from "./indicators.ts";
import { withLastChanges } from "./last-changes.ts";
import { programCostsDataset } from "./program-costs.ts";
import {
  REGISTRY_PREFIX,
  registryDatasetNamed,
  registryDatasets,
  registryDatasetsOf,
} from "./registries.ts";
import { importRecordKey, storeImport } from "./stored.ts";
import { surveyAnswersFamily } from "./survey-answers.ts";
import { describeError, MAX_ERRORS, type OnProgress, readTable, yieldToLoop } from "./table.ts";
import { type Conflict, findConflicts, markOf, readVersions, withoutCells } from "./versions.ts";

/** Every dataset that can be exported and imported; adding one is declaring it here. */
// biome-ignore lint/suspicious/noExplicitAny: each dataset has its own snapshot type
export const DATASETS: Dataset<any>[] = [
  actualsDataset,
  indicatorsDataset,
  programCostsDataset,
  evaluationsDataset,
  frameDataset,
  ...registryDatasets,
];

/**
 * Each read in its own short transaction of the municipality, one after another, with a turn of
 * the event loop between them: the embedded database runs a query on the main thread, so reads
 * issued together would run back to back and a request arriving meanwhile would wait for all.
 */
function readerOf(db: Db, mc: string): Reader {
  let last: Promise<unknown> = Promise.resolve();
  return (read) => {
    const run = last.then(yieldToLoop).then(() => withTenant(db, mc, read));
    last = run.catch(() => {});
    return run;
  };
}

/** Datasets made one per subject (a survey's paper answers); adding one is declaring it here. */
export const FAMILIES: DatasetFamily[] = [surveyAnswersFamily];

export const familyNamed = (name: string) => FAMILIES.find((f) => f.name === name);

/**
 * A declared dataset by its name, or one of a family's (「survey-answers/12」) made for this
 * municipality; not_found otherwise.
 */
export async function resolveDataset(
  db: Db,
  mc: string,
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
): Promise<Dataset<any>> {
  const slash = name.indexOf("/");
  const family = slash > 0 ? familyNamed(name.slice(0, slash)) : undefined;
  if (family) return family.of(db, mc, name.slice(slash + 1));
  const ds = datasetNamed(name);
  // A registry's dataset only where the municipality keeps the registry, in its words.
  return ds.name.startsWith(REGISTRY_PREFIX) ? registryDatasetNamed(db, mc, ds.name) : ds;
}

/**
 * The datasets a municipality is offered: every declared one, the registries' only for the
 * registries it keeps (in its words).
 */
// biome-ignore lint/suspicious/noExplicitAny: any dataset
export async function datasetsOf(db: Db, mc: string): Promise<Dataset<any>[]> {
  const registries = await registryDatasetsOf(db, mc);
  return [...DATASETS.filter((d) => !d.name.startsWith(REGISTRY_PREFIX)), ...registries];
}

export function datasetNamed(name: string) {
  const ds = DATASETS.find((d) => d.name === name);
  if (!ds)
    throw new AppError(
      "not_found",
      `データセット「${name}」はありません（使えるもの: ${DATASETS.map((d) => d.name).join(", ")}）`,
    );
  return ds;
}

export async function exportDataset(
  db: Db,
  mc: string,
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  format: ExportFormat,
  scope: Scope,
  template = false,
): Promise<Uint8Array> {
  const s = await ds.load(readerOf(db, mc), mc, scope);
  return exportBytes(ds, s, format, template);
}

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
  format: UploadFormat;
}

export interface Preview {
  dataset: string;
  title: string;
  fileName: string;
  sha256: string;
  sheet: string;
  format: ExportFormat;
  rows: number;
  /** Rows the file adds, changes, and leaves as they are. */
  addedRows: number;
  changedRows: number;
  unchangedRows: number;
  /** The changes applying writes: the cells without a conflict, and the conflicts taken. */
  changes: CellChange[];
  /**
   * Changed cells whose record changed after the export (listed first): written only when the
   * person ticks them (`taken`), else left as Shisaku holds them now.
   */
  conflicts: (Conflict & { taken: boolean })[];
  /** The file carried the versions it was exported at; false: no conflict could be found. */
  versionsChecked: boolean;
  errors: CellError[];
  /** More errors than MAX_ERRORS: the rest were left out. */
  errorsTruncated: boolean;
  /** Of the changes and conflicts shown, to check at apply that they are still the same. */
  digest: string;
  /** Some change corrects a published value: a reason is required. */
  needsReason: boolean;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const digestOf = (changes: CellChange[], conflicts: Conflict[]) =>
  createHash("sha256")
    .update(JSON.stringify(changes.map((c) => [c.key, c.fiscalYear, c.column, c.before, c.after])))
    .update(JSON.stringify(conflicts.map((c) => [c.id, c.current])))
    .digest("hex");

/**
 * Checks a read file against a loaded snapshot. Needs no database: a preview checks outside any
 * transaction (the embedded database has one connection, which a long transaction would hold
 * from every other request); an apply checks inside its transaction.
 */
async function check<S>(
  s: S,
  ds: Dataset<S>,
  upload: Upload,
  grid: Awaited<ReturnType<typeof readUpload>>,
  who: Principal,
  limits: Limits,
  progress?: OnProgress,
  take: ReadonlySet<string> = new Set(),
): Promise<Preview> {
  const made = markOf(grid.versions);
  const family = ds.name.includes("/") ? familyNamed(ds.name.split("/")[0]!) : undefined;
  // A file of one survey uploaded for another: its columns are not this one's.
  if (family && made && made !== ds.name && made.startsWith(`${family.name}/`))
    throw new AppError(
      "invalid_file",
      `このファイルは別の「${family.title}」のひな形です（${made}）。「${ds.title}」のひな形を書き出して使ってください`,
    );
  const table = await readTable(ds, s, grid, limits, progress);
  // Every changed cell, then without the conflicts not taken: those keep the value now.
  const full = ds.compare(s, table.rows, who, grid.sheet);
  // The versions the file was exported at: an xlsx's hidden sheet, or a CSV's 『_版』 column.
  const sheet = readVersions(ds.name, grid.versions);
  const exported = sheet ? { cells: sheet, digests: false } : table.versions;
  const versionOf = ds.versionOf;
  const found =
    exported && versionOf
      ? findConflicts(
          full.changes,
          exported.cells,
          (key, fy) => versionOf(s, key, fy),
          exported.digests,
        )
      : [];
  const conflicts = found.map((c) => ({ ...c, taken: take.has(c.id) }));
  const left = conflicts.filter((c) => !c.taken);
  const compared = left.length
    ? ds.compare(s, withoutCells(table.rows, left), who, grid.sheet)
    : full;
  const seen = new Set<string>();
  const all = [...table.errors.list, ...full.errors, ...compared.errors]
    .filter((e) => !seen.has(describeError(e)) && !!seen.add(describeError(e)))
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    dataset: ds.name,
    title: ds.title,
    fileName: upload.fileName,
    sha256: sha256(upload.bytes),
    sheet: grid.sheet,
    format: grid.format,
    rows: table.rows.length,
    addedRows: compared.addedRows ?? 0,
    changedRows: compared.changedRows,
    unchangedRows: compared.unchangedRows,
    changes: compared.changes,
    conflicts,
    // A dataset without versions has nothing to check.
    versionsChecked: versionOf === undefined || exported !== undefined,
    errors: all.slice(0, MAX_ERRORS),
    errorsTruncated: table.errors.full || all.length > MAX_ERRORS,
    digest: digestOf(full.changes, found),
    needsReason: compared.changes.some((c) => c.correction),
  };
}

/** Reads and checks a file against the data now; writes nothing. */
export async function previewImport(
  db: Db,
  mc: string,
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  upload: Upload,
  who: Principal,
  limits: Limits = defaultLimits(),
  progress?: OnProgress,
  take?: ReadonlySet<string>,
): Promise<Preview> {
  const grid = await read(upload, limits, sheetOf(ds), progress);
  // The data is read in short transactions, and the rows are checked outside any: other requests
  // are answered meanwhile. The apply checks again, inside its one transaction.
  const reader = readerOf(db, mc);
  const s = await ds.load(reader, mc, { drafts: true });
  const preview = await check(s, ds, upload, grid, who, limits, progress, take);
  await withLastChanges(reader, mc, preview.conflicts);
  return preview;
}

async function read(upload: Upload, limits: Limits, sheet: string, progress?: OnProgress) {
  progress?.({ phase: "reading", done: 0, total: 0 });
  const grid = await readUpload(upload.bytes, upload.fileName, upload.format, limits, sheet);
  progress?.({ phase: "reading", done: grid.rows.length, total: grid.rows.length });
  return grid;
}

export interface Confirmation {
  /** The sha256 of the file previewed. */
  sha256: string;
  /** The digest of the changes previewed. */
  digest: string;
  reason: string | null;
  /** The conflicts the person ticked to take the file's value (their ids). */
  take?: readonly string[];
}

export type ApplyResult =
  | { status: "unchanged"; preview: Preview }
  | { status: "applied"; preview: Preview; importId: number };

/** Applies a previewed file: all its changes in one transaction, or none. */
export async function applyImport(
  db: Db,
  mc: string,
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  upload: Upload,
  who: Principal,
  actor: Actor,
  confirmation: Confirmation,
  limits: Limits = defaultLimits(),
  progress?: OnProgress,
): Promise<ApplyResult> {
  const hash = sha256(upload.bytes);
  if (hash !== confirmation.sha256)
    throw new AppError(
      "conflict",
      "確認したファイルと違うファイルが送られました。もう一度アップロードして確認してください",
    );
  const grid = await read(upload, limits, sheetOf(ds), progress);
  // A dataset whose apply checks each change's `before` in its transaction is checked outside
  // it, in short reads: the transaction then holds the embedded database only for the writes.
  const take = new Set(confirmation.take ?? []);
  const checkWith = async (reader: Reader) =>
    check(
      await ds.load(reader, mc, { drafts: true }),
      ds,
      upload,
      grid,
      who,
      limits,
      progress,
      take,
    );
  const checked = ds.verifiesBefore ? await checkWith(readerOf(db, mc)) : undefined;
  const result = await withTenant(db, mc, async (tx): Promise<ApplyResult> => {
    const preview = checked ?? (await checkWith((read) => read(tx)));
    if (preview.errors.length)
      throw new AppError(
        "invalid_file",
        `ファイルに誤りが ${preview.errors.length}${preview.errorsTruncated ? " 件以上" : " 件"}あります。何も変更していません`,
        preview.errors.map((e) => ({ location: e.sheet, message: describeError(e) })),
      );
    if (preview.digest !== confirmation.digest)
      throw new AppError(
        "conflict",
        "確認した後にデータが変わりました（ほかの人が入力したなど）。もう一度アップロードして確認してください",
      );
    if (preview.changes.length === 0) return { status: "unchanged", preview };
    const reason = confirmation.reason?.trim() || null;
    if (preview.needsReason && !reason)
      throw new AppError(
        "bad_request",
        "公開済みの値を訂正する変更があります。訂正の理由を入力してください",
        [
          {
            location: "reason",
            message: "訂正の理由を入力してください（公開ページに表示されます）",
          },
        ],
      );
    const total = preview.changes.length;
    progress?.({ phase: "writing", done: 0, total });
    const written = (done: number) => progress?.({ phase: "writing", done, total });
    await ds.apply(tx, { mc, who, actor, reason, written }, preview.changes);
    written(total);
    const importId = await storeImport(tx, mc, {
      dataset: ds.name,
      fileName: upload.fileName,
      format: preview.format,
      sha256: hash,
      bytes: upload.bytes,
      appliedBy: actor.label,
    });
    await audit(tx, actor, {
      municipality: mc,
      action: "spreadsheet.import",
      recordType: "spreadsheet",
      recordKey: importRecordKey(ds.name, importId),
      after: {
        importId,
        dataset: ds.name,
        file: upload.fileName,
        sha256: hash,
        format: preview.format,
        sheet: preview.sheet,
        addedRows: preview.addedRows,
        changedRows: preview.changedRows,
        unchangedRows: preview.unchangedRows,
        reason: preview.needsReason ? reason : null,
        conflicts: preview.conflicts.map((c) => ({
          row: c.change.row,
          key: c.change.key,
          column: c.change.column,
          now: c.change.before,
          file: c.change.after,
          taken: c.taken,
        })),
        changes: preview.changes.map((c) => ({
          row: c.row,
          key: c.key,
          column: c.column,
          fiscalYear: c.fiscalYear,
          before: c.before,
          after: c.after,
        })),
      },
    });
    return { status: "applied", preview, importId };
  });
  // This process sees the written data at once (other processes hear the datasets' NOTIFY).
  if (result.status === "applied") changed(db, [mc]);
  if (result.preview.changes.length >= BULK_ROWS) await refreshStatistics(db, ds.tables);
  return result;
}

/** The preview as plain text (the CLI prints it). */
export function previewText(p: Preview): string {
  const lines = [
    `${p.title}: ${p.fileName}（${p.sheet}、sha256 ${p.sha256.slice(0, 16)}…）`,
    `行: ${p.addedRows ? `追加 ${p.addedRows}・` : ""}変更あり ${p.changedRows}・変更なし ${p.unchangedRows}、変更するセル ${p.changes.length}`,
  ];
  if (!p.versionsChecked)
    lines.push("書き出した時点の版の記録がないため、書き出した後の変更との競合は確かめていません");
  if (p.conflicts.length) {
    lines.push(
      `書き出した後に変更されたセル ${p.conflicts.length} 件（コマンドでは上書きせず、いまの値のまま残します）:`,
    );
    for (const { change: c, taken } of p.conflicts)
      lines.push(
        `  ${taken ? "[上書き] " : ""}${c.row} 行目 ${c.key} ${c.label}『${c.column}』: いま ${shown(c.before, c.unit)}、ファイル ${shown(c.after, c.unit)}`,
      );
  }
  if (p.changes.length === 0 && p.errors.length === 0) lines.push("変更なし");
  for (const c of p.changes)
    lines.push(
      `  ${c.row} 行目 ${c.key} ${c.label}『${c.column}』: ${shown(c.before, c.unit)} → ${shown(c.after, c.unit)}${c.correction ? "（公開済みの値の訂正）" : ""}`,
    );
  if (p.errors.length) {
    lines.push(`誤り ${p.errors.length}${p.errorsTruncated ? " 件以上（先頭のみ表示）" : " 件"}:`);
    for (const e of p.errors) lines.push(`  ${describeError(e)}`);
  }
  return lines.join("\n");
}

export const shown = (v: unknown, unit: string) =>
  v === null || v === undefined
    ? "（空欄）"
    : `${typeof v === "number" ? v.toLocaleString("ja-JP", { maximumFractionDigits: 10 }) : v}${unit}`;
