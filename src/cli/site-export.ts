/**
 * `shisaku site export --municipality <code> --out <dir>`: the public portal of one municipality
 * as static files, laid out like its addresses, for any web server or CDN to serve at the site's
 * root (a results day's traffic then never reaches the application or its database).
 *
 * Every file is the application's own answer: each address is rendered through `app.request()`
 * of the same app the server runs, so a page's bytes are those the server sends. The addresses
 * are found as a visitor finds them — the links of the pages, from the municipality's home — and
 * the API's reads from the OpenAPI document (its lists, and each item of a list).
 *
 * Files: a page at `/082058/indicators` is `082058/indicators/index.html`; an API read at
 * `/api/v1/municipalities/082058/indicators` is `…/indicators.json` (the server answers that
 * address too) and a list's CSV `…/indicators.csv`; every other file (CSV, XLSX, PDF, JSON-LD,
 * the assets) keeps its address. `_headers` gives each file without a telling extension its type
 * and download name (Netlify / Cloudflare Pages format; docs/scale.md has the nginx equivalent).
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createApp } from "../app.tsx";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { API_PREFIX } from "../core/http/openapi.ts";

/** The file that marks a folder as an export: only such a folder is replaced by a new one. */
export const EXPORT_MARK = ".shisaku-export";
/** The public sections of a municipality, also those its home does not link to. */
const SECTIONS = [
  "",
  "indicators",
  "programs",
  "finance",
  "meetings",
  "letters",
  "surveys",
  "registries",
  "opendata",
  "opendata/catalog.jsonld",
];
/** Rendered at once: a little overlap of the database's and the renderer's work. */
const CONCURRENCY = 4;

export interface ExportedFile {
  /** The address the file answers (without a query). */
  url: string;
  /** Its path inside the export folder, with `/`. */
  file: string;
  type: string;
  bytes: number;
}

export interface SiteExport {
  files: ExportedFile[];
  /** Linked addresses of the municipality that did not answer 200 (with their status). */
  missing: { url: string; status: number; from: string }[];
  ms: number;
}

/** Whether `url` (a path, no query) belongs in the export of municipality `code`. */
export function inScope(url: string, code: string) {
  if (/\/manage(\/|$)/.test(url) || url.includes("/letters/status/")) return false;
  return (
    url === "/" ||
    url === `/${code}` ||
    url.startsWith(`/${code}/`) ||
    url.startsWith("/assets/") ||
    url === `${API_PREFIX}/openapi.json` ||
    url === `${API_PREFIX}/municipalities/${code}` ||
    url.startsWith(`${API_PREFIX}/municipalities/${code}/`)
  );
}

/** The file (relative, with `/`) that answers `url` on a static server. */
export function fileOf(url: string, type: string) {
  const segments = url
    .split("/")
    .slice(1)
    .map((s) => decodeURIComponent(s));
  if (segments.some((s) => s === "." || s === ".." || s.includes("/") || s.includes("\\")))
    throw new AppError(
      "bad_request",
      `書き出せないアドレスです / an address that cannot be a file: ${url}`,
    );
  const joined = segments.join("/");
  if (type.startsWith("text/html"))
    return joined === "" || joined.endsWith("/") ? `${joined}index.html` : `${joined}/index.html`;
  if (url.startsWith(`${API_PREFIX}/municipalities/`) && type.startsWith("application/json"))
    return `${joined}.json`;
  return joined;
}

/** Internal links of a page (href, src), without fragment; `&amp;` decoded. */
export function linksOf(html: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)="(\/(?!\/)[^"#]*)/g))
    links.push(m[1]!.replace(/&amp;/g, "&"));
  return links;
}

/** The file an extension alone gives its type on common servers. */
const SELF_TYPED = /\.(html|css|js|json|csv|xlsx|pdf|svg|png|txt)$/;

/** Fills an OpenAPI path's `{code}` and returns it, or null when it has other parameters. */
const onlyCode = (template: string, code: string) => {
  const filled = template.replace("{code}", code);
  return filled.includes("{") ? null : filled;
};

/**
 * The API reads of municipality `code`: every GET of the OpenAPI document whose only parameter
 * is the municipality, and for a path with one more parameter right after a list
 * (`/indicators/{indicatorCode}`, `/surveys/{survey}/results`), that path for each item of the list.
 */
