/**
 * `shisaku export <dataset> …` and `shisaku import <dataset> <file> …`. The command line acts
 * as the system with planner rights (actor "cli"); an import prints its preview first and with
 * --dry-run writes nothing.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Principal } from "../accounts/index.ts";
import { CLI_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { EXPORT_FORMATS, type ExportFormat, type UploadFormat } from "./files.ts";
import {
  applyImport,
  DATASETS,
  datasetNamed,
  exportDataset,
  previewImport,
  previewText,
  resolveDataset,
} from "./import.ts";
import { type OnProgress, type Progress, progressText } from "./table.ts";

export const SPREADSHEET_USAGE = `  shisaku export <dataset> --municipality <code> --format xlsx|csv|csv-sjis --out <file> [--section <課コード>] [--published] [--template]
                                        データセットを Excel / CSV に書き出す（--published: 下書きを含めない）
  shisaku import <dataset> <file> --municipality <code> [--dry-run] [--format auto|xlsx|csv|csv-sjis] [--reason 訂正理由]
                                        Excel / CSV を取り込む（確認を表示し、誤りがなければ1トランザクションで保存。実績値は下書きとして）`;

const CLI_PRINCIPAL: Principal = { userId: 0, email: "cli", role: "planner", sectionCodes: [] };

const datasetList = () =>
  `データセット / datasets:\n${DATASETS.map((d) => `  ${d.name.padEnd(Math.max(...DATASETS.map((x) => x.name.length)) + 2)}${d.title} — ${d.description}`).join("\n")}`;

type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

export async function spreadsheetCommand(
  group: "export" | "import",
  args: string[],
  withDb: WithDb,
): Promise<number> {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    console.log(`使い方 / usage:\n${SPREADSHEET_USAGE}\n\n${datasetList()}`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      municipality: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      section: { type: "string", multiple: true },
      published: { type: "boolean" },
      template: { type: "boolean" },
      "dry-run": { type: "boolean" },
      reason: { type: "string" },
    },
  });
  const ds = datasetNamed(positionals[0]!);
  const mc = values.municipality;
  if (!mc) throw new AppError("bad_request", "--municipality <団体コード> を指定してください");
  // A registry's dataset only where the municipality keeps the registry, in its words.
  const own = (db: Db) => resolveDataset(db, mc, ds.name);

  if (group === "export") {
    const format = (values.format ?? "xlsx") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format))
      throw new AppError("bad_request", `--format は ${EXPORT_FORMATS.join("|")} のどれかです`);
    if (!values.out)
      throw new AppError("bad_request", "--out <書き出すファイル> を指定してください");
    const bytes = await withDb(async (db) =>
      exportDataset(
        db,
        mc,
        await own(db),
        format,
        { sections: values.section, drafts: !values.published },
        values.template ?? false,
      ),
    );
    await writeFile(values.out, bytes);
    console.log(`書き出しました: ${values.out}（${ds.title}、${format}）`);
    return 0;
  }

  const file = positionals[1];
  if (!file) throw new AppError("bad_request", "取り込むファイルを指定してください");
  const format = (values.format ?? "auto") as UploadFormat;
  const upload = {
    fileName: path.basename(file),
    bytes: new Uint8Array(await readFile(file)),
    format,
  };
  return withDb(async (db) => {
    const dataset = await own(db);
    const progress = progressLine();
    const preview = await previewImport(
      db,
      mc,
      dataset,
      upload,
      CLI_PRINCIPAL,
      undefined,
      progress,
    );
    progress.end();
    console.log(previewText(preview));
    if (preview.errors.length) {
      console.error(`誤りがあるため取り込みません（${preview.errors.length} 件）`);
      return 1;
    }
    if (values["dry-run"]) {
      console.log("--dry-run: 何も書き込んでいません");
      return 0;
    }
    if (preview.changes.length === 0) return 0;
    const writing = progressLine();
    const result = await applyImport(
      db,
      mc,
      dataset,
      upload,
      CLI_PRINCIPAL,
      CLI_ACTOR,
      { sha256: preview.sha256, digest: preview.digest, reason: values.reason ?? null },
      undefined,
      writing,
    );
    writing.end();
    console.log(
      `取り込みました: ${result.preview.addedRows + result.preview.changedRows} 行・${result.preview.changes.length} セル。${ds.outcome}`,
    );
    if (result.status === "applied")
      console.log(
        `取り込んだファイルは番号 ${result.importId} で保存しました（監査ログから取り出せます）`,
      );
    return 0;
  });
}

/**
 * Progress on stderr: on a terminal one line rewritten in place (at most ten times a second);
 * otherwise one line per phase, with its final count.
 */
function progressLine(): OnProgress & { end(): void } {
  const tty = process.stderr.isTTY === true;
  let last: Progress | undefined;
  let shownAt = 0;
  const print = (p: Progress) => process.stderr.write(`${progressText(p)}\n`);
  const report = (p: Progress) => {
    if (tty) {
      const now = Date.now();
      if (now - shownAt < 100 && p.phase === last?.phase) {
        last = p;
        return;
      }
      shownAt = now;
      process.stderr.write(`\r\x1b[2K${progressText(p)}`);
    } else if (last && last.phase !== p.phase) print(last);
    last = p;
  };
  report.end = () => {
    if (!last) return;
    if (tty) process.stderr.write(`\r\x1b[2K${progressText(last)}\n`);
    else print(last);
    last = undefined;
  };
  return report;
}
