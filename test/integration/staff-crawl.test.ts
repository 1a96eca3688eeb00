/**
 * A crawl of the staff pages as each demo role (issue 17): from the staff home, every link to a
 * staff page is followed (GET, up to a limit per role); none answers 403 — the pages link only to
 * what the role may open — and no page shows an internal id such as 「user:3」.
 */
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const LIMIT = 60;
const ROLES = ["viewer", "editor", "planner", "admin"] as const;

/** The staff links of a page, without fragments, file downloads and the sign-out forms. */
const staffLinks = (html: string) =>
  [...html.matchAll(/href="(\/082058\/manage\/[^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, "&"))
    .filter((href) => !/\.(csv|xlsx|pdf)(\?|$)|\/download|\/attachments\//.test(href));

describeEachBackend("staff pages crawled as each role", (t) => {
  const staff = {} as Record<(typeof ROLES)[number], Awaited<ReturnType<typeof staffOf>>>;
  beforeAll(async () => {
    for (const role of ROLES)
      staff[role] = await staffOf(t, MC, DEMO[role].email, DEMO[role].password);
  });

  it.each(ROLES)(
    "links a %s only to pages they may open, never showing an internal id",
    async (role) => {
      const who = staff[role];
      const seen = new Set<string>([`/${MC}/manage/`]);
      const queue: [string, string][] = [[`/${MC}/manage/`, "(start)"]];
      const forbidden: string[] = [];
      const ids: string[] = [];
      let pages = 0;
      while (queue.length && pages < LIMIT) {
        const [path, from] = queue.shift()!;
        const res = await who.page(path);
        pages++;
        if (res.status === 403) forbidden.push(`${path} (linked from ${from})`);
        if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
        const html = await res.text();
        const id = /user:\d+|token:\d+/.exec(html.replace(/<[^>]+>/g, " "));
        if (id) ids.push(`${path}: ${id[0]}`);
        for (const href of staffLinks(html)) {
          // One page of each kind is enough: the same path with other queries is not crawled.
          const key = href.replace(/\?.*$/, "").replace(/\d{4}-\d{4}|\d+/g, "N");
          if (seen.has(key)) continue;
          seen.add(key);
          queue.push([href, path]);
        }
      }
      expect(forbidden, `links that answer 403 to a ${role}`).toEqual([]);
      expect(ids, `internal ids shown to a ${role}`).toEqual([]);
    },
  );

  it("keeps the header, the staff navigation and a way back on a refusal and a missing page", async () => {
    const editor = staff.editor;
    const refused = await t.get(`/${MC}/manage/audit`, {
      headers: { cookie: editor.cookie, referer: `http://localhost/${MC}/manage/updates?fy=2025` },
    });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toMatch(/<title>エラー：[^<]*監査/);
    expect(html).toContain(`href="/${MC}/"`);
    expect(html).toContain('aria-label="職員用"');
    expect(html).toContain("デモ入力担当（行革推進課）");
    expect(html).toContain(`<a href="/${MC}/manage/updates?fy=2025">前のページに戻る</a>`);
    expect(html).not.toContain('<a href="/">トップページへ戻る</a>');
    // The navigation offers an editor only what an editor may open.
    expect(html).not.toContain(`href="/${MC}/manage/audit"`);

    const missing = await editor.page(`/${MC}/manage/no-such-page`);
    expect(missing.status).toBe(404);
    const page = await missing.text();
    expect(page).toContain('aria-label="職員用"');
    expect(page).toContain(`<a href="/${MC}/manage/">職員用ページに戻る</a>`);
  });
});
