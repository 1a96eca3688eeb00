import { expect, it } from "vitest";
import { IndicatorJson } from "../../src/indicators/api.ts";
import { describeEachBackend } from "../support/app.ts";

describeEachBackend("JSON API", (t) => {
  it("answers the health check once the database is usable", async () => {
    expect(await t.json("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("lists municipalities in the {items, total} envelope", async () => {
    const { response, data } = await t.api.GET("/municipalities");
    expect(response.status).toBe(200);
    expect(data?.total).toBe(1);
    expect(data?.items[0]).toMatchObject({
      code: "082058",
      name: "石岡市",
      prefecture: "茨城県",
      bodyKind: "city",
    });
  });

  it("gives a municipality with its section registry", async () => {
    const { data } = await t.api.GET("/municipalities/{code}", {
      params: { path: { code: "082058" } },
    });
    const names = data!.sections.map((s) => s.name);
    expect(names).toContain("行革推進課");
    expect(data!.sections.find((s) => s.code === "zencho")).toMatchObject({
      name: "全庁",
      kind: "group",
    });
  });

  it("gives the plan with its node tree: one policy, six measures, their initiatives", async () => {
    const { body } = await t.json("/api/v1/municipalities/082058/plans");
    expect(body.total).toBe(1);
    const root = body.items[0].root;
    expect(root).toMatchObject({ kind: "policy", title: "チャレンジする市役所" });
    expect(root.children.map((m: { number: number }) => m.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(root.children.map((m: { children: unknown[] }) => m.children.length)).toEqual([
      6, 4, 3, 2, 5, 6,
    ]);
  });

  it("lists initiatives with measure, sections and the challenge flag", async () => {
    const { body } = await t.json("/api/v1/municipalities/082058/initiatives?limit=1000");
    expect(body.total).toBe(26);
    const system = body.items.find((i: { name: string }) =>
      i.name.startsWith("総合計画・行政資産・実施事業が連動する"),
    );
    expect(system).toMatchObject({ measureCode: "GZ-2", challenge: true });
    expect(system.sections.map((s: { name: string }) => s.name)).toEqual([
      "政策企画課",
      "行革推進課",
      "財政課",
    ]);
  });

  it("pages lists with limit and offset", async () => {
    const indicators = (query: { limit: number; offset?: number }) =>
      t.api.GET("/municipalities/{code}/indicators", {
        params: { path: { code: "082058" }, query },
      });
    const all = (await indicators({ limit: 1000 })).data!;
    const page = (await indicators({ limit: 5, offset: 5 })).data!;
    expect(page.total).toBe(all.total);
    expect(page.items.map((i) => i.code)).toEqual(all.items.slice(5, 10).map((i) => i.code));
  });

  it("describes an indicator with baseline, target, actuals, achievement and status", async () => {
    const { status, body } = await t.json("/api/v1/municipalities/082058/indicators/GZ-2-O1");
    expect(status).toBe(200);
    expect(IndicatorJson.parse(body)).toBeTruthy();
    expect(body).toMatchObject({
      code: "GZ-2-O1",
      name: "実質赤字比率",
      kind: "outcome",
      unit: "%",
      baseline: { value: -5.76, fiscalYear: 2020 },
      target: { form: "below", value: 12.58, fiscalYear: 2031, text: "12.58%未満" },
      nodeCode: "GZ-2",
      actuals: [{ fiscalYear: 2020, value: -5.76, origin: "reported" }],
      status: "達成",
    });
  });

  it("filters indicators as the registry page does", async () => {
    const { body } = await t.json(
      "/api/v1/municipalities/082058/indicators?measure=GZ-5&kind=reference",
    );
    expect(body.items.map((i: { code: string }) => i.code)).toEqual([
      "GZ-5-R1",
      "GZ-5-R2",
      "GZ-5-R3",
      "GZ-5-R4",
      "GZ-5-R5",
    ]);
  });

  it("answers an unknown municipality or indicator with 404 and a JSON error", async () => {
    const m = await t.api.GET("/municipalities/{code}/indicators", {
      params: { path: { code: "131016" } },
    });
    expect(m.response.status).toBe(404);
    expect(m.error?.error.code).toBe("not_found");
    const i = await t.api.GET("/municipalities/{code}/indicators/{indicatorCode}", {
      params: { path: { code: "082058", indicatorCode: "NOPE" } },
    });
    expect(i.response.status).toBe(404);
    expect(i.error?.error.message).toContain("NOPE");
  });

  it("answers a bad query parameter with 400 naming it", async () => {
    for (const [query, name] of [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["offset=-1", "offset"],
      ["status=great", "status"],
      ["kind=x", "kind"],
    ]) {
      const res = await t.json(`/api/v1/municipalities/082058/indicators?${query}`);
      expect(res.status, query).toBe(400);
      expect(
        res.body.error.details.map((d: { location: string }) => d.location),
        query,
      ).toContain(name);
    }
  });

  it("serves an OpenAPI 3.1 document of every endpoint", async () => {
    const { body } = await t.json("/api/v1/openapi.json");
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).sort()).toEqual([
      "/finance/soundness-thresholds",
      "/municipalities",
      "/municipalities/{code}",
      "/municipalities/{code}/finance/frame",
      "/municipalities/{code}/finance/soundness",
      "/municipalities/{code}/indicators",
      "/municipalities/{code}/indicators/{indicatorCode}",
      "/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}",
      "/municipalities/{code}/initiatives",
      "/municipalities/{code}/letters",
      "/municipalities/{code}/letters/{receiptNumber}",
      "/municipalities/{code}/meetings",
      "/municipalities/{code}/meetings/{meetingId}",
      "/municipalities/{code}/plans",
      "/municipalities/{code}/programs",
      "/municipalities/{code}/programs/{programCode}",
      "/municipalities/{code}/programs/{programCode}/budget-requests/{fiscalYear}",
      "/municipalities/{code}/programs/{programCode}/evaluations/{fiscalYear}",
      "/municipalities/{code}/programs/{programCode}/evaluations/{fiscalYear}/transitions",
      "/municipalities/{code}/programs/{programCode}/years/{fiscalYear}",
      "/municipalities/{code}/registries",
      "/municipalities/{code}/registries/{registry}",
      "/municipalities/{code}/surveys",
      "/municipalities/{code}/surveys/{survey}/results",
      "/shared-indicators",
      "/shared-indicators/{code}/values",
    ]);
    expect(body.components.schemas.Indicator.required).toEqual(
      expect.arrayContaining([
        "code",
        "name",
        "kind",
        "unit",
        "challenge",
        "baseline",
        "target",
        "actuals",
        "achievement",
        "status",
        "nodeCode",
        "sections",
      ]),
    );
  });

  it("answers the statutory soundness thresholds for Ishioka's size as the plan prints them", async () => {
    const { status, body } = await t.json(
      "/api/v1/finance/soundness-thresholds?bodyKind=municipality&standardFiscalScale=14670000000",
    );
    expect(status).toBe(200);
    expect(body.realDeficit).toEqual({ earlyWarning: 12.58, rehabilitation: 20 });
    expect(body.consolidatedRealDeficit.earlyWarning).toBe(17.58);
    expect(body.futureBurden).toEqual({ earlyWarning: 350, rehabilitation: null });
    const bad = await t.json("/api/v1/finance/soundness-thresholds?bodyKind=village");
    expect(bad.status).toBe(400);
  });

  it("validates every indicator in the list against the documented schema", async () => {
    const { body } = await t.json("/api/v1/municipalities/082058/indicators?limit=1000");
    for (const item of body.items) expect(() => IndicatorJson.parse(item)).not.toThrow();
  });
});
