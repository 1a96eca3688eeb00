/** Acting as staff through app.request(): sign in, read the CSRF token, post forms. */
import type { TestContext } from "./app.ts";

export const ORIGIN = "http://localhost";

export const DEMO = {
  admin: { email: "admin@demo.invalid", password: "demo-admin-082058" },
  planner: { email: "planner@demo.invalid", password: "demo-planner-082058" },
  editor: { email: "editor@demo.invalid", password: "demo-editor-082058" },
  viewer: { email: "viewer@demo.invalid", password: "demo-viewer-082058" },
} as const;

export function signInWith(t: TestContext, code: string, email: string, password: string) {
  return t.get(`/${code}/manage/sign-in`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

export const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0] ?? "";

export function post(
  t: TestContext,
  path: string,
  cookie: string,
  form: Record<string, string> | URLSearchParams,
  origin = ORIGIN,
) {
  return t.get(path, {
    method: "POST",
    headers: { origin, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

export const csrfOf = async (t: TestContext, code: string, cookie: string) => {
  const html = await (await t.get(`/${code}/manage/`, { headers: { cookie } })).text();
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
};

/** A signed-in staff member: their cookie, CSRF token and helpers bound to them. */
export async function staffOf(t: TestContext, code: string, email: string, password: string) {
  const res = await signInWith(t, code, email, password);
  if (res.status !== 303) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  const cookie = cookieOf(res);
  const csrf = await csrfOf(t, code, cookie);
  return {
    cookie,
    csrf,
    page: (path: string) => t.get(path, { headers: { cookie } }),
    post: (path: string, form: Record<string, string> | URLSearchParams) => {
      const body = new URLSearchParams(form);
      if (!body.has("_csrf")) body.set("_csrf", csrf);
      return post(t, path, cookie, body);
    },
  };
}

/** The hidden version fields of the entry form on a staff page. */
export function versionsIn(html: string) {
  const published = /name="publishedVersion" value="(\d+)"/.exec(html)?.[1];
  const draft = /name="draftVersion" value="(\d+)"/.exec(html)?.[1];
  if (published === undefined || draft === undefined) throw new Error("no entry form");
  return { publishedVersion: published, draftVersion: draft };
}

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** Every field of an edit form as it is shown (text inputs, text areas, checked boxes, selects). */
export function formOf(html: string) {
  const form = new URLSearchParams();
  // The page's own first form, not the header's (サインアウト).
  const start = html.indexOf("<form", Math.max(0, html.indexOf("<main")));
  const main = html.slice(start, html.indexOf("</form>", start));
  for (const m of main.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? "on";
    if (!name || name === "_csrf") continue;
    if (/type="checkbox"/.test(attrs) && !/checked/.test(attrs)) continue;
    form.append(name, unescapeHtml(value));
  }
  for (const m of main.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    form.append(m[1]!, unescapeHtml(m[2]!));
  for (const m of main.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    form.append(m[1]!, /<option value="([^"]+)" selected/.exec(m[2]!)?.[1] ?? "");
  return form;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Opens an edit page, changes some fields and posts it. */
export async function edit(s: Staff, page: string, changes: Record<string, string | string[]>) {
  const form = formOf(await (await s.page(page)).text());
  for (const [name, value] of Object.entries(changes)) {
    form.delete(name);
    for (const v of ([] as string[]).concat(value)) form.append(name, v);
  }
  return s.post(page, form);
}

/** The demo's planner and editor of `code` (082058), signed in side by side. */
export async function demoPlannerAndEditor(t: TestContext, code = "082058") {
  const [planner, editor] = await Promise.all([
    staffOf(t, code, DEMO.planner.email, DEMO.planner.password),
    staffOf(t, code, DEMO.editor.email, DEMO.editor.password),
  ]);
  return { planner, editor };
}
