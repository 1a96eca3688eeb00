/**
 * The uploaded files of applied imports, kept so that the audit entry naming a file (its name,
 * sha256 and changes) can offer the very bytes again. A file is stored in the transaction that
 * applies it; nothing else writes or removes them.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { may, type Principal } from "../accounts/index.ts";
import { auditLog } from "../core/audit-schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import type { Dataset } from "./dataset.ts";
import { datasetPermission, permissions } from "./permissions.ts";
import { spreadsheetImports } from "./schema.ts";

/** The audit entry's key of an applied import: the dataset and the stored file's id. */
export const importRecordKey = (dataset: string, importId: number) => `${dataset}/${importId}`;

export interface StoredFile {
  dataset: string;
  fileName: string;
  format: string;
  sha256: string;
  bytes: Uint8Array;
  appliedBy: string;
}

/** Stores an applied file inside the applying transaction; returns its id. */
export async function storeImport(tx: Tx, mc: string, f: StoredFile): Promise<number> {
  const [row] = await tx
    .insert(spreadsheetImports)
    .values({
      municipalityCode: mc,
      dataset: f.dataset,
      fileName: f.fileName,
      format: f.format,
      sha256: f.sha256,
      size: f.bytes.length,
      content: Buffer.from(f.bytes),
      appliedBy: f.appliedBy,
    })
    .returning({ id: spreadsheetImports.id });
  return row!.id;
}

/** Who may download a dataset's files (spreadsheets/permissions.ts). */
// biome-ignore lint/suspicious/noExplicitAny: any dataset
export const mayDownload = (who: Principal, ds: Dataset<any> | undefined) =>
  may(who, ds ? datasetPermission(ds) : permissions.formerDataset);

/** Who may upload a dataset's files: the same as who may download them. */
export const mayImport = mayDownload;

export interface ImportSummary {
  id: number;
  dataset: string;
  fileName: string;
  format: string;
  sha256: string;
  size: number;
  appliedBy: string;
  appliedAt: Date;
}

const summary = {
  id: spreadsheetImports.id,
  dataset: spreadsheetImports.dataset,
  fileName: spreadsheetImports.fileName,
  format: spreadsheetImports.format,
  sha256: spreadsheetImports.sha256,
  size: spreadsheetImports.size,
  appliedBy: spreadsheetImports.appliedBy,
  appliedAt: spreadsheetImports.appliedAt,
};

export interface RecentImport extends ImportSummary {
  /** Rows added or changed, and cells changed, from the import's audit entry. */
  changedRows: number;
  cells: number;
}

/** The most recent imports of these datasets, newest first, with what they changed. */
export async function recentImports(
  db: Db,
  mc: string,
  datasets: string[],
  limit = 20,
): Promise<RecentImport[]> {
  if (datasets.length === 0) return [];
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        ...summary,
        changedRows: sql<number>`coalesce((${auditLog.after}->>'changedRows')::int, 0)
          + coalesce((${auditLog.after}->>'addedRows')::int, 0)`,
        cells: sql<number>`coalesce(jsonb_array_length(${auditLog.after}->'changes'), 0)`,
      })
      .from(spreadsheetImports)
      .leftJoin(
        auditLog,
        and(
          eq(auditLog.municipalityCode, spreadsheetImports.municipalityCode),
          eq(auditLog.action, "spreadsheet.import"),
          eq(
            auditLog.recordKey,
            sql`${spreadsheetImports.dataset} || '/' || ${spreadsheetImports.id}`,
          ),
        ),
      )
      .where(
        and(
          eq(spreadsheetImports.municipalityCode, mc),
          inArray(spreadsheetImports.dataset, datasets),
        ),
      )
      .orderBy(desc(spreadsheetImports.appliedAt), desc(spreadsheetImports.id))
      .limit(limit),
  );
}

/** One stored file with its bytes; not found for another municipality's or an unknown id. */
export async function readImport(
  db: Db,
  mc: string,
  id: number,
): Promise<ImportSummary & { content: Buffer }> {
  const [row] = Number.isSafeInteger(id)
    ? await withTenant(db, mc, (tx) =>
        tx
          .select({ ...summary, content: spreadsheetImports.content })
          .from(spreadsheetImports)
          .where(and(eq(spreadsheetImports.municipalityCode, mc), eq(spreadsheetImports.id, id))),
      )
    : [];
  if (!row) throw new AppError("not_found", `取り込んだファイル（番号 ${id}）はありません`);
  return row;
}
