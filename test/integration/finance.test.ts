import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { AppError } from "../../src/core/errors.ts";
import { importFinance } from "../../src/finance/finance-import.ts";
import { describeEachBackend } from "../support/app.ts";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");

describeEachBackend("public finance page", (t) => {
  it("shows 令和2年度's four ratios as published, against their statutory lines", async () => {
    const { status, body } = await t.text("/082058/finance");
    expect(status).toBe(200);
    const page = text(body);
    expect(page).toContain("令和2年度（2020）の比率と法定の基準");
    expect(page).toMatch(/実質赤字比率\s*−5\.76%\s*公表値\s*11\.25〜15%\s*20%\s*健全/);
    expect(page).toMatch(/連結実質赤字比率\s*−14\.06%\s*公表値\s*16\.25〜20%\s*30%/);
    expect(page).toMatch(/実質公債費比率\s*7\.8%\s*公表値\s*25%\s*35%/);
    expect(page).toMatch(/将来負担比率\s*33\.3%\s*公表値\s*350%\s*なし/);
    expect(body.match(/<svg role="img" aria-labelledby="chart-(?!frame-)/g)).toHaveLength(4);
  });

  it("makes the plan's 将来負担比率 target of 18.0%未満 visible as differing from the statutory 350%", async () => {
    const page = text((await t.text("/082058/finance")).body);
    expect(page).toContain(
      "相違あり 将来負担比率の計画の目標「18.0%未満」は法定の早期健全化基準 350% と異なります",
    );
    expect(page).toContain(
      "一致 実質赤字比率の計画の目標「12.58%未満」は法定の早期健全化基準（標準財政規模 約146.8億円の場合の値）と一致します",
    );
  });

  it("fills the ratio indicators' actuals from the published figures, marked as reported", async () => {
    const { body } = await t.json("/api/v1/municipalities/082058/indicators?measure=GZ-2");
    const actuals = body.items.map(
      (i: { code: string; actuals: { value: number; origin: string }[] }) => [
        i.code,
        i.actuals.map((a) => [a.value, a.origin]),
      ],
    );
    expect(actuals).toEqual([
      ["GZ-2-O1", [[-5.76, "reported"]]],
      ["GZ-2-O2", [[-14.06, "reported"]]],
      ["GZ-2-O3", [[7.8, "reported"]]],
      ["GZ-2-O4", [[33.3, "reported"]]],
    ]);
    expect(body.items.map((i: { status: string }) => i.status)).toEqual([
      "達成",
      "達成",
      "達成",
      "遅れ",
    ]);
  });

  it("shows 令和元年度's figures as the plan prints them, with their source, and the plan's own 「基金」とは", async () => {
    const page = text((await t.text("/082058/finance")).body);
    expect(page).toContain("令和元年度（2019）の財政の姿");
    expect(page).toMatch(/歳入の合計\s*約310億円/);
    expect(page).toMatch(/市税収入（個人市民税、固定資産税が中心）\s*約100億円/);
    expect(page).toContain(
      "出典：「チャレンジする市役所」（行財政改革大綱）基本施策2「現状・これまでの取組」（概数は原文のまま）",
    );
    expect(page).toContain("減債基金とは、将来にわたる市財政の健全な運営を行うため");
  });

  it("refuses a finance file that points at text the plan does not have, and changes nothing", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "shisaku-finance-"));
    const file = path.join(dir, "soundness.yaml");
    const original = await readFile("data/municipalities/082058/finance/soundness.yaml", "utf8");
    await writeFile(
      file,
      original
        .replace("title: 「基金」とは", "title: 「貯金」とは")
        .replace("realDeficit: -5.76", "realDeficit: 99"),
    );
    const error = await importFinance(t.database.db, file).then(
      () => undefined,
      (e: AppError) => e.details,
    );
    expect(error).toEqual([
      {
        location: `${file}: explanations[0]`,
        message: "計画のノード GZ-2 に見出し「「貯金」とは」の文章はありません",
      },
    ]);
    expect(text((await t.text("/082058/finance")).body)).toContain("−5.76%");
    await rm(dir, { recursive: true, force: true });
  });

  it("downloads the ratios as CSV", async () => {
    const res = await t.get("/082058/finance/soundness.csv");
    const csv = new TextDecoder().decode((await res.arrayBuffer()).slice(3));
    expect(csv.trim().split("\r\n")).toHaveLength(5);
    expect(csv).toContain("令和2年度,2020,実質赤字比率,-5.76,公表値");
  });
});
