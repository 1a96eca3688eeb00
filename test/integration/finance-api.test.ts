import { expect, it } from "vitest";
import { readFrameFile } from "../../src/finance/frame-import.ts";
import { NO_INPUTS } from "../../src/finance/projected-soundness.ts";
import { describeEachBackend } from "../support/app.ts";

const FRAME = "data/municipalities/082058/finance/frame.yaml";

describeEachBackend("finance JSON API", (t) => {
  it("answers Ishioka's R2 soundness ratios as reported, with display and statutory lines", async () => {
    const { status, body } = await t.json("/api/v1/municipalities/082058/finance/soundness");
    expect(status).toBe(200);
    const r2 = body.years.find((y: { fiscalYear: number }) => y.fiscalYear === 2020);
    const byKind = Object.fromEntries(r2.ratios.map((r: { kind: string }) => [r.kind, r]));
    expect(byKind.realDebtService).toMatchObject({
      origin: "reported",
      value: 7.8,
      published: 7.8,
      display: "7.8%",
      sample: false,
      earlyWarning: { min: 25, max: 25 },
      rehabilitation: 35,
    });
    expect(byKind.realDeficit).toMatchObject({ display: "\u22125.76%", origin: "reported" });
    expect(byKind.futureBurden.rehabilitation).toBeNull();
  });

  it("answers the frame: stored years with derived figures and each scenario's projection", async () => {
    const { status, body } = await t.json("/api/v1/municipalities/082058/finance/frame");
    expect(status).toBe(200);
    const file = await readFrameFile(FRAME);
    expect(body.years.map((y: { fiscalYear: number }) => y.fiscalYear)).toEqual(
      file.years.map((y) => y.fiscalYear),
    );
    const first = body.years[0];
    const f = file.years[0]!;
    const revenue = Object.values(f.revenue).reduce((a, b) => a + b, 0);
    expect(first.totalRevenue).toBe(revenue);
    expect(first.derived.ownSourceRatio).toBeCloseTo(
      ((f.revenue.cityTax + f.revenue.transfersFromFunds + f.revenue.otherRevenue) / revenue) * 100,
      10,
    );
    expect(first.sample).toBe(f.sample);
    expect(first.source).toBe(f.source);
    expect(body.scenarios.map((s: { name: string }) => s.name)).toEqual(["基本", "慎重"]);
    const last = body.scenarios[0].years.at(-1);
    expect(last.fiscalYear).toBe(file.scenarios.basic.untilFiscalYear);
    expect(last.kind).toBe("projection");
    expect(last.realDebtService).toEqual({ value: null, reason: NO_INPUTS });
  });

  it("shows program costs per measure against the frame, labelled サンプル, and why no projected ratio", async () => {
    const { body } = await t.text("/082058/finance");
    const section = body.split('aria-labelledby="program-shares"')[1]?.split("</section>")[0] ?? "";
    expect(section).toContain("事務事業の費用と財政フレーム（サンプル）");
    expect(section).toMatch(/<td class="num">[\d.]+%<\/td>|フレームにない年度/);
    expect(section).toContain(NO_INPUTS);
  });

  it("says which municipality is unknown", async () => {
    const { status, body } = await t.json("/api/v1/municipalities/999999/finance/frame");
    expect(status).toBe(404);
    expect(body.error.message).toContain("999999");
  });
});
