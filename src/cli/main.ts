/** The `shisaku` command line. */
import { parseArgs } from "node:util";
import { addUser, disableUser, listUsers } from "../accounts/actions.ts";
import { createTokenFor } from "../accounts/tokens.ts";
import { CLI_ACTOR } from "../core/audit.ts";
import { loadConfig } from "../core/config.ts";
import { openMigrated } from "../core/db/open.ts";
import { AppError } from "../core/errors.ts";
import { importFinance } from "../finance/finance-import.ts";
import { importFrame } from "../finance/frame-import.ts";
import { addMunicipality } from "../municipalities/actions.ts";
import { demoNationalCommand, NATIONAL_USAGE, nationalCommand } from "../peers/index.ts";
import { writeMunicipalityFiles } from "../plan/plan-export.ts";
import { importPlans } from "../plan/plan-import.ts";
import { PROGRAMS_USAGE, programsCommand } from "../programs/cli.ts";
import { SPREADSHEET_USAGE, spreadsheetCommand } from "../spreadsheets/cli.ts";
import { BACKUP_USAGE, backupCommand } from "./backup.ts";
import { exportSite } from "./site-export.ts";

const USAGE = `使い方 / usage:
  shisaku plan import <dir-or-file>     計画ファイルを読み込む（1トランザクション、コードで更新）
  shisaku plan export <code> <dir>      団体の計画をファイルに書き出す
  shisaku finance import <file>         財政健全化判断比率などの財政ファイルを読み込む
  shisaku finance import-frame <file>   財政フレーム（決算・予算・推計の前提）のファイルを読み込む
  shisaku municipality add <code> <name> [--prefecture 都道府県名] [--kind city|town|village|special_ward|designated_city|prefecture]
  shisaku user add --municipality <code> --email <email> --role admin|planner|editor|viewer [--section <code>]… [--name 氏名] [--password-stdin]
                                        初期パスワードを一度だけ表示（--password-stdin なら標準入力から読む）
  shisaku user list --municipality <code>
  shisaku user disable --municipality <code> --email <email>
  shisaku token create --municipality <code> --email <email> --label <用途>
                                        個人用APIトークンを一度だけ表示（利用者と同じ権限）
${PROGRAMS_USAGE}
${NATIONAL_USAGE}
${SPREADSHEET_USAGE}
                                        データセットの一覧: shisaku export --help
${BACKUP_USAGE}
  shisaku site export --municipality <code> --out <dir>
                                        公開ポータル（ページ・CSV・JSON・グラフ・API）を静的ファイルに書き出す

環境変数: SHISAKU_DATA_DIR（既定 ./data）、DATABASE_URL（PostgreSQL を使う場合）
埋め込みデータベースは一度に一つのプロセスだけが使えます。サーバーの動作中は、止めてから実行するか DATABASE_URL を使ってください`;

/**
 * Runs `fn` on the configured database. Every command opens it here, so every command (those
 * that only read too) refuses to run while a server or another command holds the embedded
 * database (DatabaseInUseError, reported like any AppError).
 */
