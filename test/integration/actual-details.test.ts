/**
 * What an actual says besides its number, entered by staff: the 時点 (「令和6年9月30日現在」, 和暦
 * accepted) and 見込, on the entry form and through the token API, published with the value and
 * shown beside it on the public page and in the public API. Words and 達成したか belong to
 * milestone targets only: a numeric indicator refuses them, naming the field.
 */
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf, versionsIn } from "../support/staff.ts";

const MC = "082058";
/** 仕事にやりがいを持つ市職員の割合: the demo editor's section reports it. */
const OWN = "GZ-1-O1";
const FY = 2024;

type Staff = Awaited<ReturnType<typeof staffOf>>;

describeEachBackend("the 時点 and 見込 of an actual", (t) => {
  let editor: Staff;
  let planner: Staff;
  let token: string;

  beforeAll(async () => {
    [editor, planner] = await Promise.all([
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
    ]);
    token = (
      await createTokenFor(
        t.database.db,
        MC,
        { email: DEMO.editor.email, label: "連携" },
        CLI_ACTOR,
      )
    ).token;
  });

  const enter = async (code: string, form: Record<string, string>) => {
    const page = await (await editor.page(`/${MC}/manage/indicators/${code}?fy=${FY}`)).text();
    return editor.post(`/${MC}/manage/indicators/${code}/actuals/${FY}`, {
      ...versionsIn(page),
      ...form,
    });
  };
  const put = (body: unknown) =>
    t.get(`/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/${FY}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it("the form reads a 和暦 時点 and 見込, and names a date that does not exist", async () => {
    const wrong = await enter(OWN, { value: "60", asOf: "令和6年2月30日", note: "" });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("エラー：");
    expect(html).toContain("時点: 存在しない日付です（「令和6年2月30日」）");
    expect(html).toContain('value="令和6年2月30日"');

    const saved = await enter(OWN, {
      value: "60",
      asOf: "令和6年9月30日",
      estimate: "true",
      note: "9月末の集計",
    });
    expect(saved.status).toBe(303);
    const staffView = await (await editor.page(`/${MC}/manage/indicators/${OWN}?fy=${FY}`)).text();
    expect(staffView).toContain("令和6年9月30日現在・見込");
  });

  it("words in a numeric indicator's value stay an error", async () => {
    const res = await enter(OWN, { value: "abc", note: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("数値として読めません: 「abc」");
  });

  it("a planner publishes them with the value; the public page and API show them beside it", async () => {
    const page = await (await planner.page(`/${MC}/manage/publish`)).text();
    const form = new URLSearchParams();
    for (const m of page.matchAll(/name="draft" value="(\d+:\d+)"/g)) form.append("draft", m[1]!);
    expect((await planner.post(`/${MC}/manage/publish`, form)).status).toBe(303);

    const html = (await t.text(`/${MC}/indicators/${OWN}`)).body;
    expect(html).toContain("令和6年9月30日現在・見込");
    const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${OWN}`);
    expect(
      (body.actuals as { fiscalYear: number }[]).find((a) => a.fiscalYear === FY),
    ).toMatchObject({ value: 60, asOf: "2024-09-30", estimate: true, note: "9月末の集計" });
  });

  it("the token API takes the 時点 and 見込 too, and refuses words and 達成 for a numeric indicator", async () => {
    const res = await put({
      value: 61,
      asOf: "R6.9.30",
      estimate: false,
      note: "確定値",
      reason: "見込から確定値へ",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "draft",
      draft: { value: 61, asOf: "2024-09-30", estimate: false, text: null, done: null },
    });

    const words = await put({ value: null, text: "策定" });
    expect(words.status).toBe(400);
    const wordsBody = (await words.json()) as { error: { details: { location: string }[] } };
    expect(wordsBody.error.details.map((d) => d.location)).toContain("text");

    const done = await put({ value: 61, done: true });
    expect(done.status).toBe(400);
    const doneBody = (await done.json()) as { error: { details: { location: string }[] } };
    expect(doneBody.error.details.map((d) => d.location)).toContain("done");
  });
});
