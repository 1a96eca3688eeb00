import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppError } from "../../src/core/errors.ts";
import { fiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { frameYearsOf, importFrame, readFrameFile } from "../../src/finance/frame-import.ts";
import { project } from "../../src/finance/frame-projection.ts";
import { millions } from "../../src/finance/frame-report.ts";
import { basicScenario, prudentFrom } from "../../src/finance/frame-scenario.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";

const FRAME = "data/municipalities/082058/finance/frame.yaml";
const TABLES = ["composition", "trend", "projection", "funds", "indicators"] as const;
const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** The body rows of the table whose caption starts with `caption`, as cell texts. */
function tableRows(html: string, caption: string): string[][] {
  const tables = html.split("<table>").slice(1);
  const table = tables.find((t) => strip(t.split("</caption>")[0]!).startsWith(caption));
  if (!table) throw new Error(`no table 「${caption}」`);
  const body = table.split("<tbody>")[1]!.split("</tbody>")[0]!;
  return body
    .split("</tr>")
    .filter((r) => r.includes("<t"))
    .map((r) => [...r.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => strip(m[1]!)));
}

/** A section of the page by its heading id. */
const section = (html: string, id: string) =>
  html.split(`<section aria-labelledby="${id}">`)[1]?.split("</section>")[0] ?? "";

/** What the page shows for the file's 基本 and 慎重, computed here with `project`. */
async function expectedProjection(file: string) {
  const data = await readFrameFile(file);
  const basic = basicScenario(data.scenarios.basic.assumptions);
  const prudent = prudentFrom(basic, data.scenarios.prudent.deltas);
  const until = data.scenarios.basic.untilFiscalYear;
  return [basic, prudent].flatMap((s) =>
    project(frameYearsOf(data), s, until).map((y) => [
      s.name,
      fiscalYearLabel(y.fiscalYear),
      millions(y.totalRevenue),
      millions(y.totalExpenditure),
      millions(y.gap),
      millions(y.gapClosing.drawdown),
      millions(y.gapClosing.deposit),
      millions(y.shortfall),
      millions(y.funds.fiscalAdjustment.closing),
    ]),
  );
}

const asNumbers = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/^-?[\d,]+(\.\d+)?$/.test(c) ? Number(c.replace(/,/g, "")) : c)));

