/**
 * The outbox shows staff what mail the application has prepared — but a letter writer's private
 * status link is for the writer alone: the outbox page says a link was sent and hides it.
 */
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";

describeEachBackend("the outbox and a writer's private link", (t) => {
  it("keeps the status link of a letter out of the staff's outbox page", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({
      subject: "図書館の開館時間について",
      body: "平日の夜も開館してください。",
      category: "childcare",
      kind: "request",
      name: "試験 花子",
      email: "hanako@example.invalid",
      consentPublish: "no",
      consentContact: "yes",
      website: "",
    }))
      body.append(k, v);
    const sent = await t.app.request(
      `/${MC}/letters/new`,
      { method: "POST", headers: { origin: ORIGIN }, body },
      { incoming: { socket: { remoteAddress: "192.0.2.200" } } },
    );
    expect(sent.status).toBe(303);
    const token = /\/letters\/status\/([\w-]+)/.exec(sent.headers.get("location") ?? "")?.[1];
    expect(token).toBeTruthy();

    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const outbox = await (await planner.page(`/${MC}/manage/outbox`)).text();
    expect(outbox).toContain("hanako@example.invalid");
    expect(outbox).toContain("本人用のリンクのため表示しません");
    expect(outbox).not.toContain(token!);
  });
});
