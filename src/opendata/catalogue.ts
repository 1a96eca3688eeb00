/**
 * Reading the catalogue: a municipality's datasets with their resources and the latest version
 * of each (never the rows, which are read one resource at a time), one dataset with its full
 * version history, and the rows or the file of one version.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { opendataDatasets, opendataResources, opendataResourceVersions } from "./schema.ts";

export type Dataset = typeof opendataDatasets.$inferSelect;

export interface VersionInfo {
  number: number;
  fileName: string;
  format: string;
  sha256: string;
  size: number;
  rowCount: number;
  columns: string[];
  summary: string;
  uploadedAt: Date;
}

export interface Resource {
  id: number;
  uuid: string;
  slug: string;
  title: string;
  description: string | null;
  createdAt: Date;
  /** Newest first; the first is the resource's content. */
  versions: VersionInfo[];
}

export interface CatalogueDataset extends Dataset {
  resources: Resource[];
}

const versionColumns = {
  resourceId: opendataResourceVersions.resourceId,
  number: opendataResourceVersions.number,
  fileName: opendataResourceVersions.fileName,
  format: opendataResourceVersions.format,
  sha256: opendataResourceVersions.sha256,
  size: opendataResourceVersions.size,
  rowCount: opendataResourceVersions.rowCount,
  columns: opendataResourceVersions.columns,
  summary: opendataResourceVersions.summary,
  uploadedAt: opendataResourceVersions.uploadedAt,
};

/** The datasets of one municipality with their resources and versions (inside its transaction). */
export async function datasetsIn(
  tx: Tx,
  mc: string,
  opts: { publishedOnly: boolean; slug?: string },
): Promise<CatalogueDataset[]> {
  const datasets = await tx
    .select()
    .from(opendataDatasets)
    .where(
      and(
        eq(opendataDatasets.municipalityCode, mc),
        opts.publishedOnly ? eq(opendataDatasets.status, "published") : undefined,
        opts.slug !== undefined ? eq(opendataDatasets.slug, opts.slug) : undefined,
      ),
    )
    .orderBy(desc(opendataDatasets.updatedAt), asc(opendataDatasets.id));
  if (datasets.length === 0) return [];
  const ids = datasets.map((d) => d.id);
  const resources = await tx
    .select()
    .from(opendataResources)
    .where(
      and(eq(opendataResources.municipalityCode, mc), inArray(opendataResources.datasetId, ids)),
    )
    .orderBy(asc(opendataResources.id));
  const versions = resources.length
    ? await tx
        .select(versionColumns)
        .from(opendataResourceVersions)
        .where(
          and(
            eq(opendataResourceVersions.municipalityCode, mc),
            inArray(
              opendataResourceVersions.resourceId,
              resources.map((r) => r.id),
            ),
          ),
        )
        .orderBy(desc(opendataResourceVersions.number))
    : [];
  return datasets.map((d) => ({
    ...d,
    resources: resources
      .filter((r) => r.datasetId === d.id)
      .map((r) => ({
        id: r.id,
        uuid: r.uuid,
        slug: r.slug,
        title: r.title,
        description: r.description,
        createdAt: r.createdAt,
        versions: versions.filter((v) => v.resourceId === r.id),
      })),
  }));
}

export function listDatasets(db: Db, mc: string, opts: { publishedOnly: boolean }) {
  return withTenant(db, mc, (tx) => datasetsIn(tx, mc, opts));
}

export async function findDataset(
  db: Db,
  mc: string,
  slug: string,
  opts: { publishedOnly: boolean },
): Promise<CatalogueDataset | undefined> {
  const [d] = await withTenant(db, mc, (tx) => datasetsIn(tx, mc, { ...opts, slug }));
  return d;
}

/** The rows of one version of a resource (the latest when `number` is not given). */
export async function versionRows(db: Db, mc: string, resourceId: number, number?: number) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({
        number: opendataResourceVersions.number,
        columns: opendataResourceVersions.columns,
        rows: opendataResourceVersions.rows,
      })
      .from(opendataResourceVersions)
      .where(
        and(
          eq(opendataResourceVersions.municipalityCode, mc),
          eq(opendataResourceVersions.resourceId, resourceId),
          number !== undefined ? eq(opendataResourceVersions.number, number) : undefined,
        ),
      )
      .orderBy(desc(opendataResourceVersions.number))
      .limit(1);
    return row;
  });
}

/** The file of one version, as uploaded. */
export async function versionFile(db: Db, mc: string, resourceId: number, number: number) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({
        fileName: opendataResourceVersions.fileName,
        format: opendataResourceVersions.format,
        content: opendataResourceVersions.content,
      })
      .from(opendataResourceVersions)
      .where(
        and(
          eq(opendataResourceVersions.municipalityCode, mc),
          eq(opendataResourceVersions.resourceId, resourceId),
          eq(opendataResourceVersions.number, number),
        ),
      );
    return row;
  });
}

/** The latest version number of a resource, 0 for none (inside a transaction). */
export async function latestVersionNumber(tx: Tx, mc: string, resourceId: number) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${opendataResourceVersions.number}), 0)::int` })
    .from(opendataResourceVersions)
    .where(
      and(
        eq(opendataResourceVersions.municipalityCode, mc),
        eq(opendataResourceVersions.resourceId, resourceId),
      ),
    );
  return row?.n ?? 0;
}
