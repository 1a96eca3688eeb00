/** `shisaku backup <file>` and `shisaku restore <file> [--force]` (see core/db/backup.ts). */
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.ts";
import { type BackupSummary, backupEmbedded, restoreEmbedded } from "../core/db/backup.ts";

export const BACKUP_USAGE = `  shisaku backup <file>                 埋め込みデータベースを1つのファイルにバックアップする（サーバーを止めて実行）
  shisaku restore <file> [--force]      バックアップを復元する（db フォルダーが空かないときだけ。--force: 今の db フォルダーを db.before-restore-<時刻> に移す）
                                        PostgreSQL（DATABASE_URL）は pg_dump / pg_restore で（README の「Backup / バックアップ」）`;

const usage = () => console.error(`使い方 / usage:\n${BACKUP_USAGE}`);

const number = (n: number) => n.toLocaleString("en-US");

function size(bytes: number) {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function printTables(tables: BackupSummary["tables"]) {
  const width = Math.max(...tables.map((t) => t.table.length));
  for (const t of tables) console.log(`  ${t.table.padEnd(width)}  ${number(t.rows)}`);
}

const totalRows = (tables: BackupSummary["tables"]) => tables.reduce((n, t) => n + t.rows, 0);

export async function backupCommand(verb: "backup" | "restore", args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`使い方 / usage:\n${BACKUP_USAGE}`);
    return 0;
  }
  let parsed: { values: { force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: verb === "restore" ? { force: { type: "boolean" } } : {},
    });
  } catch (e) {
    console.error((e as Error).message);
    usage();
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) {
    usage();
    return 2;
  }
  const config = loadConfig();
  if (verb === "backup") {
    const r = await backupEmbedded(config, file);
    const tables = r.tables.length;
    const rows = totalRows(r.tables);
    console.log(
      `バックアップを書き出しました: ${r.file}（${size(r.bytes)}、${number(r.bytes)} バイト、テーブル ${tables}、行 ${number(rows)}）`,
    );
    console.log(
      `Wrote the backup ${r.file} (${size(r.bytes)}, ${number(r.bytes)} bytes, ${tables} tables, ${number(rows)} rows)`,
    );
    printTables(r.tables);
    return 0;
  }
  const r = await restoreEmbedded(config, file, { force: parsed.values.force === true });
  const tables = r.tables.length;
  const rows = totalRows(r.tables);
  if (r.movedAside)
    console.log(
      `元の db フォルダーは ${r.movedAside} に移しました / The previous db folder was moved to ${r.movedAside}`,
    );
  console.log(
    `${r.file} を ${r.dir} に復元しました（マイグレーション ${r.migrationsApplied} 件を適用、テーブル ${tables}、行 ${number(rows)}）`,
  );
  console.log(
    `Restored ${r.file} into ${r.dir} (${r.migrationsApplied} pending migrations applied, ${tables} tables, ${number(rows)} rows)`,
  );
  printTables(r.tables);
  return 0;
}
