/**
 * The public pages of the open data catalogue (/{code}/opendata/…): the list, a dataset's page,
 * the downloads of each resource in every format (any version), and each version's file as
 * uploaded. Drafts and withdrawn datasets are not found here.
 */
import { type Context, Hono } from "hono";
import { accepts } from "hono/accepts";
import { feedOf } from "../core/changes.ts";
import { renderChartSvg } from "../core/chart.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import { contentDisposition } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { listSections } from "../municipalities/index.ts";
import { versionFile } from "./catalogue.ts";
import { cataloguePackage, datasetPackage, tableSchemaOf } from "./datapackage.ts";
import { catalogJsonLd, datasetJsonLd, withContext } from "./dcat.ts";
import { COUNTED_MONTHS, downloadCounts, recentMonths } from "./downloads.ts";
import {
  DOWNLOAD_FORMATS,
  DOWNLOAD_TYPES,
  type DownloadFormat,
  download,
  downloadName,
} from "./formats.ts";
import { hasCoordinates, MAP_SIZE, mapDescription, mapOption, placesOf } from "./map.ts";
import {
  type PublishedDataset,
  publishedCatalogue,
  publishedDataset,
  resourceTable,
} from "./published.ts";
import type { StoredCell } from "./schema.ts";
import { type FacetField, search } from "./search.ts";
import { standardSchema } from "./standard/schemas.ts";
import { toTurtle } from "./turtle.ts";
import {
  type CatalogueFilter,
  CataloguePage,
  DatasetPage,
  PAGE_SIZE,
  type ResourcePreview,
} from "./views/public-pages.tsx";

const PREVIEW_ROWS = 100;

const one = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

/**
 * The form of the catalogue's and a dataset's page that the request asks for (`Accept`): the page
 * (HTML, the default), DCAT as Turtle or as JSON-LD — the same documents as `catalog.ttl`,
 * `{slug}.ttl`, `catalog.jsonld` and `{slug}.jsonld`, so that a harvester that negotiates gets
 * the metadata at the dataset's own address.
 */
const RDF_TYPES = ["text/html", "text/turtle", "application/ld+json"] as const;
const wantedForm = (c: Context) =>
  accepts(c, {
    header: "Accept",
    supports: [...RDF_TYPES],
    default: "text/html",
  }) as (typeof RDF_TYPES)[number];

