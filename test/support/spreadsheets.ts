/** Uploading, previewing and applying spreadsheets through the staff pages, as a browser would. */
import { expect } from "vitest";
import type { TestContext } from "./app.ts";
import { ORIGIN, type staffOf } from "./staff.ts";

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** Downloads an export of a dataset (query: format, section, drafts, template). */
export async function downloadSheet(s: Staff, mc: string, dataset: string, query: string) {
  const res = await s.page(`/${mc}/manage/spreadsheets/${dataset}/export?${query}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * A request that went on to its job's page (a preview or an apply that took longer than the
 * request waits, as on a busy machine) followed as the page's own refresh would: the job's page
 * is read again until the job is done, and its answer (the preview, or the redirect to the
 * result) is returned as if the request had waited. A test that asks for jobs (the wait set to 0)
 * gets the job's page itself.
 */
async function waitForJob(s: Staff, res: Response): Promise<Response> {
  const location = res.headers.get("location") ?? "";
  if (res.status !== 303 || !/\/manage\/spreadsheets\/jobs\//.test(location)) return res;
  if (process.env.SHISAKU_PREVIEW_WAIT_MS === "0") return res;
  for (;;) {
    const page = await s.page(location);
    if (page.status !== 200) return page;
    const html = await page.text();
    if (!html.includes('http-equiv="refresh"'))
      return new Response(html, { status: page.status, headers: page.headers });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Posts a file to a dataset's upload form (the preview). */
export async function uploadSheet(
  t: TestContext,
  s: Staff,
  mc: string,
  dataset: string,
  bytes: Uint8Array,
  name: string,
  format = "auto",
) {
  const form = new FormData();
  form.set("_csrf", s.csrf);
  form.set("format", format);
  form.set("file", new File([bytes], name));
  const res = await t.get(`/${mc}/manage/spreadsheets/${dataset}/preview`, {
    method: "POST",
    headers: { origin: ORIGIN, cookie: s.cookie },
    body: form,
  });
  return waitForJob(s, res);
}

/** Posts the preview page's confirmation form back, with any further fields (a reason). */
export async function confirmSheet(
  s: Staff,
  mc: string,
  dataset: string,
  html: string,
  more: Record<string, string> = {},
) {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  const res = await s.post(`/${mc}/manage/spreadsheets/${dataset}/apply`, {
    fileName: field("fileName"),
    format: field("format"),
    sha256: field("sha256"),
    digest: field("digest"),
    data: field("data"),
    ...more,
  });
  return waitForJob(s, res);
}

/** The text of a UTF-8 CSV export without its BOM. */
export const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).subarray(3).toString("utf8");
/** UTF-8 bytes with a BOM, as the export writes them. */
export const withBom = (text: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));

/** The text of an HTML page without tags and entities (for comparing messages). */
export const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
