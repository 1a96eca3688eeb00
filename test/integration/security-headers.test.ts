/**
 * Security headers on every kind of answer — public page, staff page, sign-in page, API JSON,
 * asset, error page, PDF — and `Cache-Control: no-store` wherever personal data may be; pages
 * carry no inline script or event attribute for the policy to block; asset names are only the
 * real files.
 */
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The headers every answer has, whatever it is. */
function expectSecure(res: Response, what: string) {
  const h = res.headers;
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  if (!h.get("content-type")?.startsWith("application/pdf")) {
    expect(csp, what).toMatch(/(?:^|; )script-src 'self'(?:;|$)/);
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
  }
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toMatch(/^(same-origin|no-referrer)$/);
  // Plain HTTP here: no HSTS (it would be ignored, and must not stick to a local address).
  expect(h.get("strict-transport-security"), what).toBeNull();
}

const noStore = (res: Response) => res.headers.get("cache-control") ?? "";

/** Inline script, event attributes and style attributes outside the charts' SVG. */
function inlineCode(html: string) {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(m[1]!) || m[2]!.trim() !== "") found.push(m[0].slice(0, 80));
  }
  for (const m of html.matchAll(/<[a-z][\w-]*\b[^>]*?\son[a-z]+\s*=/gi)) found.push(m[0]);
  const outsideSvg = html.replace(/<svg\b[\s\S]*?<\/svg>/g, "");
  for (const m of outsideSvg.matchAll(/<[a-z][\w-]*\b[^>]*?\sstyle\s*=/gi)) found.push(m[0]);
  if (/javascript:/i.test(html)) found.push("javascript:");
  return found;
}

