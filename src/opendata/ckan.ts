/**
 * CKAN 2.10's Action API shapes, built from the catalogue (pure): a package (dataset), its
 * resources, an organization (one per municipality), package_search's fq and sort, and
 * datastore_search over a resource's rows. The keys and types are those CKAN documents and
 * returns (ckan/tests/logic/action/test_get.py, ckanext/datastore/logic/action.py at 2.10).
 */
import type { CatalogueDataset, Resource } from "./catalogue.ts";
import { DOWNLOAD_TYPES } from "./formats.ts";
import { isPrepared, type PreparedTable, prepareTable } from "./prepared.ts";
import { LICENCE_LABELS, LICENCE_URIS, THEMES } from "./rules.ts";
import type { StoredCell } from "./schema.ts";
import { FACET_FIELDS, type FacetField } from "./search.ts";
import { type ColumnType, standardSchema } from "./standard/schemas.ts";

export const CKAN_VERSION = "2.10.9";

/** A validation or lookup problem, answered with CKAN's error shape. */
export class CkanError extends Error {
  constructor(
    readonly type: "Not Found Error" | "Validation Error" | "Bad Request",
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Org {
  code: string;
  name: string;
  createdAt: Date;
}

/** A municipality's dataset as CKAN names it: unique over a site of many municipalities. */
export const packageName = (code: string, slug: string) => `${code}-${slug}`;

/** CKAN writes times as ISO 8601 without a zone (UTC). */
const ckanTime = (d: Date | null | undefined) => (d ? d.toISOString().replace(/Z$/, "") : null);

export function organizationDict(org: Org, packageCount?: number) {
  return {
    approval_status: "approved",
    created: ckanTime(org.createdAt),
    description: `${org.name}（全国地方公共団体コード ${org.code}）のオープンデータ`,
    display_name: org.name,
    id: org.code,
    image_display_url: "",
    image_url: "",
    is_organization: true,
    name: org.code,
    state: "active",
    title: org.name,
    type: "organization",
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

export function resourceDict(
  base: string,
  org: Org,
  d: CatalogueDataset,
  r: Resource,
  position: number,
) {
  const latest = r.versions[0];
  return {
    cache_last_updated: null,
    cache_url: null,
    created: ckanTime(r.createdAt),
    datastore_active: latest !== undefined,
    description: r.description ?? "",
    format: "CSV",
    hash: latest?.sha256 ?? "",
    id: r.uuid,
    last_modified: ckanTime(latest?.uploadedAt),
    metadata_modified: ckanTime(latest?.uploadedAt ?? r.createdAt),
    mimetype: DOWNLOAD_TYPES.csv.split(";")[0],
    mimetype_inner: null,
    name: r.title,
    package_id: d.uuid,
    position,
    resource_type: null,
    size: null,
    state: "active",
    url: `${base}/${org.code}/opendata/${d.slug}/${r.slug}/csv`,
    url_type: null,
  };
}

export function packageDict(base: string, org: Org, d: CatalogueDataset) {
  const tags = d.keywords.map((k) => ({
    display_name: k,
    id: k,
    name: k,
    state: "active",
    vocabulary_id: null,
  }));
  return {
    author: org.name,
    author_email: null,
    creator_user_id: null,
    extras: [
      ...(d.standardType ? [{ key: "standard_type", value: d.standardType }] : []),
      ...(d.sample ? [{ key: "sample", value: "サンプル" }] : []),
    ],
    groups: d.themes.map((t) => ({
      description: "",
      display_name: THEMES[t] ?? t,
      id: t,
      image_display_url: "",
      name: t,
      title: THEMES[t] ?? t,
    })),
    id: d.uuid,
    isopen: true,
    license_id: d.licence,
    license_title: LICENCE_LABELS[d.licence],
    license_url: LICENCE_URIS[d.licence],
    maintainer: d.sectionCode,
    maintainer_email: null,
    metadata_created: ckanTime(d.createdAt),
    metadata_modified: ckanTime(d.updatedAt),
    name: packageName(org.code, d.slug),
    notes: d.description,
    num_resources: d.resources.length,
    num_tags: tags.length,
    organization: organizationDict(org),
    owner_org: org.code,
    private: false,
    relationships_as_object: [],
    relationships_as_subject: [],
    resources: d.resources.map((r, i) => resourceDict(base, org, d, r, i)),
    state: "active",
    tags,
    title: d.sample && !d.title.includes("サンプル") ? `${d.title}（サンプル）` : d.title,
    type: "dataset",
    url: `${base}/${org.code}/opendata/${d.slug}`,
    version: null,
  };
}

/**
 * package_search's fq: `field:value` terms (a value quoted when it has spaces), joined by spaces
 * or AND; `owner_org` and `organization` name the municipality.
 */
export function parseFq(fq: string): Partial<Record<FacetField, string[]>> {
  const filters: Partial<Record<FacetField, string[]>> = {};
  const term = /([+]?[A-Za-z_]+):("([^"]*)"|[^\s"]+)/g;
  const rest = fq
    .replace(term, "")
    .replace(/\bAND\b/g, "")
    .trim();
  if (rest !== "") throw new CkanError("Validation Error", `fq を読み取れません: ${rest}`, "fq");
  for (const m of fq.matchAll(term)) {
    const key = m[1]!.replace(/^\+/, "");
    const field = (key === "owner_org" ? "organization" : key) as FacetField;
    if (!FACET_FIELDS.includes(field))
      throw new CkanError(
        "Validation Error",
        `fq の項目「${key}」では絞り込めません（${FACET_FIELDS.join(", ")}）`,
        "fq",
      );
    filters[field] = [...(filters[field] ?? []), m[3] ?? m[2]!];
  }
  return filters;
}

/** package_search's sort: `metadata_modified desc`, `title_string asc`, `name asc`, `score desc`. */
export function parseSort(sort: string | undefined) {
  const [field = "score", dir = "desc"] = (sort ?? "score desc").trim().split(/\s+/);
  const by = {
    metadata_modified: "updated",
    title_string: "title",
    name: "name",
    score: "updated",
  } as const;
  const key = by[field as keyof typeof by];
  if (!key || !/^(asc|desc)$/.test(dir))
    throw new CkanError(
      "Validation Error",
      `sort「${sort}」は使えません（metadata_modified, title_string, name と asc/desc）`,
      "sort",
    );
  return { sort: key, descending: dir === "desc" };
}

/** The datastore type of a column of a standard type (text for any other table). */
export const datastoreType = (type: ColumnType | undefined) =>
  type === "int"
    ? "int"
    : type === "num" || type === "lat" || type === "lon"
      ? "numeric"
      : type === "date"
        ? "date"
        : type === "time"
          ? "time"
          : "text";

export interface DatastoreParams {
  resource_id: string;
  filters?: Record<string, unknown>;
  q?: string | Record<string, string>;
  limit?: number;
  offset?: number;
  fields?: string[];
  sort?: string;
  include_total?: boolean;
}

/** datastore_search over a resource's rows: filters, q, sort, fields, paging, total. */
export function datastoreSearch(
  input: { columns: string[]; rows: StoredCell[][] } | PreparedTable,
  standardType: string | null,
  p: DatastoreParams,
) {
  const table = isPrepared(input) ? input : prepareTable(input);
  const schema = standardSchema(standardType);
  const typeOf = (c: string) => schema?.columns.find((x) => x.name === c)?.type;
  const all = ["_id", ...table.columns];
  const known = (c: string, param: string) => {
    if (!all.includes(c))
      throw new CkanError("Validation Error", `項目「${c}」はありません`, param);
    return c;
  };
  const recs = table.records;
  const filters = Object.entries(p.filters ?? {}).map(([k, want]) => ({
    k: known(k, "filters"),
    wants: (Array.isArray(want) ? want : [want]).map(String),
  }));
  // Row numbers (0-based) that pass; every row when nothing narrows.
  let found = undefined as number[] | undefined;
  const narrow = (keep: (i: number) => boolean) => {
    const out: number[] = [];
    if (found) {
      for (const i of found) if (keep(i)) out.push(i);
    } else for (let i = 0; i < recs.length; i++) if (keep(i)) out.push(i);
    found = out;
  };
  if (filters.length)
    narrow((i) => filters.every(({ k, wants }) => wants.includes(String(recs[i]![k] ?? ""))));
  if (typeof p.q === "string" && p.q.trim() !== "") {
    const words = p.q.trim().toLowerCase().split(/\s+/);
    narrow((i) => {
      const cells = table.folded[i]!;
      return words.every((w) => cells.some((v) => v?.includes(w)));
    });
  } else if (p.q && typeof p.q === "object") {
    const terms = Object.entries(p.q as Record<string, string>).map(([k, w]) => ({
      j: table.columns.indexOf(known(k, "q")),
      w: String(w).toLowerCase(),
    }));
    narrow((i) =>
      terms.every(({ j, w }) =>
        j < 0 ? String(recs[i]!._id).includes(w) : table.folded[i]![j]?.includes(w),
      ),
    );
  }
  if (p.sort) {
    const keys = p.sort.split(",").map((s) => {
      const [f = "", dir = "asc"] = s.trim().replace(/^"|"$/g, "").split(/\s+/);
      return {
        f: known(f.replace(/^"|"$/g, ""), "sort"),
        dir: dir.toLowerCase() === "desc" ? -1 : 1,
      };
    });
    found = [...(found ?? recs.map((_, i) => i))].sort((ia, ib) => {
      const a = recs[ia]!;
      const b = recs[ib]!;
      for (const { f, dir } of keys) {
        const x = a[f] ?? null;
        const y = b[f] ?? null;
        if (x === y) continue;
        if (x === null) return dir;
        if (y === null) return -dir;
        const by =
          typeof x === "number" && typeof y === "number"
            ? x - y
            : String(x).localeCompare(String(y), "ja");
        if (by) return by * dir;
      }
      return 0;
    });
  }
  const fields = (p.fields?.length ? p.fields : all).map((f) => known(f, "fields"));
  const limit = Math.min(Math.max(0, p.limit ?? 100), 32000);
  const offset = Math.max(0, p.offset ?? 0);
  const total = found ? found.length : recs.length;
  const rowsOfPage = found
    ? found.slice(offset, offset + limit).map((i) => recs[i]!)
    : recs.slice(offset, offset + limit);
  const page = rowsOfPage.map((r) => {
    const out: Record<string, StoredCell> = {};
    for (const f of fields) out[f] = r[f] ?? null;
    return out;
  });
  return {
    include_total: p.include_total ?? true,
    limit,
    offset,
    records_format: "objects",
    resource_id: p.resource_id,
    fields: fields.map((f) => ({ id: f, type: f === "_id" ? "int" : datastoreType(typeOf(f)) })),
    records: page,
    ...(p.include_total === false ? {} : { total, total_was_estimated: false }),
    _links: {
      start: `/api/3/action/datastore_search?resource_id=${p.resource_id}`,
      next: `/api/3/action/datastore_search?resource_id=${p.resource_id}&offset=${offset + limit}`,
    },
  };
}
