/**
 * CKAN's Action API at /api/3/action/{name}, so that CKAN clients and harvesters read the
 * catalogue unchanged: every action takes its parameters as a GET query string or a POST JSON
 * body, answers CKAN's envelope `{help, success, result}` and its error shape `{help, success:
 * false, error: {__type, message}}` with CKAN's status codes. One organization per municipality;
 * published datasets only.
 */
import { type Context, Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import {
  CKAN_VERSION,
  CkanError,
  type DatastoreParams,
  datastoreSearch,
  type Org,
  organizationDict,
  packageDict,
  packageName,
  parseFq,
  parseSort,
  resourceDict,
} from "./ckan.ts";
import {
  organizations,
  type PublishedDataset,
  publishedCatalogue,
  resourceTable,
} from "./published.ts";
import { THEMES } from "./rules.ts";
import { FACET_FIELDS, type FacetField, facet, search } from "./search.ts";

type Params = Record<string, unknown>;
type Entry = { org: Org; d: PublishedDataset };

/** A parameter that CKAN reads as JSON when it comes in a query string (lists, dicts, booleans). */
function fromQuery(c: Context): Params {
  const params: Params = {};
  for (const [k, vs] of Object.entries(c.req.queries())) {
    const v = vs[vs.length - 1] ?? "";
    params[k] = /^[[{]/.test(v.trim()) ? safeJson(v, k) : v;
  }
  return params;
}

function safeJson(v: string, field: string) {
  try {
    return JSON.parse(v);
  } catch {
    throw new CkanError("Validation Error", `${field} を JSON として読み取れません`, field);
  }
}

function int(p: Params, field: string, fallback: number, max?: number) {
  const v = p[field];
  if (v === undefined || v === "") return fallback;
  const n = typeof v === "number" ? v : /^\d+$/.test(String(v)) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 0)
    throw new CkanError("Validation Error", "Invalid integer", field);
  if (max !== undefined && n > max)
    throw new CkanError("Validation Error", `Must be less than or equal to ${max}`, field);
  return n;
}

function bool(p: Params, field: string, fallback: boolean) {
  const v = p[field];
  if (v === undefined || v === "") return fallback;
  return v === true || /^(true|1|yes)$/i.test(String(v));
}

const text = (p: Params, field: string) =>
  typeof p[field] === "string" ? (p[field] as string) : undefined;

function list(p: Params, field: string): string[] {
  const v = p[field];
  if (v === undefined || v === "") return [];
  if (Array.isArray(v)) return v.map(String);
  return String(v)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const required = (p: Params, field: string) => {
  const v = text(p, field);
  if (!v) throw new CkanError("Validation Error", "Missing value", field);
  return v;
};

export function ckanApi(db: Db) {
  const app = new Hono();

  const orgs = () => organizations(db);

  /** Every published dataset of the site (each municipality's kept until its data changes). */
  const entries = async (only?: Org[]): Promise<Entry[]> => {
    const out: Entry[] = [];
    for (const org of only ?? (await orgs()))
      for (const d of await publishedCatalogue(db, org.code)) out.push({ org, d });
    return out;
  };

  const findPackage = async (id: string) => {
    const found = (await entries()).find(
      (e) => e.d.uuid === id || packageName(e.org.code, e.d.slug) === id,
    );
    if (!found) throw new CkanError("Not Found Error", "Not found: Dataset not found");
    return found;
  };

  const findResource = async (id: string) => {
    for (const e of await entries()) {
      const r = e.d.resources.find((x) => x.uuid === id);
      if (r) return { ...e, r };
    }
    throw new CkanError("Not Found Error", "Not found: Resource was not found.");
  };

  const findOrg = async (id: string) => {
    const org = (await orgs()).find((o) => o.code === id);
    if (!org) throw new CkanError("Not Found Error", "Not found: Organization was not found.");
    return org;
  };

  const actions: Record<string, (p: Params, base: string) => Promise<unknown>> = {
    status_show: async (_p, base) => ({
      ckan_version: CKAN_VERSION,
      site_url: base,
      site_title: "Shisaku オープンデータ",
      site_description: "自治体のオープンデータカタログ（CKAN Action API 互換）",
      error_emails_to: null,
      locale_default: "ja",
      extensions: ["datastore"],
    }),
    package_list: async (p) => {
      const names = (await entries()).map((e) => packageName(e.org.code, e.d.slug)).sort();
      const offset = int(p, "offset", 0);
      return p.limit === undefined
        ? names.slice(offset)
        : names.slice(offset, offset + int(p, "limit", 0));
    },
    package_show: async (p, base) => {
      const { org, d } = await findPackage(required(p, "id"));
      return packageDict(base, org, d);
    },
    package_search: async (p, base) => {
      const all = await entries();
      const filters = parseFq(text(p, "fq") ?? "");
      const sortText = text(p, "sort");
      const order = parseSort(sortText);
      const rows = int(p, "rows", 10, 1000);
      const entryOf = new Map(all.map((e) => [e.d, e]));
      const found = search(
        all.map((e) => e.d),
        {
          q: text(p, "q"),
          filters,
          ...order,
          offset: int(p, "start", 0),
          limit: rows,
        },
      );
      const fields = list(p, "facet.field");
      for (const f of fields)
        if (!FACET_FIELDS.includes(f as FacetField))
          throw new CkanError(
            "Validation Error",
            `facet.field「${f}」は使えません（${FACET_FIELDS.join(", ")}）`,
            "facet.field",
          );
      const facets = Object.fromEntries(
        fields.map((f) => [f, facet(found.matched, f as FacetField)]),
      );
      const display = (f: string, name: string) =>
        f === "organization"
          ? (all.find((e) => e.org.code === name)?.org.name ?? name)
          : f === "groups"
            ? (THEMES[name] ?? name)
            : name;
      return {
        count: found.total,
        facets: Object.fromEntries(
          Object.entries(facets).map(([f, items]) => [
            f,
            Object.fromEntries(items.map((i) => [i.name, i.count])),
          ]),
        ),
        results: found.items.map((x) => packageDict(base, entryOf.get(x)!.org, x)),
        sort: sortText ?? "score desc, metadata_modified desc",
        search_facets: Object.fromEntries(
          Object.entries(facets).map(([f, items]) => [
            f,
            {
              items: items.map((i) => ({
                count: i.count,
                display_name: display(f, i.name),
                name: i.name,
              })),
              title: f,
            },
          ]),
        ),
      };
    },
    organization_list: async (p) => {
      const all = await orgs();
      if (!bool(p, "all_fields", false)) return all.map((o) => o.code);
      const counts = await entries(all);
      return all.map((o) =>
        organizationDict(o, counts.filter((e) => e.org.code === o.code).length),
      );
    },
    organization_show: async (p, base) => {
      const org = await findOrg(required(p, "id"));
      const mine = await entries([org]);
      return {
        ...organizationDict(org, mine.length),
        ...(bool(p, "include_datasets", false)
          ? { packages: mine.map((e) => packageDict(base, org, e.d)) }
          : {}),
        users: [],
        extras: [],
        tags: [],
        groups: [],
      };
    },
    resource_show: async (p, base) => {
      const { org, d, r } = await findResource(required(p, "id"));
      return resourceDict(base, org, d, r, d.resources.indexOf(r));
    },
    tag_list: async (p) => {
      const q = text(p, "query") ?? text(p, "q") ?? "";
      const tags = new Set((await entries()).flatMap((e) => e.d.keywords));
      return [...tags].filter((t) => t.includes(q)).sort();
    },
    datastore_search: async (p, base) => {
      const id = required(p, "resource_id");
      const { org, d, r } = await findResource(id);
      const table = await resourceTable(db, org.code, d, r, { base });
      if (!table)
        throw new CkanError("Not Found Error", `Not found: Resource "${id}" was not found.`);
      const q = p.q;
      const params: DatastoreParams = {
        resource_id: id,
        filters:
          p.filters && typeof p.filters === "object"
            ? (p.filters as Record<string, unknown>)
            : undefined,
        q:
          typeof q === "string" || (q && typeof q === "object")
            ? (q as DatastoreParams["q"])
            : undefined,
        limit: int(p, "limit", 100, 32000),
        offset: int(p, "offset", 0),
        fields: list(p, "fields"),
        sort: text(p, "sort"),
        include_total: bool(p, "include_total", true),
      };
      return datastoreSearch(table, d.standardType, params);
    },
  };

  const run = async (c: Context, fromBody: boolean) => {
    const name = c.req.param("name")!;
    const origin = new URL(c.req.url).origin;
    const help = `${origin}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
    const fail = (status: 400 | 404 | 409, type: string, message: string, field?: string) =>
      c.json(
        {
          help,
          success: false,
          error: { __type: type, message, ...(field ? { [field]: [message] } : {}) },
        },
        status,
      );
    const action = actions[name];
    if (!action) return fail(400, "Bad Request", `Bad request - Action name not known: ${name}`);
    let params: Params;
    try {
      if (fromBody) {
        const raw = await c.req.text();
        const parsed = raw.trim() === "" ? {} : JSON.parse(raw);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
          throw new Error("not a dictionary");
        params = parsed as Params;
      } else params = fromQuery(c);
    } catch (e) {
      if (e instanceof CkanError) return fail(409, e.type, e.message, e.field);
      return fail(400, "Bad Request", `Bad request - JSON Error: ${(e as Error).message}`);
    }
    try {
      return c.json({ help, success: true, result: await action(params, origin) });
    } catch (e) {
      if (!(e instanceof CkanError)) throw e;
      return fail(
        e.type === "Not Found Error" ? 404 : e.type === "Bad Request" ? 400 : 409,
        e.type,
        e.message,
        e.field,
      );
    }
  };

  app.get("/api/3/action/:name", (c) => run(c, false));
  app.post("/api/3/action/:name", (c) => run(c, true));
  return app;
}
