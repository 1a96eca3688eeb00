/**
 * The writes of the open data catalogue: create and describe a dataset, upload a resource (a
 * new version, every earlier one kept), publish and withdraw. Each is one transaction with one
 * audit entry; a publication or a withdrawal also counts 「オープンデータの種類」 again.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { listSections } from "../municipalities/index.ts";
import {
  defaultLimits,
  describeError,
  readUpload,
  type UploadFormat,
} from "../spreadsheets/index.ts";
import {
  type CatalogueDataset,
  type Dataset,
  datasetsIn,
  latestVersionNumber,
  versionRows,
} from "./catalogue.ts";
import { feedOpenDataTypes } from "./indicator-feed.ts";
import { permissions } from "./permissions.ts";
import { type DatasetSubmission, validateDataset } from "./rules.ts";
import { opendataDatasets, opendataResources, opendataResourceVersions } from "./schema.ts";
import { standardSchema } from "./standard/schemas.ts";
import { type CheckedTable, changeSummary, checkTable } from "./table-rules.ts";

const STALE =
  "このデータセットは、画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください";

async function lockDataset(tx: Tx, mc: string, slug: string) {
  const [row] = await tx
    .select()
    .from(opendataDatasets)
    .where(and(eq(opendataDatasets.municipalityCode, mc), eq(opendataDatasets.slug, slug)))
    .for("update");
  if (!row) throw new AppError("not_found", `データセット「${slug}」が見つかりません`);
  return row;
}

const sectionCodes = async (ctx: ActionContext) =>
  (await listSections(ctx.db, ctx.municipality)).map((s) => s.code);

/** Creates a dataset as a draft, seen by staff only until it is published. */
export async function createDataset(
  ctx: ActionContext<Principal>,
  submission: DatasetSubmission,
): Promise<Outcome<string>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.createDataset);
  if (no) return no;
  const checked = validateDataset(submission, await sectionCodes(ctx));
  if (!checked.ok) return invalid(checked.details);
  const input = checked.value;
  const taken = await withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .insert(opendataDatasets)
      .values({ municipalityCode: mc, ...input })
      .onConflictDoNothing()
      .returning({ id: opendataDatasets.id });
    if (!row) return true;
    await audit(tx, actor, {
      municipality: mc,
      action: "opendata.dataset.create",
      recordType: "opendata_dataset",
      recordKey: input.slug,
      after: input,
    });
    return false;
  });
  if (taken)
    return invalid([{ location: "slug", message: `URL の名前「${input.slug}」は使われています` }]);
  return saved(input.slug);
}

