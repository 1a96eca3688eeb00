/**
 * Searching the catalogue (the public list and CKAN's package_search): words in the title,
 * description and keywords; filters by theme, standard type, section, format, licence, keyword
 * and municipality; sort; paging; counts per value of a field (facets). Pure.
 */

export interface Searchable {
  municipalityCode: string;
  slug: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  standardType: string | null;
  sectionCode: string | null;
  licence: string;
  updatedAt: Date;
  resources: { versions: { format: string }[] }[];
  /** The folded words of searchText(), when made beforehand (the published catalogue). */
  searchText?: string;
}

export interface Query {
  q?: string;
  /** Field → the values a dataset must have one of (CKAN's fq; the public filters). */
  filters?: Partial<Record<FacetField, string[]>>;
  sort?: "updated" | "title" | "name";
  descending?: boolean;
  offset?: number;
  limit?: number;
}

export const FACET_FIELDS = [
  "organization",
  "tags",
  "groups",
  "res_format",
  "license_id",
  "standard_type",
  "section",
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Every format a resource is downloadable in (whatever was uploaded). */
export const RESOURCE_FORMATS = ["CSV", "XLSX", "JSON"];

/** The values a dataset has for a field. */
export function valuesOf(d: Searchable, field: FacetField): string[] {
  switch (field) {
    case "organization":
      return [d.municipalityCode];
    case "tags":
      return d.keywords;
    case "groups":
      return d.themes;
    case "res_format":
      return d.resources.length ? RESOURCE_FORMATS : [];
    case "license_id":
      return [d.licence];
    case "standard_type":
      return d.standardType ? [d.standardType] : [];
    case "section":
      return d.sectionCode ? [d.sectionCode] : [];
  }
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase();

/** The text `q` is looked for in: title, description, slug and keywords, folded. */
export const searchText = (d: Pick<Searchable, "title" | "description" | "slug" | "keywords">) =>
  fold([d.title, d.description, d.slug, ...d.keywords].join("\n"));

function matchesWords(d: Searchable, q: string) {
  const text = d.searchText ?? searchText(d);
  return fold(q)
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "*:*")
    .every((w) => text.includes(w));
}

export function search<T extends Searchable>(all: readonly T[], query: Query) {
  const found = all.filter(
    (d) =>
      (!query.q || matchesWords(d, query.q)) &&
      Object.entries(query.filters ?? {}).every(
        ([field, wanted]) =>
          !wanted?.length || valuesOf(d, field as FacetField).some((v) => wanted.includes(v)),
      ),
  );
  const sort = query.sort ?? "updated";
  const dir = (query.descending ?? sort === "updated") ? -1 : 1;
  found.sort((a, b) => {
    const by =
      sort === "updated"
        ? a.updatedAt.getTime() - b.updatedAt.getTime()
        : sort === "title"
          ? a.title.localeCompare(b.title, "ja")
          : `${a.municipalityCode}-${a.slug}`.localeCompare(`${b.municipalityCode}-${b.slug}`);
    return by * dir || a.slug.localeCompare(b.slug);
  });
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.max(0, query.limit ?? 20);
  return { total: found.length, items: found.slice(offset, offset + limit), matched: found };
}

/** How many of the datasets have each value of a field, most first. */
export function facet(datasets: readonly Searchable[], field: FacetField) {
  const counts = new Map<string, number>();
  for (const d of datasets)
    for (const v of new Set(valuesOf(d, field))) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => ({ name, count }));
}
