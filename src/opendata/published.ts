/**
 * The published catalogue as the public pages, the CKAN API and the metadata read it, kept in
 * the process: a municipality's published datasets (stored and generated) with their search
 * text, computed once per data version of the municipality (core/changes.ts: a write bumps the
 * version at once in its own process and, through NOTIFY, in every other), and the rows of each
 * resource version prepared for datastore_search. A stored version never changes once written,
 * so its prepared rows are kept by (resource, number) in a bounded cache without invalidation.
 */
import { LRUCache } from "lru-cache";
import { ANY, feedOf } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { listMunicipalities } from "../municipalities/index.ts";
import { type CatalogueDataset, listDatasets, type Resource, versionRows } from "./catalogue.ts";
import type { Org } from "./ckan.ts";
import { generatedDatasets, generatedRows } from "./generated.ts";
import { type PreparedTable, prepareTable } from "./prepared.ts";
import { searchText } from "./search.ts";

/** A published dataset with what searching it needs, made once per data version. */
export interface PublishedDataset extends CatalogueDataset {
  municipalityCode: string;
  searchText: string;
  /** Made from the municipality's other data (the plan, registries, surveys), not uploaded. */
  generated: boolean;
}

/** The municipalities (CKAN organizations), read again after any change anywhere. */
export const organizations = (db: Db): Promise<Org[]> =>
  feedOf(db).memo(ANY, "opendata:orgs", async () =>
    (await listMunicipalities(db)).map((m) => ({
      code: m.code,
      name: m.name,
      createdAt: m.createdAt,
    })),
  );

/** A municipality's published datasets: those uploaded and published, then the generated. */
export function publishedCatalogue(db: Db, mc: string): Promise<PublishedDataset[]> {
  return feedOf(db).memo(mc, "opendata:published", async () => {
    const stored = await listDatasets(db, mc, { publishedOnly: true });
    const generated = await generatedDatasets(db, mc);
    return [
      ...stored.map((d) => ({ ...d, generated: false })),
      ...generated.map((d) => ({ ...d, generated: true })),
    ].map((d) => ({ ...d, municipalityCode: mc, searchText: searchText(d) }));
  });
}

export async function publishedDataset(db: Db, mc: string, slug: string) {
  return (await publishedCatalogue(db, mc)).find((d) => d.slug === slug);
}

/** Stored versions' prepared rows, per database; bounded by cells (about 40 MB of text). */
const preparedBy = new WeakMap<Db, LRUCache<string, PreparedTable>>();
const preparedOf = (db: Db) => {
  let cache = preparedBy.get(db);
  if (!cache) {
    cache = new LRUCache<string, PreparedTable>({
      maxSize: 2_000_000,
      sizeCalculation: (t) => Math.max(1, t.rows.length * Math.max(1, t.columns.length)),
    });
    preparedBy.set(db, cache);
  }
  return cache;
};

/**
 * The rows of a published resource, prepared for datastore_search: the latest version, or
 * `number`; undefined when there is no such version. `base` is the site's origin, written in
 * the URLs of a generated オープンデータ一覧.
 */
export async function resourceTable(
  db: Db,
  mc: string,
  d: PublishedDataset,
  r: Resource,
  opts: { number?: number; base: string },
): Promise<(PreparedTable & { number: number }) | undefined> {
  const { number, base } = opts;
  if (d.generated) {
    if (number !== undefined && number !== 1) return undefined;
    const table = await feedOf(db).memo(
      mc,
      `opendata:generated:${d.slug}/${r.slug}:${base}`,
      async () => prepareTable(await generatedRows(db, mc, d.slug, r.slug, base)),
    );
    return { ...table, number: 1 };
  }
  const wanted = number ?? r.versions[0]?.number;
  if (wanted === undefined) return undefined;
  const key = `${mc}:${r.id}:${wanted}`;
  const cache = preparedOf(db);
  const hit = cache.get(key);
  if (hit) return { ...hit, number: wanted };
  const row = await versionRows(db, mc, r.id, wanted);
  if (!row) return undefined;
  const table = prepareTable(row);
  cache.set(key, table);
  return { ...table, number: wanted };
}
