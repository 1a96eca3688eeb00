import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser, disableUser } from "../../src/accounts/actions.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";
import { cookieOf, csrfOf, post, signInWith } from "../support/staff.ts";

describeEachBackend("staff sign-in", (t) => {
  beforeAll(async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    await addUser(t.database.db, {
      municipality: "082058",
      email: "Editor@City.Example",
      role: "editor",
      password: "correct-horse-battery",
      sections: ["gyokaku-suishin"],
    });
    await addUser(t.database.db, {
      municipality: "082015",
      email: "other@city.example",
      role: "admin",
      password: "other-city-password",
    });
  });

  it("signs an editor in with a session cookie and shows who they are", async () => {
    const res = await signInWith(t, "082058", "editor@city.example", "correct-horse-battery");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/082058/manage/");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^shisaku_session=[\w-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/082058/manage");
    const home = await t.get("/082058/manage/", { headers: { cookie: cookieOf(res) } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("editor@city.example さん（入力担当）");
  });

  it("refuses a wrong password with a clear Japanese message", async () => {
    const res = await signInWith(t, "082058", "editor@city.example", "wrong-password");
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("メールアドレスまたはパスワードが正しくありません。");
  });

  it("does not let a person of another municipality in, nor carry a session across", async () => {
    expect(
      (await signInWith(t, "082058", "other@city.example", "other-city-password")).status,
    ).toBe(401);
    const theirs = cookieOf(
      await signInWith(t, "082015", "other@city.example", "other-city-password"),
    );
    const res = await t.get("/082058/manage/", { headers: { cookie: theirs } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/082058/manage/sign-in");
  });

  it("never lets one municipality set the password of another's person", async () => {
    // 082015 adds the 082058 editor to its own staff, with a password of its choosing.
    await expect(
      addUser(t.database.db, {
        municipality: "082015",
        email: "editor@city.example",
        role: "viewer",
        password: "taken-over-password",
      }),
    ).rejects.toThrow("パスワードを指定せずに追加してください");
    expect(
      (await signInWith(t, "082058", "editor@city.example", "taken-over-password")).status,
    ).toBe(401);
    // Without a password the person joins with their own, and no new one is printed.
    const added = await addUser(t.database.db, {
      municipality: "082015",
      email: "editor@city.example",
      role: "viewer",
    });
    expect(added).toMatchObject({ existing: true, password: undefined });
    expect(
      (await signInWith(t, "082015", "editor@city.example", "correct-horse-battery")).status,
    ).toBe(303);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const res = await t.get("/082058/manage/");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/082058/manage/sign-in");
  });

  it("rejects a form without the session's CSRF token, and a cross-site post", async () => {
    const cookie = cookieOf(
      await signInWith(t, "082058", "editor@city.example", "correct-horse-battery"),
    );
    expect((await post(t, "/082058/manage/sign-out", cookie, {})).status).toBe(403);
    const token = await csrfOf(t, "082058", cookie);
    expect(
      (await post(t, "/082058/manage/sign-out", cookie, { _csrf: token }, "https://evil.example"))
        .status,
    ).toBe(403);
    expect((await t.get("/082058/manage/", { headers: { cookie } })).status).toBe(200);
    const out = await post(t, "/082058/manage/sign-out", cookie, { _csrf: token });
    expect(out.status).toBe(303);
    expect((await t.get("/082058/manage/", { headers: { cookie } })).status).toBe(303);
  });

  it("signs out everywhere", async () => {
    const a = cookieOf(
      await signInWith(t, "082058", "editor@city.example", "correct-horse-battery"),
    );
    const b = cookieOf(
      await signInWith(t, "082058", "editor@city.example", "correct-horse-battery"),
    );
    await post(t, "/082058/manage/sign-out-everywhere", a, { _csrf: await csrfOf(t, "082058", a) });
    expect((await t.get("/082058/manage/", { headers: { cookie: b } })).status).toBe(303);
  });

  it("ends a session that has been idle too long", async () => {
    const cookie = cookieOf(
      await signInWith(t, "082058", "editor@city.example", "correct-horse-battery"),
    );
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '3 hours'`);
    expect((await t.get("/082058/manage/", { headers: { cookie } })).status).toBe(303);
  });

  it("a disabled person can no longer sign in, and their sessions end", async () => {
    await addUser(t.database.db, {
      municipality: "082058",
      email: "leaver@city.example",
      role: "viewer",
      password: "leaver-password-1",
    });
    const cookie = cookieOf(
      await signInWith(t, "082058", "leaver@city.example", "leaver-password-1"),
    );
    await disableUser(t.database.db, "082058", "leaver@city.example");
    expect((await t.get("/082058/manage/", { headers: { cookie } })).status).toBe(303);
    expect((await signInWith(t, "082058", "leaver@city.example", "leaver-password-1")).status).toBe(
      401,
    );
  });
});
