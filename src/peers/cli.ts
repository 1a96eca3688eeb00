/**
 * `shisaku national import <file> --fiscal-year <y>`: a ministry's table of every municipality.
 * `shisaku national link --municipality <code> <indicator> <shared-code|->`: an own indicator
 * shows a shared one (「-」 removes the link).
 */
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { generateNationalDemo, NATIONAL_DEMO, progressBar } from "./demo.ts";
import { linkIndicator } from "./link-indicator.ts";
import { checkFiscalYear, importNationalFile } from "./national-import.ts";

export const NATIONAL_USAGE = `  shisaku national import <file> --fiscal-year <年度>
                                        総務省の健全化判断比率・決算カードの表（.xlsx / CSV）を読み込む（全市区町村、1トランザクション）
  shisaku national link --municipality <code> <指標コード> <共通指標コード|->
                                        団体の指標を共通指標に関連付ける（- で解除）。指標のページに類似団体の中央値が出ます
  shisaku demo national [--municipalities 1741] [--indicators 500] [--shared-indicators 20] [--years 10]
                                        性能測定用: 架空の全国の市区町村（サンプル）を PostgreSQL に生成（DATABASE_URL が必要）。
                                        各団体に計画と指標 --indicators 件・年度ごとの実績値、共通指標 --shared-indicators 件の値`;

type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

const count = (raw: string | undefined, fallback: number, name: string) => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError("bad_request", `--${name} は 1 以上の整数です（「${raw}」）`);
  return n;
};

/** `shisaku demo national`: never run by default, and only on PostgreSQL. */
export async function demoNationalCommand(args: string[], withDb: WithDb): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      municipalities: { type: "string" },
      indicators: { type: "string" },
      "shared-indicators": { type: "string" },
      years: { type: "string" },
    },
  });
  if (!process.env.DATABASE_URL)
    throw new AppError(
      "bad_request",
      "shisaku demo national は PostgreSQL（DATABASE_URL）でだけ動きます。性能測定用のデータベースを指定してください",
    );
  const o = {
    ...NATIONAL_DEMO,
    municipalities: count(values.municipalities, NATIONAL_DEMO.municipalities, "municipalities"),
    indicators: count(values.indicators, NATIONAL_DEMO.indicators, "indicators"),
    sharedIndicators: count(
      values["shared-indicators"],
      NATIONAL_DEMO.sharedIndicators,
      "shared-indicators",
    ),
    years: count(values.years, NATIONAL_DEMO.years, "years"),
  };
  const started = Date.now();
  const r = await withDb((db) =>
    generateNationalDemo(db, o, {
      shared: progressBar("共通指標"),
      tenants: progressBar("団体の計画と実績値"),
    }),
  );
  console.log(
    `サンプル: 団体 ${r.municipalities}（各 指標 ${r.indicators}、実績値 ${r.actuals.toLocaleString("ja-JP")} 件）、共通指標 ${r.sharedIndicators}（値 ${r.values.toLocaleString("ja-JP")} 件）、${r.firstYear}〜${r.lastYear}年度を ${((Date.now() - started) / 1000).toFixed(0)} 秒で生成しました（例: /${r.sampleCode}/ 、/${r.sampleCode}/compare）`,
  );
  return 0;
}

export async function nationalCommand(
  verb: string | undefined,
  args: string[],
  withDb: WithDb,
): Promise<number> {
  if (verb === "import") {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "fiscal-year": { type: "string" } },
    });
    if (positionals.length !== 1)
      throw new AppError("bad_request", "読み込む総務省の表のファイルを1つ指定してください");
    const fy = checkFiscalYear(values["fiscal-year"], "--fiscal-year");
    const r = await withDb((db) => importNationalFile(db, positionals[0]!, fy, CLI_ACTOR));
    console.log(
      `${r.layout}（${r.fiscalYear}年度）: 団体 ${r.bodies} 件、値 ${r.values} 件を読み込みました${r.sample ? "（表題に「サンプル」: 架空の値として表示します）" : ""}`,
    );
    return 0;
  }
  if (verb === "link") {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { municipality: { type: "string" } },
    });
    if (!values.municipality || positionals.length !== 2)
      throw new AppError(
        "bad_request",
        "使い方: shisaku national link --municipality <団体コード> <指標コード> <共通指標コード|->",
      );
    const shared = positionals[1] === "-" ? null : positionals[1]!;
    const r = await withDb((db) =>
      linkIndicator(db, values.municipality!, positionals[0]!, shared, CLI_ACTOR),
    );
    console.log(
      r.sharedCode
        ? `指標 ${positionals[0]}（${r.indicator}）を共通指標 ${r.sharedCode} に関連付けました`
        : `指標 ${positionals[0]}（${r.indicator}）の共通指標への関連付けを外しました`,
    );
    return 0;
  }
  throw new AppError("bad_request", `national の使い方:\n${NATIONAL_USAGE}`);
}
