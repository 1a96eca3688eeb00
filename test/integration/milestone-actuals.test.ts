/**
 * A milestone target (「設置」「小学1～6年生21校」) from end to end: a plan that is not Ishioka's
 * (test/fixtures/plans/sample-b, サンプル町B) loaded into the database, staff enter an actual in
 * words with 達成 on the entry form and through the token API, a planner publishes it, and the
 * public indicator page and API show the words and the status 達成.
 */
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { indicatorJson, MC, publishAll, sampleBWithStaff } from "../support/milestones.ts";
import { type staffOf, versionsIn } from "../support/staff.ts";

/** 防災倉庫（サンプル）: target 「設置」 without a year; the plan prints 「なし」 for 2019. */
const DEPOT = "B-1-3";
/** 放課後子ども教室の実施校（サンプル）: target 「小学1～6年生21校」 in 2020. */
const CLASSES = "B-2-1";
const PASSWORD = "milestone-test-password";

type Staff = Awaited<ReturnType<typeof staffOf>>;

describeEachBackend("a milestone target entered and published", (t) => {
  let editor: Staff;
  let planner: Staff;
  let token: string;

  beforeAll(async () => {
    const db = t.database.db;
    ({ editor, planner } = await sampleBWithStaff(t, PASSWORD));
    const kyoiku = "kyoiku@sample-b.invalid";
    await addUser(db, {
      municipality: MC,
      email: kyoiku,
      role: "editor",
      sections: ["kyoiku"],
      password: PASSWORD,
    });
    token = (await createTokenFor(db, MC, { email: kyoiku, label: "連携" }, CLI_ACTOR)).token;
  });

  it("starts as the plan prints it: 「なし」, not achieved", async () => {
    const before = await indicatorJson(t, DEPOT);
    expect(before.statusCode).toBe("in_progress");
    expect(before.target).toMatchObject({ form: "milestone", text: "設置" });
  });

  it("the entry form offers the words and 達成したか, and takes 「設置」 with 達成", async () => {
    const page = await (await editor.page(`/${MC}/manage/indicators/${DEPOT}?fy=2020`)).text();
    expect(page).toContain('<label for="text">文字の実績（任意）</label>');
    expect(page).toContain("達成したか（目標「設置」）");
    const saved = await editor.post(`/${MC}/manage/indicators/${DEPOT}/actuals/2020`, {
      ...versionsIn(page),
      value: "",
      text: "設置",
      done: "true",
      note: "防災倉庫を設置（サンプル）",
    });
    expect(saved.status).toBe(303);
    // A draft until published: the public still sees the plan's 「なし」.
    expect((await indicatorJson(t, DEPOT)).statusCode).toBe("in_progress");
  });

  it("published, the public page and API show 「設置」 and 達成", async () => {
    await publishAll(planner);
    const json = await indicatorJson(t, DEPOT);
    expect(json.statusCode).toBe("achieved");
    expect(json.status).toBe("達成");
    expect(json.statusReason).toBe("目標「設置」に対し「設置」（達成）");
    expect(
      (json.actuals as { fiscalYear: number }[]).find((a) => a.fiscalYear === 2020),
    ).toMatchObject({ value: null, text: "設置", done: true });

    const { status, body: html } = await t.text(`/${MC}/indicators/${DEPOT}`);
    expect(status).toBe(200);
    expect(html).toContain("達成");
    expect(html).toContain("目標「設置」に対し「設置」（達成）");
    expect(html).toContain("防災倉庫を設置（サンプル）");
  });

  it("the token API takes words with 達成 for a milestone, and the published status follows", async () => {
    const put = (body: unknown) =>
      t.get(`/api/v1/municipalities/${MC}/indicators/${CLASSES}/actuals/2020`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const unreadable = await put({ value: null, text: "小学1～6年生21校", done: "たぶん" });
    expect(unreadable.status).toBe(400);
    const res = await put({ value: null, text: "小学1～6年生21校", done: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "draft",
      draft: { value: null, text: "小学1～6年生21校", done: true },
    });
    expect((await indicatorJson(t, CLASSES)).statusCode).toBe("in_progress");

    await publishAll(planner);
    const json = await indicatorJson(t, CLASSES);
    expect(json.statusCode).toBe("achieved");
    expect(json.statusReason).toBe("目標「小学1～6年生21校」に対し「小学1～6年生21校」（達成）");
    const html = (await t.text(`/${MC}/indicators/${CLASSES}`)).body;
    expect(html).toContain("目標「小学1～6年生21校」に対し「小学1～6年生21校」（達成）");
  });
});
