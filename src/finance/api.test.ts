import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { withErrorHandling } from "../core/http/error-handler.tsx";
import { financeApi } from "./api.ts";
import type { SoundnessThresholds } from "./thresholds.ts";

type ErrorJson = { error: { code: string; message: string; details: { location: string }[] } };

/** Mounted as src/app.tsx mounts the API, with the application's own error handling. */
function app() {
  const root = new Hono();
  root.route("/api/v1", financeApi());
  return withErrorHandling(root);
}

const get = (query: string) => app().request(`/api/v1/finance/soundness-thresholds?${query}`);

describe("GET /api/v1/finance/soundness-thresholds", () => {
  it("標準財政規模146.7億円の市には、石岡市の計画と同じ12.58%・17.58%を返す", async () => {
    const res = await get("bodyKind=municipality&standardFiscalScale=14670000000");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      realDeficit: { earlyWarning: 12.58, rehabilitation: 20 },
      consolidatedRealDeficit: { earlyWarning: 17.58, rehabilitation: 30 },
      realDebtService: { earlyWarning: 25, rehabilitation: 35, permissionRequired: 18 },
      futureBurden: { earlyWarning: 350, rehabilitation: null },
    });
  });

  it("道府県には3.75%・5%、8.75%・15%、将来負担比率400%を返す", async () => {
    const res = await get("bodyKind=prefecture&standardFiscalScale=220729000000");
    expect(res.status).toBe(200);
    const body = (await res.json()) as SoundnessThresholds;
    expect(body.realDeficit).toEqual({ earlyWarning: 3.75, rehabilitation: 5 });
    expect(body.consolidatedRealDeficit).toEqual({ earlyWarning: 8.75, rehabilitation: 15 });
    expect(body.futureBurden).toEqual({ earlyWarning: 400, rehabilitation: null });
  });

  it("指定都市には将来負担比率400%を返す", async () => {
    const res = await get("bodyKind=designated_city&standardFiscalScale=300000000000");
    expect(res.status).toBe(200);
    expect(((await res.json()) as SoundnessThresholds).futureBurden.earlyWarning).toBe(400);
  });

  it.each([
    ["団体の種類がない", "standardFiscalScale=14670000000", "bodyKind"],
    ["団体の種類が知らない値", "bodyKind=village&standardFiscalScale=14670000000", "bodyKind"],
    ["標準財政規模がない", "bodyKind=municipality", "standardFiscalScale"],
    [
      "標準財政規模が数でない",
      "bodyKind=municipality&standardFiscalScale=abc",
      "standardFiscalScale",
    ],
    ["標準財政規模が0円", "bodyKind=municipality&standardFiscalScale=0", "standardFiscalScale"],
    [
      "標準財政規模に円未満の端数",
      "bodyKind=municipality&standardFiscalScale=1.5",
      "standardFiscalScale",
    ],
    [
      "標準財政規模が安全な整数を超える",
      "bodyKind=municipality&standardFiscalScale=9007199254740993",
      "standardFiscalScale",
    ],
  ])("%sときは400で、そのパラメータを名指しする", async (_sentence, query, parameter) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain(parameter);
    expect(body.error.details.map((d) => d.location)).toContain(parameter);
  });
});