/** Changes a dataset's description; the form carries the version it was opened on. */
export async function updateDataset(
  ctx: ActionContext<Principal>,
  input: { slug: string; version: number; submission: DatasetSubmission },
): Promise<Outcome<string, Dataset>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.updateDataset);
  if (no) return no;
  const checked = validateDataset(
    { ...input.submission, slug: input.slug },
    await sectionCodes(ctx),
  );
  if (!checked.ok) return invalid(checked.details);
  const { slug: _, ...after } = checked.value;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<string, Dataset>> => {
    const current = await lockDataset(tx, mc, input.slug);
    if (current.version !== input.version) return conflict(current, STALE);
    const before = Object.fromEntries(
      Object.keys(after).map((k) => [k, current[k as keyof Dataset]]),
    );
    if (JSON.stringify(before) === JSON.stringify(after)) return unchanged(input.slug);
    await tx
      .update(opendataDatasets)
      .set({ ...after, updatedAt: new Date(), version: current.version + 1 })
      .where(eq(opendataDatasets.id, current.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "opendata.dataset.update",
      recordType: "opendata_dataset",
      recordKey: input.slug,
      before,
      after,
    });
    if (current.status === "published") {
      await feedOpenDataTypes(tx, mc, { actor });
      await announceChange(tx, mc);
    }
    return saved(input.slug);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

export interface ResourceUpload {
  dataset: string;
  /** An existing resource's slug (a new version of it), or "" for a new resource. */
  resource: string;
  /** The title of a new resource. */
  title: string;
  fileName: string;
  bytes: Uint8Array;
  format: UploadFormat;
}

export interface UploadPreview {
  dataset: CatalogueDataset;
  table: CheckedTable;
  summary: string;
  /** The file could not be read at all: why. */
  unreadable?: string;
}

/** Reads and checks an upload against the dataset's standard type, without writing. */
export async function previewUpload(
  ctx: ActionContext,
  upload: ResourceUpload,
): Promise<UploadPreview> {
  const { db, municipality: mc } = ctx;
  const [dataset] = await withTenant(db, mc, (tx) =>
    datasetsIn(tx, mc, { publishedOnly: false, slug: upload.dataset }),
  );
  if (!dataset)
    throw new AppError("not_found", `データセット「${upload.dataset}」が見つかりません`);
  const empty: CheckedTable = { columns: [], rows: [], errors: [], more: false };
  let grid: Awaited<ReturnType<typeof readUpload>>;
  try {
    grid = await readUpload(upload.bytes, upload.fileName, upload.format, defaultLimits());
  } catch (e) {
    if (e instanceof AppError) return { dataset, table: empty, summary: "", unreadable: e.message };
    throw e;
  }
  const table = checkTable(grid, standardSchema(dataset.standardType), mc);
  const resource = dataset.resources.find((r) => r.slug === upload.resource);
  const previous = resource ? await versionRows(db, mc, resource.id) : undefined;
  return { dataset, table, summary: changeSummary(previous, table) };
}

const resourceSlug = (d: CatalogueDataset) => {
  const base = d.standardType ?? "data";
  const taken = new Set(d.resources.map((r) => r.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
};

/**
 * Uploads a resource's file: every cell checked against the dataset's standard type, and only
 * a file without a single error is taken (all or nothing) as the resource's next version.
 */
export async function uploadResource(
  ctx: ActionContext<Principal>,
  upload: ResourceUpload,
): Promise<Outcome<{ resource: string; number: number }>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.uploadResource);
  if (no) return no;
  const preview = await previewUpload(ctx, upload);
  if (preview.unreadable)
    return invalid(
      [{ location: upload.fileName, message: preview.unreadable }],
      preview.unreadable,
    );
  const { table, dataset } = preview;
  if (table.errors.length)
    return invalid(
      table.errors.map((e) => ({ location: upload.fileName, message: describeError(e) })),
      `ファイルに ${table.errors.length}${table.more ? " 件以上" : " 件"}の誤りがあります。直してからもう一度登録してください（何も登録していません）`,
    );
  if (upload.resource !== "" && !dataset.resources.some((r) => r.slug === upload.resource))
    return invalid([
      { location: "resource", message: `リソース「${upload.resource}」はありません` },
    ]);
  const title = upload.title.trim();
  if (upload.resource === "" && title === "")
    return invalid([{ location: "title", message: "新しいリソースの名前を入力してください" }]);
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const result = await withTenant(db, mc, async (tx) => {
    const current = await lockDataset(tx, mc, dataset.slug);
    let resourceId = dataset.resources.find((r) => r.slug === upload.resource)?.id;
    let slug = upload.resource;
    if (resourceId === undefined) {
      slug = resourceSlug(dataset);
      const [row] = await tx
        .insert(opendataResources)
        .values({ municipalityCode: mc, datasetId: current.id, slug, title })
        .returning({ id: opendataResources.id });
      resourceId = row!.id;
    }
    const number = (await latestVersionNumber(tx, mc, resourceId)) + 1;
    const uploadedBy = actor.label;
    await tx.insert(opendataResourceVersions).values({
      municipalityCode: mc,
      resourceId,
      number,
      fileName: upload.fileName,
      format:
        upload.format === "auto"
          ? /\.xlsx$/i.test(upload.fileName)
            ? "xlsx"
            : "csv"
          : upload.format,
      sha256,
      size: upload.bytes.length,
      content: Buffer.from(upload.bytes),
      columns: table.columns,
      rows: table.rows,
      rowCount: table.rows.length,
      summary: preview.summary,
      uploadedBy,
    });
    await tx
      .update(opendataDatasets)
      .set({ updatedAt: new Date(), version: sql`${opendataDatasets.version} + 1` })
      .where(eq(opendataDatasets.id, current.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "opendata.resource.upload",
      recordType: "opendata_resource_version",
      recordKey: `${dataset.slug}/${slug}/${number}`,
      after: {
        fileName: upload.fileName,
        sha256,
        size: upload.bytes.length,
        rows: table.rows.length,
        summary: preview.summary,
      },
    });
    if (current.status === "published") await announceChange(tx, mc);
    return { resource: slug, number };
  });
  changed(db, [mc]);
  return saved(result);
}

async function setStatus(
  ctx: ActionContext<Principal>,
  input: { slug: string; version: number },
  to: "published" | "withdrawn",
): Promise<Outcome<string, Dataset>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.publish);
  if (no) return no;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<string, Dataset>> => {
    const current = await lockDataset(tx, mc, input.slug);
    if (current.version !== input.version) return conflict(current, STALE);
    if (current.status === to) return unchanged(input.slug);
    if (to === "published") {
      const [has] = await tx
        .select({ id: opendataResources.id })
        .from(opendataResources)
        .where(
          and(
            eq(opendataResources.municipalityCode, mc),
            eq(opendataResources.datasetId, current.id),
          ),
        )
        .limit(1);
      if (!has)
        return invalid([
          {
            location: "status",
            message:
              "ファイルが一つもないデータセットは公開できません。先にファイルを登録してください",
          },
        ]);
    } else if (current.status !== "published")
      return invalid([
        { location: "status", message: "公開していないデータセットは取り下げられません" },
      ]);
    const now = new Date();
    await tx
      .update(opendataDatasets)
      .set({
        status: to,
        publishedAt: to === "published" ? now : current.publishedAt,
        updatedAt: now,
        version: current.version + 1,
      })
      .where(eq(opendataDatasets.id, current.id));
    await audit(tx, actor, {
      municipality: mc,
      action: to === "published" ? "opendata.dataset.publish" : "opendata.dataset.withdraw",
      recordType: "opendata_dataset",
      recordKey: input.slug,
      before: { status: current.status },
      after: { status: to },
    });
    await feedOpenDataTypes(tx, mc, { now, actor });
    await announceChange(tx, mc);
    return saved(input.slug);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** Publishes a dataset (planners): its page, downloads, API and metadata become public. */
export const publishDataset = (
  ctx: ActionContext<Principal>,
  input: { slug: string; version: number },
) => setStatus(ctx, input, "published");

/** Withdraws a published dataset from the public (its versions are kept). */
export const withdrawDataset = (
  ctx: ActionContext<Principal>,
  input: { slug: string; version: number },
) => setStatus(ctx, input, "withdrawn");
