/** The `shisaku` command line. */
import { loadConfig } from "../core/config.ts";
import { openMigrated } from "../core/db/open.ts";
import { AppError } from "../core/errors.ts";
import { importFinance } from "../finance/finance-import.ts";
import { writeMunicipalityFiles } from "../plan/plan-export.ts";
import { importPlans } from "../plan/plan-import.ts";

const USAGE = `使い方 / usage:
  shisaku plan import <dir-or-file>     計画ファイルを読み込む（1トランザクション、コードで更新）
  shisaku plan export <code> <dir>      団体の計画をファイルに書き出す
  shisaku finance import <file>         財政健全化判断比率などの財政ファイルを読み込む

環境変数: SHISAKU_DATA_DIR（既定 ./data）、DATABASE_URL（PostgreSQL を使う場合）`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openMigrated>>["db"]) => Promise<T>) {
  const database = await openMigrated(loadConfig());
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [group, verb, ...args] = argv;
  if (group === "plan" && verb === "import" && args.length === 1) {
    const summary = await withDb((db) => importPlans(db, args[0]!));
    for (const m of summary.municipalities) console.log(`団体 ${m} を読み込みました`);
    for (const p of summary.plans) {
      console.log(
        `計画 ${p.code}（${p.file}）: ノード 追加 ${p.nodesCreated}・更新 ${p.nodesUpdated}、指標 追加 ${p.indicatorsCreated}・更新 ${p.indicatorsUpdated}`,
      );
      if (p.nodesNotInFile.length)
        console.log(
          `  ファイルにないノード（削除せず残しています）: ${p.nodesNotInFile.join(", ")}`,
        );
    }
    return 0;
  }
  if (group === "plan" && verb === "export" && args.length === 2) {
    const files = await withDb((db) => writeMunicipalityFiles(db, args[0]!, args[1]!));
    for (const f of files) console.log(`書き出しました: ${f}`);
    return 0;
  }
  if (group === "finance" && verb === "import" && args.length === 1) {
    const r = await withDb((db) => importFinance(db, args[0]!));
    console.log(
      `団体 ${r.municipality}: 財政健全化判断比率 ${r.ratios} 件、指標の実績値 ${r.actuals} 件を読み込みました`,
    );
    return 0;
  }
  const help = argv.length === 0 || argv.includes("--help") || argv.includes("-h");
  (help ? console.log : console.error)(USAGE);
  return help ? 0 : 2;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  if (e instanceof AppError) {
    console.error(`エラー: ${e.message}`);
    for (const d of e.details) console.error(`  ${d.location}: ${d.message}`);
    process.exitCode = 1;
  } else throw e;
}