async function apiAddresses(
  get: (url: string) => Promise<Response>,
  code: string,
): Promise<string[]> {
  const doc = (await (await get(`${API_PREFIX}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const templates = Object.entries(doc.paths)
    .filter(([p, ops]) => p.startsWith("/municipalities/{code}") && ops.get)
    .map(([p]) => p);
  const addresses = templates
    .map((t) => onlyCode(t, code))
    .filter((p): p is string => p !== null)
    .map((p) => `${API_PREFIX}${p}`);
  const items = new Map<string, Record<string, unknown>[]>();
  const itemsOf = async (list: string) => {
    if (!items.has(list)) {
      const res = await get(`${API_PREFIX}${list}?limit=1000`);
      const body = res.ok ? ((await res.json()) as { items?: Record<string, unknown>[] }) : {};
      items.set(list, Array.isArray(body.items) ? body.items : []);
    }
    return items.get(list)!;
  };
  for (const t of templates) {
    const m = /^(\/municipalities\/\{code\}\/[a-z-]+)\/\{(\w+)\}(\/[a-z-]+)?$/.exec(t);
    if (!m) continue;
    const [, list, param] = m;
    for (const item of await itemsOf(list!.replace("{code}", code))) {
      const value = item[param!] ?? item.code ?? item.receiptNumber ?? item.slug ?? item.id;
      if (typeof value !== "string" && typeof value !== "number") continue;
      const filled = t
        .replace("{code}", code)
        .replace(`{${param}}`, encodeURIComponent(String(value)));
      addresses.push(`${API_PREFIX}${filled}`);
    }
  }
  return addresses;
}

/** Writes `dir` anew as a folder (it must be missing, empty or an earlier export). */
async function prepareFolder(dir: string) {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (entries && entries.length > 0 && !entries.includes(EXPORT_MARK))
    throw new AppError(
      "conflict",
      `書き出し先 ${dir} は空ではなく、以前の書き出しでもありません。空のフォルダか新しいフォルダを指定してください / ` +
        `${dir} is neither empty nor an earlier export: give an empty or a new folder`,
    );
}

/**
 * Exports the public portal of municipality `code` into `outDir`: built beside it and moved into
 * place at the end, so that a web server serving `outDir` never sees half an export.
 */
export async function exportSite(db: Db, code: string, outDir: string): Promise<SiteExport> {
  const started = performance.now();
  const out = path.resolve(outDir);
  await prepareFolder(out);
  // The export's own reading of every file is no download by a person: not counted.
  const app = createApp({ db, countDownloads: false });
  const get = async (url: string) => app.request(url);
  const home = await get(`/${code}/`);
  if (home.status === 404)
    throw new AppError(
      "not_found",
      `団体コード ${code} の団体はありません / no municipality ${code}`,
    );

  const building = `${out}.partial-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const files: ExportedFile[] = [];
  const missing: SiteExport["missing"] = [];
  const byFile = new Map<string, { url: string; body: Uint8Array }>();
  const headers: string[] = [];
  const seen = new Set<string>();
  const queue: { url: string; from: string }[] = [];
  const enqueue = (href: string, from: string) => {
    const url = href.replace(/\?.*$/, "");
    if (!inScope(url, code) || seen.has(url)) return;
    seen.add(url);
    queue.push({ url, from });
  };

  const visit = async ({ url, from }: { url: string; from: string }) => {
    const res = await get(url);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location?.startsWith("/")) {
      // `/082058` leads to `/082058/`: a static server redirects a folder's address likewise.
      await res.body?.cancel();
      enqueue(location, url);
      return;
    }
    if (res.status !== 200) {
      missing.push({ url, status: res.status, from });
      await res.body?.cancel();
      return;
    }
    const type = res.headers.get("content-type") ?? "application/octet-stream";
    const body = new Uint8Array(await res.arrayBuffer());
    const file = fileOf(url, type);
    const clash = byFile.get(file);
    if (clash !== undefined) {
      // `/082058` and `/082058/` are the same page: one file.
      if (Buffer.compare(clash.body, body) === 0) return;
      throw new AppError(
        "conflict",
        `${url} と ${clash.url} が同じファイル ${file} になります / ${url} and ${clash.url} would be the same file ${file}`,
      );
    }
    byFile.set(file, { url, body });
    const target = path.join(building, ...file.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body);
    files.push({ url, file, type, bytes: body.length });
    const disposition = res.headers.get("content-disposition");
    if (!type.startsWith("text/html") && (!SELF_TYPED.test(file) || disposition))
      headers.push(
        `/${file}\n  Content-Type: ${type}${disposition ? `\n  Content-Disposition: ${disposition}` : ""}`,
      );
    if (type.startsWith("text/html"))
      for (const href of linksOf(new TextDecoder().decode(body))) enqueue(href, url);
    // A stylesheet's fonts (`url("/assets/…")`).
    if (type.startsWith("text/css"))
      for (const m of new TextDecoder().decode(body).matchAll(/url\("?(\/(?!\/)[^")]+)"?\)/g))
        enqueue(m[1]!, url);
    // A paged list of the API also as CSV, under the address the server gives it.
    if (url.startsWith(`${API_PREFIX}/municipalities/`) && type.startsWith("application/json")) {
      const text = new TextDecoder().decode(body);
      if (text.startsWith('{"items":[')) enqueue(`${url}.csv`, url);
    }
  };

  try {
    for (const section of SECTIONS) enqueue(`/${code}/${section}`, "(start)");
    for (const a of await apiAddresses(get, code)) enqueue(a, "(OpenAPI)");
    while (queue.length) {
      const batch = queue.splice(0, CONCURRENCY);
      await Promise.all(batch.map(visit));
    }
    await writeFile(path.join(building, "_headers"), `${headers.join("\n")}\n`);
    await writeFile(
      path.join(building, EXPORT_MARK),
      `${JSON.stringify({ municipality: code, exportedAt: new Date().toISOString(), files: files.length })}\n`,
    );
    // Replace the earlier export (checked above) with the new one.
    if (await stat(out).catch(() => null)) await rm(out, { recursive: true, force: true });
    await rename(building, out);
  } catch (e) {
    await rm(building, { recursive: true, force: true });
    throw e;
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { files, missing, ms: Math.round(performance.now() - started) };
}