async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openMigrated>>["db"]) => Promise<T>) {
  const command = ["shisaku", ...process.argv.slice(2, 4)].join(" ");
  const database = await openMigrated(loadConfig(), { holder: "command", command });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [group, verb, ...args] = argv;
  if (group === "plan" && verb === "import" && args.length === 1) {
    const summary = await withDb((db) => importPlans(db, args[0]!, CLI_ACTOR));
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
    const r = await withDb((db) => importFinance(db, args[0]!, CLI_ACTOR));
    console.log(
      `団体 ${r.municipality}: 財政健全化判断比率 ${r.ratios} 件、指標の実績値 ${r.actuals} 件を読み込みました`,
    );
    return 0;
  }
  if (group === "finance" && verb === "import-frame" && args.length === 1) {
    const r = await withDb((db) => importFrame(db, args[0]!, CLI_ACTOR));
    console.log(
      `団体 ${r.municipality}: 財政フレーム ${r.years} 年度分、シナリオ ${r.scenarios} 件を読み込みました`,
    );
    return 0;
  }
  if (group === "municipality" && verb === "add" && args.length >= 2) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { prefecture: { type: "string" }, kind: { type: "string" } },
    });
    const code = await withDb((db) =>
      addMunicipality(
        db,
        {
          code: positionals[0]!,
          name: positionals[1]!,
          prefecture: values.prefecture ?? "",
          bodyKind: values.kind ?? "city",
        },
        CLI_ACTOR,
      ),
    );
    console.log(`団体 ${code} ${positionals[1]} を追加しました`);
    return 0;
  }
  if (group === "programs" && verb === "import") return programsCommand(args, withDb);
  if (group === "national") return nationalCommand(verb, args, withDb);
  if (group === "demo" && verb === "national") return demoNationalCommand(args, withDb);
  if (group === "user") return userCommand(verb, args);
  if (group === "token" && verb === "create") return tokenCreate(args);
  if (group === "export" || group === "import")
    return spreadsheetCommand(group, argv.slice(1), withDb);
  if (group === "backup" || group === "restore") return backupCommand(group, argv.slice(1));
  if (group === "site" && verb === "export") return siteExport(args);
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

async function siteExport(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { municipality: { type: "string" }, out: { type: "string" } },
  });
  if (!values.municipality || !values.out) {
    console.error("使い方 / usage: shisaku site export --municipality <code> --out <dir>");
    return 2;
  }
  const { municipality, out } = values;
  const r = await withDb((db) => exportSite(db, municipality, out));
  const bytes = r.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `団体 ${municipality} の公開ポータルを ${out} に書き出しました: ${r.files.length} ファイル、${(bytes / 1e6).toFixed(1)} MB、${(r.ms / 1000).toFixed(1)} 秒`,
  );
  for (const m of r.missing)
    console.log(`  書き出せなかったアドレス（${m.status}）: ${m.url}（${m.from} のリンク）`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function userCommand(verb: string | undefined, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      municipality: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      section: { type: "string", multiple: true },
      name: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
  });
  const mc = values.municipality;
  if (!mc) throw new AppError("bad_request", "--municipality <団体コード> を指定してください");
  if (verb === "add") {
    if (!values.email || !values.role)
      throw new AppError("bad_request", "--email と --role を指定してください");
    const password = values["password-stdin"] ? await readStdin() : undefined;
    const result = await withDb((db) =>
      addUser(
        db,
        {
          municipality: mc,
          email: values.email!,
          role: values.role!,
          sections: values.section,
          displayName: values.name,
          password,
        },
        CLI_ACTOR,
      ),
    );
    console.log(`利用者 ${result.email} を追加しました`);
    if (result.password)
      console.log(`初期パスワード（この一度だけ表示します）: ${result.password}`);
    if (result.existing)
      console.log(
        "ほかの団体ですでに使われているアカウントです。本人のパスワードでサインインします",
      );
    return 0;
  }
  if (verb === "list") {
    for (const u of await withDb((db) => listUsers(db, mc))) {
      console.log(
        [u.email, u.role, u.sections.join(",") || "-", u.disabledAt ? "無効" : "有効"].join("\t"),
      );
    }
    return 0;
  }
  if (verb === "disable") {
    if (!values.email) throw new AppError("bad_request", "--email を指定してください");
    await withDb((db) => disableUser(db, mc, values.email!, CLI_ACTOR));
    console.log(`利用者 ${values.email} を無効にしました`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

async function tokenCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      municipality: { type: "string" },
      email: { type: "string" },
      label: { type: "string" },
    },
  });
  if (!values.municipality || !values.email || !values.label)
    throw new AppError("bad_request", "--municipality、--email、--label を指定してください");
  const { token } = await withDb((db) =>
    createTokenFor(
      db,
      values.municipality!,
      { email: values.email!, label: values.label! },
      CLI_ACTOR,
    ),
  );
  console.log(`APIトークン（この一度だけ表示します）: ${token}`);
  return 0;
}
