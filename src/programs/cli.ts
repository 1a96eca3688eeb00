/** `shisaku programs import <file> --municipality <code> [--dry-run]`: a city's own programs. */
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { importOwnPrograms } from "./own-programs-import.ts";

export const PROGRAMS_USAGE = `  shisaku programs import <file> --municipality <code> [--dry-run]
                                        団体の事務事業ファイル（YAML）を読み込む（新しい事業を追加。サンプルとは混在不可）`;

type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

export async function programsCommand(args: string[], withDb: WithDb): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { municipality: { type: "string" }, "dry-run": { type: "boolean" } },
  });
  if (positionals.length !== 1)
    throw new AppError("bad_request", "読み込む事務事業ファイルを1つ指定してください");
  if (!values.municipality)
    throw new AppError("bad_request", "--municipality <団体コード> を指定してください");
  const r = await withDb((db) =>
    importOwnPrograms(db, positionals[0]!, values.municipality!, CLI_ACTOR, {
      dryRun: values["dry-run"] ?? false,
    }),
  );
  console.log(
    `団体 ${r.municipality}: 事務事業 ${r.programs} 件（年度 ${r.years} 件）、人件費単価の設定 ${r.settings} 年度分を${r.dryRun ? "確認しました（--dry-run: 何も書き込んでいません）" : "読み込みました"}`,
  );
  return 0;
}
