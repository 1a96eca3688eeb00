/**
 * `shisaku site export` (issue 19): the public portal of a municipality as static files laid out
 * like its addresses. Run as a user runs it, on a copy of the demo data folder (the embedded
 * database, no server); its files are compared byte for byte with what the application answers
 * at the same addresses, and every internal link of the exported pages is followed to a file.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import { fileOf, linksOf } from "../../src/cli/site-export.ts";
import { lockDatabase } from "../../src/core/db/lock.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";
import { cloneTemplate } from "../support/template.ts";

const MC = "082058";

async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

describe("the static export of a municipality's public portal", () => {
  const cli = shisakuOnDemoCopy("site-export");
  let out = "";
  let files = new Set<string>();
  let stdout = "";
  beforeAll(async () => {
    out = path.join(cli.dataDir, "site");
    const r = await cli.run("site", "export", "--municipality", MC, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    stdout = r.stdout;
    files = new Set(await filesUnder(out));
    // Every PDF and workbook of the portal is made anew: minutes on two busy cores.
  }, 600_000);

  it("lays the files out like the addresses", () => {
    expect(stdout).toContain(`団体 ${MC} の公開ポータルを`);
    for (const f of [
      `${MC}/index.html`,
      `${MC}/indicators/index.html`,
      `${MC}/indicators/GZ-2-O1/index.html`,
      `${MC}/indicators.csv`,
      `${MC}/finance/soundness.csv`,
      `${MC}/surveys/index.html`,
      `${MC}/opendata/catalog.jsonld`,
      `api/v1/municipalities/${MC}.json`,
      `api/v1/municipalities/${MC}/indicators.json`,
      `api/v1/municipalities/${MC}/indicators.csv`,
      `api/v1/municipalities/${MC}/indicators/GZ-2-O1.json`,
      "api/v1/openapi.json",
      "assets/style.css",
      "assets/NotoSansJP-Regular.woff2",
      "assets/NotoSansJP-Bold.woff2",
      "_headers",
    ])
      expect(files, f).toContain(f);
    // No staff page, ever.
    expect([...files].filter((f) => f.includes("/manage"))).toEqual([]);
  });

  it("holds the bytes the application answers at the same addresses", async () => {
    const database = await cloneTemplate("pglite");
    try {
      const app = createApp({ db: database.db });
      for (const url of [
        `/${MC}/indicators`,
        `/${MC}/indicators/GZ-2-O1`,
        `/${MC}/finance`,
        `/${MC}/indicators.csv`,
        `/api/v1/municipalities/${MC}/indicators`,
        `/api/v1/municipalities/${MC}/indicators.csv`,
        "/assets/style.css",
      ]) {
        const res = await app.request(url);
        expect(res.status, url).toBe(200);
        const live = Buffer.from(await res.arrayBuffer());
        const file = fileOf(url, res.headers.get("content-type") ?? "");
        const exported = await readFile(path.join(out, file));
        expect(exported.equals(live), `${url} = ${file}`).toBe(true);
      }
    } finally {
      await database.close();
    }
  });

  it("resolves every internal link of its pages to a file, as a static server finds it", async () => {
    // How nginx `try_files $uri $uri/index.html $uri.json` (docs/scale.md) answers an address.
    const resolves = (url: string) => {
      const p = decodeURIComponent(url.replace(/\?.*$/, "")).replace(/^\//, "");
      return [p, `${p}${p === "" || p.endsWith("/") ? "" : "/"}index.html`, `${p}.json`].some((f) =>
        files.has(f),
      );
    };
    const unresolved = new Set<string>();
    let links = 0;
    for (const f of files) {
      if (!f.endsWith(".html")) continue;
      for (const link of linksOf(await readFile(path.join(out, f), "utf8"))) {
        // Staff pages and the forms' answers stay on the server.
        if (/\/manage(\/|$)/.test(link)) continue;
        links++;
        if (!resolves(link)) unresolved.add(link.replace(/\?.*$/, ""));
      }
    }
    expect(links).toBeGreaterThan(500);
    // The finance frame's CSV exists only per table (?table=…): a query a file cannot answer.
    expect([...unresolved]).toEqual([`/${MC}/finance/frame.csv`]);
    expect(stdout).toContain(`/${MC}/finance/frame.csv`);
  });

  it("types the files whose name does not tell their type (_headers)", async () => {
    const headers = await readFile(path.join(out, "_headers"), "utf8");
    const xlsx = [...files].find((f) => f.endsWith("/xlsx"));
    expect(xlsx).toBeDefined();
    expect(headers).toContain(
      `/${xlsx}\n  Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`,
    );
  });

  it("refuses a folder that is neither empty nor an earlier export", async () => {
    const other = path.join(cli.dataDir, "db");
    const refused = await cli.run("site", "export", "--municipality", MC, "--out", other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("空ではなく");
    expect(existsSync(path.join(other, "PG_VERSION"))).toBe(true);
    // An earlier export is recognised by its mark, and replaced by the next one.
    expect(files).toContain(".shisaku-export");
  });

  it("waits for no server: while one holds the embedded database it says so and writes nothing", async () => {
    const release = await lockDatabase(path.join(cli.dataDir, "db"), { holder: "server" });
    try {
      const target = path.join(cli.dataDir, "site-while-served");
      const r = await cli.run("site", "export", "--municipality", MC, "--out", target);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("使用中です");
      expect(existsSync(target)).toBe(false);
    } finally {
      await release();
    }
  });
});