describeEachBackend("public fiscal frame", (t) => {
  let dir: string;
  let original: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "shisaku-frame-"));
    original = await readFile(FRAME, "utf8");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const page = async () => {
    const { status, body } = await t.text("/082058/finance");
    expect(status).toBe(200);
    return body;
  };
  const csv = async (code: string, table: string) => {
    const res = await t.get(`/${code}/finance/frame.csv?table=${table}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return new TextDecoder()
      .decode(bytes.slice(3))
      .trim()
      .split("\r\n")
      .map((line) => line.split(","));
  };

  it("shows the frame's sections, each labelled 「サンプル」, beside the soundness ratios", async () => {
    const body = await page();
    const text = strip(body);
    expect(text).toContain("令和2年度（2020）の比率と法定の基準");
    for (const heading of [
      "歳入・歳出の内訳（令和元年度（2019）決算） サンプル",
      "歳入・歳出の推移（決算・予算） サンプル",
      "財政推計（基本・慎重） サンプル",
      "基金の年度末残高 サンプル",
      "財政の指標（年度別）と市民一人あたりの額 サンプル",
    ])
      expect(text).toContain(heading);
    // The page says once, before the frame's sections, that they are samples; each section
    // still labels its table and its CSV link (サンプル).
    const disclaimer = "サンプル（架空の数値）で、石岡市の実際の決算・予算・財政推計ではありません";
    expect(strip(body).split(disclaimer)).toHaveLength(2);
    expect(strip(body).indexOf(disclaimer)).toBeLessThan(
      strip(body).indexOf(strip(section(body, "frame-composition")).slice(0, 20)),
    );
    for (const id of [
      "frame-composition",
      "frame-trend",
      "frame-projection",
      "frame-funds",
      "frame-indicators",
    ]) {
      const s = strip(section(body, id));
      expect(s, id).toMatch(/（サンプル）/); // the table caption and the CSV link
    }
    // Every data row says it is sample data.
    for (const caption of [
      "歳入・歳出の内訳",
      "歳入・歳出の推移",
      "財政推計",
      "基金の年度末残高",
      "財政の指標",
    ])
      for (const row of tableRows(body, caption)) expect(row.at(-1), caption).toBe("サンプル");
    // The real published figures keep their source, next to the sample breakdown.
    const composition = strip(section(body, "frame-composition"));
    expect(composition).toMatch(/歳入の合計\s*約310億円/);
    expect(composition).toContain(
      "出典：「チャレンジする市役所」（行財政改革大綱）基本施策2「現状・これまでの取組」",
    );
    // The seed's explanations of the funds.
    const funds = strip(section(body, "frame-funds"));
    expect(funds).toContain("財政調整基金年度間の財政の不均衡を調整するための基金です");
    expect(funds).toContain("減債基金市債（借金）の返済に必要な財源を確保するための基金です");
    // Four charts of the frame, each an image with a text alternative mentioning サンプル.
    const charts = [...body.matchAll(/<svg role="img" aria-labelledby="chart-frame-(\w+)-title/g)];
    expect(charts.map((m) => m[1])).toEqual(["composition", "trend", "projection", "funds"]);
    for (const id of ["composition", "trend", "projection", "funds"])
      expect(body).toMatch(new RegExp(`<desc id="chart-frame-${id}-desc">[^<]*サンプル`));
  });

  it("shows the projection that project() gives for the stored assumptions", async () => {
    const rows = asNumbers(tableRows(await page(), "財政推計"));
    expect(rows.map((r) => r.slice(0, -1))).toEqual(await expectedProjection(FRAME));
    expect(rows.map((r) => r[0])).toContain("慎重");
  });

  it("composition shares and the derived ratios follow from the stored lines", async () => {
    const body = await page();
    const composition = asNumbers(tableRows(body, "歳入・歳出の内訳"));
    // 令和元年度 (sample lines matching the published 約310億円 / 市税 約100億円).
    expect(composition.find((r) => r[1] === "歳入合計")).toEqual([
      "歳入",
      "歳入合計",
      31012,
      100,
      "サンプル",
    ]);
    expect(composition.find((r) => r[1] === "市税")).toEqual([
      "歳入",
      "市税",
      10012,
      32.3,
      "サンプル",
    ]);
    const derived = asNumbers(tableRows(body, "財政の指標"));
    const r1 = derived.find((r) => r[0] === "令和元年度（2019）" && r[1] === "決算")!;
    // 自主財源 12,462 / 31,012 = 40.2%; 義務的経費 15,080 / 30,240 = 49.9%; 財調 4,200 / 14,680 = 28.6%.
    expect(r1.slice(2, 9)).toEqual([40.2, 49.9, 28.6, 413493, 403200, 112667, 75000]);
  });

  it("every CSV holds the figures of its table on the page", async () => {
    const body = await page();
    const captions = {
      composition: "歳入・歳出の内訳",
      trend: "歳入・歳出の推移",
      projection: "財政推計",
      funds: "基金の年度末残高",
      indicators: "財政の指標",
    };
    for (const table of TABLES) {
      const [header, ...rows] = await csv("082058", table);
      expect(header!.at(-1)).toBe("データ");
      const shown = asNumbers(tableRows(body, captions[table])).map((r) =>
        r.map((c) => (c === "—" ? "" : c)),
      );
      expect(
        rows.map((r) => r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c))),
        table,
      ).toEqual(shown);
      expect(
        rows.every((r) => r.at(-1) === "サンプル"),
        table,
      ).toBe(true);
    }
    expect((await t.get("/082058/finance/frame.csv?table=nope")).status).toBe(400);
  });

  it("recomputes the projection when an assumption changes, and records the import", async () => {
    const before = tableRows(await page(), "財政推計");
    const file = path.join(dir, "frame.yaml");
    await writeFile(file, original.replace("cityTax: -0.003", "cityTax: 0.02"));
    await importFrame(t.database.db, file);
    const after = asNumbers(tableRows(await page(), "財政推計"));
    expect(after).not.toEqual(asNumbers(before));
    expect(after.map((r) => r.slice(0, -1))).toEqual(await expectedProjection(file));
    const audit = (await t.database.db.execute(
      sql`select action, record_type from audit_log where record_key = ${file}`,
    )) as unknown as { rows: { action: string; record_type: string }[] };
    expect(audit.rows).toEqual([{ action: "finance.import", record_type: "finance_file" }]);
    await importFrame(t.database.db, path.resolve(FRAME));
    expect(tableRows(await page(), "財政推計")).toEqual(before);
  });

  it("refuses a bad file with the file and path of the error, and changes nothing", async () => {
    const before = await page();
    const count = async () =>
      (
        (await t.database.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const audits = await count();
    const refuse = async (name: string, text: string) => {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return importFrame(t.database.db, file).then(
        () => undefined,
        (e: AppError) => e.details,
      );
    };
    // Out of range: zod names the path.
    const bad = path.join(dir, "range.yaml");
    expect(await refuse("range.yaml", original.replace("cityTax: -0.003", "cityTax: 0.9"))).toEqual(
      [
        {
          location: `${bad}: scenarios.basic.assumptions.revenueGrowth.cityTax`,
          message: expect.any(String),
        },
      ],
    );
    // A rule of frame.ts: 臨財債 above 地方債.
    const bonds = path.join(dir, "bonds.yaml");
    expect(
      await refuse(
        "bonds.yaml",
        original.replace(
          "extraordinaryFiscalBonds: 1300000000",
          "extraordinaryFiscalBonds: 9300000000",
        ),
      ),
    ).toEqual([
      {
        location: `${bonds}: years[0]`,
        message: "years[0].extraordinaryFiscalBonds が地方債を超えています: 9300000000",
      },
    ]);
    // A projection the page could not compute: a planned drawdown above the fund's balance.
    const drawdown = path.join(dir, "drawdown.yaml");
    const details = await refuse(
      "drawdown.yaml",
      original.replace(
        "2021: { otherSpecific: { drawdown: 300000000 }",
        "2021: { otherSpecific: { drawdown: 9000000000 }",
      ),
    );
    expect(details?.[0]?.location).toBe(`${drawdown}: scenarios.basic`);
    expect(details?.[0]?.message).toContain("drawdown が残高");
    expect(await page()).toBe(before);
    expect(await count()).toBe(audits);
  });

  it("shows another municipality none of it", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const { status, body } = await t.text("/082015/finance");
    expect(status).toBe(200);
    expect(body).not.toContain("frame-composition");
    expect(body).not.toContain("財政推計");
    expect(body).not.toContain("chart-frame-");
    for (const table of TABLES) expect(await csv("082015", table), table).toHaveLength(1);
  });
});
