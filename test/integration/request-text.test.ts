/**
 * NUL and lone surrogates — text PostgreSQL cannot keep — and percent-encoding that is not
 * UTF-8 are answered 400 naming the field, wherever they come: a JSON body, a path parameter, a
 * filter of a public or a staff page, a form, a file name.
 */
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const OWN = "GZ-1-O1";
const ACTUAL = `/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/2024`;

type ApiError = { error: { code: string; message: string; details: { location: string }[] } };

describeEachBackend("text the database cannot keep", (t) => {
  let token: string;
  let planner: Awaited<ReturnType<typeof staffOf>>;
  beforeAll(async () => {
    token = (
      await createTokenFor(
        t.database.db,
        MC,
        { email: DEMO.editor.email, label: "文字" },
        CLI_ACTOR,
      )
    ).token;
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });

  const put = (body: string) =>
    t.get(ACTUAL, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    });

  /** A 400 as JSON, naming the field. */
  async function expectApi400(res: Response, location: string, what = "NUL") {
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toBe(`${location} に使えない文字（${what}）が含まれています`);
    expect(body.error.details.map((d) => d.location)).toEqual([location]);
  }

  /** A 400 as a Japanese HTML page, naming the field. */
  async function expectPage400(res: Response, field: string, problem = "使えない文字（NUL）") {
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain(`${field} に${problem}`);
  }

  it("the token API's note: NUL and a lone surrogate", async () => {
    await expectApi400(await put(JSON.stringify({ value: 1, note: "a\u0000b" })), "note");
    await expectApi400(
      await put('{"value": 1, "note": "\\ud800"}'),
      "note",
      "対になっていないサロゲート",
    );
    await expectApi400(
      await put('{"value": 1, "reason": "x\\udc00y"}'),
      "reason",
      "対になっていないサロゲート",
    );
    // Deep in the body and in a key, too.
    await expectApi400(await put(JSON.stringify({ value: 1, x: [{ y: "\u0000" }] })), "x[0].y");
    await expectApi400(await put(JSON.stringify({ value: 1, "k\u0000": 1 })), "k\\0");
    // A pair of surrogates is one character, and fine.
    const emoji = await put(JSON.stringify({ value: 1, note: "😀" }));
    expect(emoji.status).toBe(200);
  });

  it("a body that is not JSON is a 400 in the API's shape", async () => {
    const res = await put('{"value": 1,');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error.code).toBe("bad_request");
  });

  it("%00 in an indicator code, on the page and in the API", async () => {
    await expectPage400(await t.get(`/${MC}/indicators/%00`), "indicatorCode");
    await expectApi400(
      await t.get(`/api/v1/municipalities/${MC}/indicators/GZ%00`),
      "indicatorCode",
    );
    await expectApi400(
      await t.get(`/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/2024%00`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ value: 1 }),
      }),
      "fiscalYear",
    );
  });

  it("the letters filters, public and staff", async () => {
    await expectPage400(await t.get(`/${MC}/letters?node=%00`), "node");
    await expectPage400(await t.get(`/${MC}/letters?category=a%00b&fy=2024`), "category");
    await expectPage400(await planner.page(`/${MC}/manage/letters?section=%00`), "section");
  });

  it("the audit trail's filters, on the page and in its CSV", async () => {
    await expectPage400(await planner.page(`/${MC}/manage/audit?actor=%00`), "actor");
    await expectPage400(await planner.page(`/${MC}/manage/audit.csv?record=x%00`), "record");
  });

  it("percent-encoding that is not UTF-8, in a query and in a path", async () => {
    const problem = "% による符号化が正しくありません";
    // A lone surrogate cannot be UTF-8: its three bytes are refused like any broken sequence.
    await expectPage400(await t.get(`/${MC}/letters?node=%ED%A0%80`), "node", problem);
    await expectPage400(await t.get(`/${MC}/indicators?kind=%E3%81`), "kind", problem);
    await expectPage400(await t.get(`/${MC}/indicators/GZ-1-O1%FF`), "indicatorCode", problem);
    // A key with NUL is named as it can be shown.
    await expectPage400(await t.get(`/${MC}/indicators?k%00=1`), "k\\0");
  });

  it("forms: sign-in, a staff form, a file name, the letter form", async () => {
    const signIn = await t.get(`/${MC}/manage/sign-in`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: "email=admin%00%40demo.invalid&password=x",
    });
    await expectPage400(signIn, "email");

    const note = await planner.post(`/${MC}/manage/indicators/${OWN}/actuals/2024`, {
      value: "1",
      note: "a\u0000b",
    });
    await expectPage400(note, "note");

    const form = new FormData();
    form.set("_csrf", planner.csrf);
    form.set("format", "csv");
    form.set("file", new File(["a,b\n"], "a\u0000.csv"));
    const upload = await t.get(`/${MC}/manage/spreadsheets/actuals/preview`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie: planner.cookie },
      body: form,
    });
    await expectPage400(upload, "file（ファイル名）");

    const letter = await t.get(`/${MC}/letters/new`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ subject: "件名", body: "本文\u0000" }).toString(),
    });
    await expectPage400(letter, "body");
  });

  it("ordinary text still passes", async () => {
    expect((await t.get(`/${MC}/letters?node=%E6%96%BD%E7%AD%96`)).status).toBe(200);
    expect((await t.get(`/${MC}/indicators?kind=outcome&q=a+b%20c`)).status).toBe(200);
    expect((await t.get(`/${MC}/indicators/${OWN}`)).status).toBe(200);
  });
});