export function opendataRoutes(db: Db) {
  const app = new Hono();
  const crumbs = (code: string, name: string, label?: string) => [
    { href: `/${code}/`, label: name },
    ...(label
      ? [{ href: `/${code}/opendata`, label: "オープンデータ" }, { label }]
      : [{ label: "オープンデータ" }]),
  ];

  app.get("/:code/opendata", async (c) => {
    const m = municipalityOf(c);
    c.header("Vary", "Accept");
    const form = wantedForm(c);
    if (form !== "text/html") {
      const doc = catalogJsonLd(new URL(c.req.url).origin, m, await publishedCatalogue(db, m.code));
      return form === "text/turtle"
        ? turtle(doc, `/${m.code}/opendata/catalog.ttl`)
        : jsonLd(doc, `/${m.code}/opendata/catalog.jsonld`);
    }
    const q = (k: string) => one(c.req.query(k));
    const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
    const filter: CatalogueFilter = {
      q: q("q"),
      theme: q("theme"),
      standard: q("standard"),
      section: q("section"),
      format: q("format"),
      sort: q("sort") === "title" ? "title" : "updated",
      page,
    };
    const filters: Partial<Record<FacetField, string[]>> = {};
    if (filter.theme) filters.groups = [filter.theme];
    if (filter.standard) filters.standard_type = [filter.standard];
    if (filter.section) filters.section = [filter.section];
    if (filter.format) filters.res_format = [filter.format.toUpperCase()];
    const [all, sections] = await Promise.all([
      publishedCatalogue(db, m.code),
      listSections(db, m.code),
    ]);
    const found = search(all, {
      q: filter.q,
      filters,
      sort: filter.sort,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return c.html(
      <Layout title="オープンデータ" municipality={m} crumbs={crumbs(m.code, m.name)}>
        <CataloguePage
          code={m.code}
          name={m.name}
          filter={filter}
          total={found.total}
          items={found.items}
          sections={sections}
        />
      </Layout>,
    );
  });

  /** A DCAT document; `location`: its own address when it answers a negotiated request. */
  const rdf = (body: string, type: string, location?: string) =>
    new Response(body, {
      headers: {
        "content-type": `${type}; charset=utf-8`,
        ...(location ? { "content-location": location, vary: "Accept" } : {}),
      },
    });
  const jsonLd = (doc: object, location?: string) =>
    rdf(JSON.stringify(doc), "application/ld+json", location);
  const turtle = (doc: object, location?: string) =>
    rdf(toTurtle(doc as Record<string, unknown>), "text/turtle", location);

  app.get("/:code/opendata/catalog.jsonld", async (c) => {
    const m = municipalityOf(c);
    const all = await publishedCatalogue(db, m.code);
    return jsonLd(catalogJsonLd(new URL(c.req.url).origin, m, all));
  });

  /** The first rows of each resource of a dataset, from which a non-standard column's type is read. */
  const rowsOf = async (code: string, d: PublishedDataset, base: string) => {
    const rows = new Map<string, StoredCell[][]>();
    for (const r of d.resources) {
      const v = await resourceTable(db, code, d, r, { base });
      if (v) rows.set(r.slug, v.rows.slice(0, 1000));
    }
    return rows;
  };
  const packageJson = (doc: object) =>
    new Response(JSON.stringify(doc, null, 2), {
      headers: { "content-type": "application/json; charset=utf-8" },
    });

  app.get("/:code/opendata/datapackage.json", async (c) => {
    const m = municipalityOf(c);
    const base = new URL(c.req.url).origin;
    const all = await publishedCatalogue(db, m.code);
    const datasets = [];
    for (const d of all) datasets.push({ d, rows: await rowsOf(m.code, d, base) });
    return packageJson(cataloguePackage(base, m, datasets));
  });

  app.get("/:code/opendata/schemas/:type{[a-z0-9-]+}/schema.json", (c) => {
    const s = standardSchema(c.req.param("type"));
    if (!s) throw notFound(`標準データセット ${c.req.param("type")}`);
    return packageJson(tableSchemaOf(s));
  });

  app.get("/:code/opendata/:slug{[a-z0-9-]+}/datapackage.json", async (c) => {
    const m = municipalityOf(c);
    const base = new URL(c.req.url).origin;
    const d = await published(m.code, c.req.param("slug"));
    return packageJson(datasetPackage(base, m.code, d, await rowsOf(m.code, d, base)));
  });

  app.get("/:code/opendata/catalog.ttl", async (c) => {
    const m = municipalityOf(c);
    const all = await publishedCatalogue(db, m.code);
    return turtle(catalogJsonLd(new URL(c.req.url).origin, m, all));
  });

  app.get("/:code/opendata/:file{[a-z0-9-]+\\.ttl}", async (c) => {
    const m = municipalityOf(c);
    const d = await published(m.code, c.req.param("file").replace(/\.ttl$/, ""));
    return turtle(withContext(datasetJsonLd(new URL(c.req.url).origin, m, d)));
  });

  app.get("/:code/opendata/:file{[a-z0-9-]+\\.jsonld}", async (c) => {
    const m = municipalityOf(c);
    const d = await published(m.code, c.req.param("file").replace(/\.jsonld$/, ""));
    return jsonLd(withContext(datasetJsonLd(new URL(c.req.url).origin, m, d)));
  });

  const published = async (code: string, slug: string) => {
    const d = await publishedDataset(db, code, slug);
    if (!d) throw notFound(`データセット ${slug}`);
    return d;
  };

  app.get("/:code/opendata/:slug{[a-z0-9-]+}", async (c) => {
    const m = municipalityOf(c);
    const d = await published(m.code, c.req.param("slug"));
    c.header("Vary", "Accept");
    const form = wantedForm(c);
    if (form !== "text/html") {
      const doc = withContext(datasetJsonLd(new URL(c.req.url).origin, m, d));
      const at = `/${m.code}/opendata/${d.slug}`;
      return form === "text/turtle" ? turtle(doc, `${at}.ttl`) : jsonLd(doc, `${at}.jsonld`);
    }
    const base = new URL(c.req.url).origin;
    const previews: ResourcePreview[] = [];
    for (const r of d.resources) {
      const v = await resourceTable(db, m.code, d, r, { base });
      if (!v) continue;
      previews.push({
        slug: r.slug,
        columns: v.columns,
        rows: v.rows.slice(0, PREVIEW_ROWS),
        map: hasCoordinates(v.columns) ? await mapOf(m.code, d, r.slug, r.title, v) : undefined,
      });
    }
    const months = recentMonths(new Date(), COUNTED_MONTHS);
    const [sections, counts] = await Promise.all([
      listSections(db, m.code),
      downloadCounts(
        db,
        m.code,
        d.resources.map((r) => r.uuid),
        months.at(-1),
      ),
    ]);
    // Not kept by the page cache: the download counts move without a change of the data.
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout
        title={d.title}
        municipality={m}
        crumbs={crumbs(m.code, m.name, d.title)}
        description={d.description}
      >
        <DatasetPage
          code={m.code}
          d={d}
          sectionName={sections.find((s) => s.code === d.sectionCode)?.name}
          previews={previews}
          downloads={{ months, counts }}
        />
      </Layout>,
    );
  });

  /**
   * A resource's map preview (SVG), made once per data version and resource version; none when
   * no row has coordinates.
   */
  const mapOf = (
    code: string,
    d: PublishedDataset,
    slug: string,
    title: string,
    v: { number: number; columns: string[]; rows: StoredCell[][] },
  ) =>
    feedOf(db).memo(code, `opendata:map:${d.slug}/${slug}:${v.number}`, async () => {
      const places = placesOf(v.columns, v.rows);
      if (places.length === 0) return undefined;
      const description = mapDescription(title, places, v.rows.length);
      const svg = await renderChartSvg(
        mapOption(places),
        { id: `map-${slug}`, title: `${title}の地図`, description },
        MAP_SIZE,
      );
      return { svg, description, count: places.length };
    });

  /** Every month's download counts of a dataset's resources, as CSV. */
  app.get("/:code/opendata/:slug{[a-z0-9-]+}/downloads.csv", async (c) => {
    const m = municipalityOf(c);
    const d = await published(m.code, c.req.param("slug"));
    const counts = await downloadCounts(
      db,
      m.code,
      d.resources.map((r) => r.uuid),
    );
    const rows = d.resources.flatMap((r) =>
      [...(counts.get(r.uuid) ?? new Map<string, number>())]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, n]) => [d.slug, r.slug, r.uuid, r.title, month, n]),
    );
    const res = csvResponse(
      toCsv(["データセット", "リソース", "リソースID", "リソース名", "月", "ダウンロード数"], rows),
      `${m.code}-${d.slug}-downloads.csv`,
    );
    res.headers.set("Cache-Control", "no-store");
    return res;
  });

  const resourceOf = async (code: string, slug: string, resource: string) => {
    const d = await published(code, slug);
    const r = d.resources.find((x) => x.slug === resource);
    if (!r) throw notFound(`リソース ${slug}/${resource}`);
    return { d, r };
  };

  const versionParam = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    if (!/^\d{1,9}$/.test(raw))
      throw new AppError("bad_request", `版「${raw}」は 1 以上の整数で指定してください`);
    return Number(raw);
  };

  app.get("/:code/opendata/:slug/:resource/:format{csv-sjis|csv|xlsx|json}", async (c) => {
    const m = municipalityOf(c);
    const { d, r } = await resourceOf(m.code, c.req.param("slug"), c.req.param("resource"));
    const format = c.req.param("format") as DownloadFormat;
    if (!DOWNLOAD_FORMATS.includes(format)) throw notFound(`形式 ${format}`);
    const number = versionParam(c.req.query("version"));
    const v = await resourceTable(db, m.code, d, r, { number, base: new URL(c.req.url).origin });
    if (!v) throw notFound(`${r.title}の第 ${number ?? 1} 版`);
    const bytes = await download(v, format);
    const base = `${m.code}-${d.slug}-${r.slug}${number !== undefined ? `-v${number}` : ""}`;
    return new Response(bytes, {
      headers: {
        "content-type": DOWNLOAD_TYPES[format],
        "content-disposition": contentDisposition(downloadName(base, format)),
      },
    });
  });

  app.get("/:code/opendata/:slug/:resource/versions/:number/original", async (c) => {
    const m = municipalityOf(c);
    const { r } = await resourceOf(m.code, c.req.param("slug"), c.req.param("resource"));
    const number = versionParam(c.req.param("number"))!;
    const file = await versionFile(db, m.code, r.id, number);
    if (!file) throw notFound(`${r.title}の第 ${number} 版`);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.format === "xlsx" ? DOWNLOAD_TYPES.xlsx : "text/csv",
        "content-disposition": contentDisposition(file.fileName),
      },
    });
  });

  return app;
}