describeEachBackend("security headers", (t) => {
  let planner: Staff;
  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });

  it("a public page: the headers, and its own caching", async () => {
    const res = await t.get(`/${MC}/`);
    expect(res.status).toBe(200);
    expectSecure(res, "public page");
    expect(noStore(res)).not.toContain("no-store");
    // From the page cache, the same headers.
    const again = await t.get(`/${MC}/`);
    expect(again.headers.get("x-cache")).toBe("hit");
    expectSecure(again, "cached public page");
  });

  it("HSTS only over https, directly or behind a proxy that says so", async () => {
    const direct = await t.app.request(`https://localhost/${MC}/`);
    expect(direct.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    const proxied = await t.get(`/${MC}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    expect((await t.get(`/${MC}/`)).headers.get("strict-transport-security")).toBeNull();
  });

  it("the sign-in page and staff pages are never stored", async () => {
    for (const i of [1, 2]) {
      const signIn = await t.get(`/${MC}/manage/sign-in`);
      expectSecure(signIn, `sign-in page #${i}`);
      expect(noStore(signIn), `sign-in page #${i}`).toContain("no-store");
    }
    for (const path of [
      `/${MC}/manage/`,
      `/${MC}/manage/indicators/GZ-1-O1`,
      `/${MC}/manage/letters`,
      `/${MC}/manage/spreadsheets`,
      `/${MC}/manage/audit`,
      `/${MC}/manage/tokens`,
    ]) {
      const res = await planner.page(path);
      expect(res.status, path).toBe(200);
      expectSecure(res, path);
      expect(noStore(res), path).toContain("no-store");
    }
    // A download of personal data too.
    const csv = await planner.page(`/${MC}/manage/audit.csv`);
    expect(csv.status).toBe(200);
    expect(noStore(csv)).toContain("no-store");
    // And the redirect of someone not signed in.
    const out = await t.get(`/${MC}/manage/`);
    expect(out.status).toBe(303);
    expect(noStore(out)).toContain("no-store");
  });

  it("a letter's status page: never stored, never referred", async () => {
    const sent = await t.get(`/${MC}/letters/new`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        subject: "公園のベンチ",
        body: "ベンチを増やしてください。",
        category: "roads",
        kind: "proposal",
        name: "筑波 太郎",
        address: "",
        phone: "",
        email: "taro@example.jp",
        consentPublish: "no",
        consentContact: "yes",
        website: "",
      }).toString(),
    });
    expect(sent.status).toBe(303);
    const status = await t.get(sent.headers.get("location")!);
    expect(status.status).toBe(200);
    expectSecure(status, "letter status");
    expect(noStore(status)).toContain("no-store");
    expect(status.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("the API: JSON with the headers; answers to a token never stored", async () => {
    const list = await t.get(`/api/v1/municipalities/${MC}/indicators`);
    expect(list.status).toBe(200);
    expectSecure(list, "API list");
    expect(noStore(list)).not.toContain("no-store");

    const { token } = await createTokenFor(
      t.database.db,
      MC,
      { email: DEMO.editor.email, label: "見出し" },
      CLI_ACTOR,
    );
    const put = await t.get(`/api/v1/municipalities/${MC}/indicators/GZ-1-O1/actuals/2024`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ value: 12 }),
    });
    expect(put.status).toBe(200);
    expectSecure(put, "API PUT");
    expect(noStore(put)).toContain("no-store");

    const missing = await t.get(`/api/v1/municipalities/${MC}/indicators/NONE`);
    expect(missing.status).toBe(404);
    expectSecure(missing, "API 404");
  });

  it("assets and error pages", async () => {
    const html = await (await t.get(`/${MC}/`)).text();
    const href = /\/assets\/style\.css\?v=[0-9a-f]+/.exec(html)![0];
    const css = await t.get(href);
    expect(css.status).toBe(200);
    expectSecure(css, "asset");
    expect(css.headers.get("cache-control")).toContain("immutable");

    const missing = await t.get(`/${MC}/no-such-page`);
    expect(missing.status).toBe(404);
    expectSecure(missing, "404 page");
  });

  it("a PDF keeps only the ban on framing, so that the browser's viewer can show it", async () => {
    const page = await (await t.get(`/${MC}/programs`)).text();
    const program = /href="(\/082058\/programs\/[^"/?]+)"/.exec(page)![1]!;
    const sheet = /href="([^"]+\/sheet-\d{4}\.pdf)"/.exec(await (await t.get(program)).text());
    expect(sheet).not.toBeNull();
    const pdf = await t.get(sheet![1]!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
    expectSecure(pdf, "PDF");
  });

  it("no page has inline script, event attributes or style attributes of its own", async () => {
    const publicPaths = [
      "/",
      `/${MC}/`,
      `/${MC}/indicators`,
      `/${MC}/indicators/GZ-1-O1`,
      `/${MC}/programs`,
      `/${MC}/finance`,
      `/${MC}/letters`,
      `/${MC}/letters/new`,
      `/${MC}/meetings`,
      `/${MC}/manage/sign-in`,
      `/${MC}/no-such-page`,
    ];
    // Every page the staff home links to, and a form.
    const home = await (await planner.page(`/${MC}/manage/`)).text();
    const staffPaths = [
      `/${MC}/manage/`,
      `/${MC}/manage/indicators/GZ-1-O1`,
      ...new Set([...home.matchAll(/href="(\/082058\/manage\/[^"?#.]+)"/g)].map((m) => m[1]!)),
    ];
    expect(staffPaths.length).toBeGreaterThan(8);
    const pages = [
      ...(await Promise.all(publicPaths.map(async (p) => [p, await t.get(p)] as const))),
      ...(await Promise.all(staffPaths.map(async (p) => [p, await planner.page(p)] as const))),
    ];
    // The scan itself finds what it looks for.
    expect(
      inlineCode(
        '<script>x()</script><script src="/a.js"></script><button onclick="x()"><p style="color:red">',
      ),
    ).toHaveLength(3);
    let charts = 0;
    let scripts = 0;
    for (const [path, res] of pages) {
      expect(res.status === 200 || path.includes("no-such"), `${path}: ${res.status}`).toBe(true);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      const html = await res.text();
      if (html.includes("<svg")) charts++;
      scripts += (html.match(/<script /g) ?? []).length;
      expect(inlineCode(html), path).toEqual([]);
    }
    expect(charts).toBeGreaterThan(0); // the charts' SVG was among them
    expect(scripts).toBeGreaterThan(0); // and the filter script, as a file
  });

  it("asset names are only the real files, never what every object inherits", async () => {
    for (const name of [
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "isPrototypeOf",
      "__defineGetter__",
      "nope.js",
    ]) {
      const res = await t.get(`/assets/${name}`);
      expect(res.status, name).toBe(404);
      expectSecure(res, name);
    }
    expect((await t.get("/assets/filters.js")).status).toBe(200);
  });
});
