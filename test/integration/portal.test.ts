import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import YAML from "yaml";
import type { PlanFile } from "../../src/plan/plan-file.ts";
import { describeEachBackend } from "../support/app.ts";

/** The visible text of a page: tags dropped, entities decoded, whitespace folded. */
function visibleText(html: string) {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
const fold = (s: string) => s.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();

/** Every piece of printed text of a measure or policy, as the plan file holds it. */
function printedTexts(node: PlanFile["measures"][number] | PlanFile["policy"]): string[] {
  const out = [node.title, ...(node.summary?.split("\n") ?? [])];
  for (const b of node.blocks) {
    if (b.title) out.push(b.title);
    if ("paragraphs" in b) out.push(...b.paragraphs);
    if ("items" in b) out.push(...b.items);
    if ("plans" in b) out.push(...b.plans.map((p) => p.name));
    if ("rows" in b) out.push(...b.columns, ...b.rows.flat());
  }
  for (const ind of node.indicators) out.push(ind.name, ind.baseline.text, ind.target.text);
  if ("initiatives" in node) for (const i of node.initiatives) out.push(i.title, i.description);
  return out
    .flatMap((s) => s.split("\n"))
    .map(fold)
    .filter(Boolean);
}

describeEachBackend("public portal", (t) => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = YAML.parse(
      await readFile("data/municipalities/082058/plans/gyozaisei-taiko.yaml", "utf8"),
    );
  });

  it("lists the municipality on the front page", async () => {
    const { status, body } = await t.text("/");
    expect(status).toBe(200);
    expect(body.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(visibleText(body)).toContain("石岡市");
  });

  it("shows the policy, its indicator and the six measures as cards on the home page", async () => {
    const text = visibleText((await t.text("/082058/")).body);
    expect(text).toContain(
      "市役所が、常に改善・改革に取り組むチャレンジ精神を持っていると感じる市民の割合",
    );
    for (const m of plan.measures) expect(text).toContain(`基本施策${m.number} ${m.title}`);
    expect(text.match(/重点/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("prints everything the plan says about each measure on its page", async () => {
    for (const m of plan.measures) {
      const { status, body } = await t.text(`/082058/measures/${m.code}`);
      expect(status, m.code).toBe(200);
      const text = fold(visibleText(body));
      const missing = printedTexts(m).filter((s) => !text.includes(s));
      expect(missing, m.code).toEqual([]);
    }
  });

  it("prints the policy's own text on the plan page", async () => {
    const text = fold(visibleText((await t.text("/082058/plans/gyozaisei-taiko")).body));
    expect(printedTexts(plan.policy).filter((s) => !text.includes(s))).toEqual([]);
  });

  it("labels challenge initiatives in text, not by colour alone", async () => {
    const html = (await t.text("/082058/measures/GZ-2")).body;
    expect(visibleText(html)).toContain("4 の取組のうち、チャレンジする取組は 3 です");
    expect(html.match(/<span class="badge challenge">チャレンジ<\/span>/g)?.length).toBe(3);
  });

  it("shows the soundness ratios of 基本施策2 with their 令和2年度 values and targets", async () => {
    const text = visibleText((await t.text("/082058/measures/GZ-2")).body);
    for (const [name, now, target] of [
      ["実質赤字比率", "-5.76%", "12.58%未満"],
      ["連結実質赤字比率", "-14.06%", "17.58%未満"],
      ["実質公債費比率", "7.8%", "25.0%未満"],
      ["将来負担比率", "33.3%", "18.0%未満"],
    ]) {
      const escaped = [name, now, target].map((s) => s!.replace(/[.%]/g, "\\$&"));
      expect(text).toMatch(
        new RegExp(
          `${escaped[0]}\\s*GZ-2-O\\d\\s*${escaped[1]}\\s*（令和2年度）\\s*${escaped[2]}\\s*（令和13年度）`,
        ),
      );
    }
  });

  it("filters the registry by kind, measure, keyword and status", async () => {
    const rows = async (query: string) => {
      const html = (await t.text(`/082058/indicators?${query}`)).body;
      return [...html.matchAll(/<span class="muted">(GZ-[^<]+)<\/span>/g)].map((m) => m[1]);
    };
    expect(await rows("")).toHaveLength(23);
    expect(await rows("kind=outcome")).toHaveLength(9);
    expect(await rows("measure=GZ-4")).toEqual(["GZ-4-O1", "GZ-4-R1", "GZ-4-R2"]);
    expect(await rows("q=%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9")).toEqual(["GZ-6-R1", "GZ-6-R2"]);
    expect(await rows("status=not_assessable")).toEqual(["GZ-3-R1", "GZ-6-R3", "GZ-P1"]);
    expect(await rows("challenge=true")).toEqual([]);
    expect(await rows("measure=&kind=&status=")).toHaveLength(23);
  });

  it("rejects a bad filter with a page that names it", async () => {
    const { status, body } = await t.text("/082058/indicators?kind=goal");
    expect(status).toBe(400);
    expect(visibleText(body)).toContain("kind");
  });

  it("downloads the filtered registry as CSV with a BOM, and as Shift_JIS on request", async () => {
    const res = await t.get("/082058/indicators.csv?measure=GZ-2");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^コード,指標名,種類,計画,基本施策/);
    expect(lines[1]).toContain("GZ-2-O1,実質赤字比率,成果指標");

    const sjis = await t.get("/082058/indicators.csv?measure=GZ-2&encoding=sjis");
    expect(sjis.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const decoded = iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932");
    expect(decoded.trim().split("\r\n")).toEqual(lines);
  });

  it("shows an indicator's definition, values by fiscal year, chart and where it appears", async () => {
    const { body } = await t.text("/082058/indicators/GZ-5-R1");
    const text = visibleText(body);
    expect(text).toContain(
      "DX推進に向けた多面的なアプローチでのデジタル人材育成のための研修会の開催数(累計)",
    );
    expect(text).toContain("令和2年度（2020）");
    expect(text).toContain("令和7年度（2025）");
    expect(body).toMatch(/<svg role="img" aria-labelledby="chart-values-title chart-values-desc"/);
    expect(body).toContain(
      '<desc id="chart-values-desc">基準値は令和2年度に2回。目標は令和7年度に10回。',
    );
    expect(text).toContain("基本施策5 デジタル化の推進・自治体DXの挑戦");
    // 「開催数(累計)」: the value entered is the running total, compared as entered.
    expect(text).toContain("累計（入力する値がその時点までの累計）");
    expect(text).toContain("開催を始めてからの累計回数");
  });

  it("leads /{code}/manage to the staff home /{code}/manage/", async () => {
    const res = await t.get("/082058/manage");
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("/082058/manage/");
    expect((await t.get("/131016/manage")).status).toBe(404);
  });

  it("explains the achievement rate as progress from the baseline to the target", async () => {
    const { body } = await t.json("/api/v1/municipalities/082058/indicators?limit=100");
    const withRate = body.items.filter(
      (i: { achievement: number | null }) => i.achievement !== null,
    );
    for (const i of withRate) expect(i.statusReason).toMatch(/基準値 .+ から目標値 .+ までの /);
    for (const i of body.items) expect(i).toHaveProperty("valueKind");
    // 1.0.0's cumulative stays within v1, deprecated: true only for a sum of yearly amounts.
    for (const i of body.items as { valueKind: string; cumulative: boolean }[])
      expect(i.cumulative).toBe(i.valueKind === "sum_of_annual");
  });

  it("marks a reposted indicator as 再掲 and keeps one indicator", async () => {
    const text = visibleText((await t.text("/082058/measures/GZ-6")).body);
    expect(text.match(/市ホームページアクセス数/g)).toHaveLength(1);
    expect(text).toContain("再掲");
  });

  it("answers an unknown municipality, measure or indicator with a 404 page", async () => {
    for (const p of [
      "/131016/",
      "/082058/measures/GZ-9",
      "/082058/indicators/NOPE",
      "/082058/nothing",
    ]) {
      const { status, body } = await t.text(p);
      expect(status, p).toBe(404);
      expect(body, p).toContain("ページが見つかりません");
    }
  });
});
