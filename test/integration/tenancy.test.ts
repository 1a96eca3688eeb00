import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";

const SECOND = path.resolve("test/fixtures/second-municipality");

describeEachBackend("two municipalities in one deployment", (t) => {
  beforeAll(async () => {
    await importPlans(t.database.db, SECOND);
  });

  it("lists both municipalities", async () => {
    const { body } = await t.json("/api/v1/municipalities");
    expect(body.items.map((m: { code: string }) => m.code)).toEqual(["082015", "082058"]);
  });

  it("keeps an indicator code of one municipality apart from the same code in another", async () => {
    const ishioka = await t.json("/api/v1/municipalities/082058/indicators/GZ-1-O1");
    const other = await t.json("/api/v1/municipalities/082015/indicators/GZ-1-O1");
    expect(ishioka.body.name).toBe("仕事にやりがいを持つ市職員の割合");
    expect(other.body.name).toBe("同じコードを持つ別団体の指標（サンプル）");
  });

  it("never shows one municipality's data on the other's pages or API", async () => {
    const paths = [
      "/082058/",
      "/082058/indicators",
      "/082058/indicators.csv",
      "/082058/plans/gyozaisei-taiko",
      "/082058/measures/GZ-1",
      "/082058/indicators/GZ-1-O1",
      "/api/v1/municipalities/082058",
      "/api/v1/municipalities/082058/plans",
      "/api/v1/municipalities/082058/initiatives",
      "/api/v1/municipalities/082058/indicators?limit=1000",
    ];
    for (const p of paths) {
      const { status, body } = await t.text(p);
      expect(status, p).toBe(200);
      expect(body, p).not.toContain("サンプル政策指標");
      expect(body, p).not.toContain("同じコードを持つ別団体");
      expect(body, p).not.toContain("総務課（サンプル）");
      expect(body, p).not.toContain("SP-1-01");
    }
  });

  it("does not reach another municipality's plan or measure through its own code", async () => {
    expect((await t.get("/082058/plans/sample-plan")).status).toBe(404);
    expect((await t.get("/082058/measures/SP-1")).status).toBe(404);
    expect((await t.get("/api/v1/municipalities/082058/indicators/SP-P1")).status).toBe(404);
    expect((await t.get("/082015/measures/GZ-2")).status).toBe(404);
  });
});
