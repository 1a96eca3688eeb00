/**
 * `shisaku plan import <dir-or-file>`: reads plan files, validates every one of them, and
 * writes them in one transaction. A bad file changes nothing; the error names the file, the
 * path inside it and what is wrong — all errors of all files, not just the first.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import jsYaml from "js-yaml";
import YAML from "yaml";
import { z } from "zod";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { BULK_ROWS, refreshStatistics } from "../core/db/statistics.ts";
import { bindTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { validateMunicipalityCode } from "../core/municipality-code.ts";
import { formatPath, issuesToDetails } from "../core/validation.ts";
import { saveMunicipality, sectionIdsByCode } from "../municipalities/index.ts";
import { municipalities } from "../municipalities/schema.ts";
import { type DetailFile, type IndicatorFile, MunicipalityFile, PlanFile } from "./plan-file.ts";
import { type PlanImportCounts, savePlan } from "./store.ts";

export interface Loaded<T> {
  file: string;
  /** SHA-256 of the file as read, for the audit trail. */
  sha256: string;
  data: T;
}

export interface PlanImportSummary {
  municipalities: string[];
  plans: (PlanImportCounts & { code: string; file: string })[];
}

const DATA_FILE = /\.(ya?ml|json)$/i;

/**
 * The files a target names: the file itself; for a municipality folder, its `municipality.yaml`
 * and everything under `plans/` (other folders, such as `finance/`, have importers of their own);
 * for any other folder, every data file in it.
 */
async function listFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info)
    throw new AppError("invalid_file", `ファイルまたはフォルダが見つかりません: ${target}`);
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const isMunicipalityFolder = entries.some(
    (e) => /^municipality\.(ya?ml|json)$/i.test(e.name) || (e.isDirectory() && e.name === "plans"),
  );
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (!isMunicipalityFolder || entry.name === "plans") out.push(...(await listFiles(full)));
    } else if (DATA_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** The YAML library's error codes, said in Japanese. */
const YAML_MESSAGES: Record<string, string> = {
  BAD_INDENT: "字下げ（インデント）がそろっていません",
  TAB_AS_INDENT: "字下げにタブが使われています。空白で字下げしてください",
  DUPLICATE_KEY: "同じ項目名が2回書かれています",
  MISSING_CHAR: "閉じる記号（引用符・括弧など）が足りません",
  BAD_DQ_ESCAPE: "二重引用符の中のエスケープ（\\）が正しくありません",
  BLOCK_AS_IMPLICIT_KEY: "項目名の位置に複数行の値が書かれています",
  MULTILINE_IMPLICIT_KEY: "項目名が複数行にまたがっています",
  UNEXPECTED_TOKEN: "ここに書けない記号があります",
  BAD_SCALAR_START: "値の書き出しに使えない記号があります（値を引用符で囲んでください）",
  MULTIPLE_DOCS: "1つのファイルに複数の文書（---）があります",
  BLOCK_IN_FLOW: "[ ] や { } の中に複数行の値は書けません",
  KEY_OVER_1024_CHARS: "項目名が長すぎます",
  BAD_ALIAS: "別名（*）の参照先がありません",
  NON_STRING_KEY: "項目名は文字列にしてください",
};

/** Line and column of a character offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function parseText(file: string, text: string, errors: ErrorDetail[]): unknown {
  if (file.toLowerCase().endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      const pos = at ? lineColumn(text, Number(at[1])) : null;
      errors.push({
        location: pos ? `${file}:${pos.line}:${pos.col}` : file,
        message:
          "JSONとして読めません: 書き方に誤りがあります（カンマ・引用符・括弧の対応を確認してください）",
      });
      return undefined;
    }
  }
  // js-yaml reads a large plan several times faster than the \`yaml\` library (YAML 1.2 core
  // schema in both: no dates, no merge keys); a file it refuses is read again by \`yaml\`, whose
  // error codes say what is wrong and where.
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) ?? null;
  } catch {
    // said below
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0];
      errors.push({
        location: pos ? `${file}:${pos.line}:${pos.col}` : file,
        message: `YAMLとして読めません: ${YAML_MESSAGES[err.code] ?? "書き方に誤りがあります"}`,
      });
    }
    return undefined;
  }
  return doc.toJS();
}

/** Reads and validates every plan and municipality file under `target`. Throws on any error. */
export async function readPlanFiles(target: string) {
  const errors: ErrorDetail[] = [];
  const munis: Loaded<MunicipalityFile>[] = [];
  const planFiles: Loaded<PlanFile>[] = [];
  const files = await listFiles(target);
  if (files.length === 0)
    throw new AppError("invalid_file", `計画ファイル（.yaml / .json）がありません: ${target}`);
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const sha256 = createHash("sha256").update(text).digest("hex");
    const raw = parseText(file, text, errors);
    if (raw === undefined) continue;
    const isMunicipality = typeof raw === "object" && raw !== null && "bodyKind" in raw;
    const schema = isMunicipality ? MunicipalityFile : PlanFile;
    const result = schema.safeParse(raw);
    if (!isMunicipality) errors.push(...duplicateCodes(raw, file));
    if (!result.success) {
      errors.push(...planIssues(result.error, file));
      continue;
    }
    if (isMunicipality) {
      const data = result.data as MunicipalityFile;
      const check = validateMunicipalityCode(data.code);
      if (!check.ok) errors.push({ location: `${file}: code`, message: check.message });
      munis.push({ file, sha256, data });
    } else planFiles.push({ file, sha256, data: result.data as PlanFile });
  }
  if (errors.length > 0)
    throw new AppError(
      "invalid_file",
      `計画ファイルに ${errors.length} 件の誤りがあります`,
      errors,
    );
  return { municipalities: munis, plans: planFiles };
}

/** Keys a plan file may no longer use, and what replaced them. */
const REPLACED_KEYS: Record<string, string> = {
  cumulative:
    "項目「cumulative」は使えなくなりました。値の種類を valueKind に書いてください（annual: 各年度の値、running_total: 入力値がその時点までの累計、sum_of_annual: 各年度の量をシステムが合計）",
};

/**
 * zod's issues as errors that say where: an unknown key (plan files are strict) is named with
 * its full path, in Japanese, instead of being dropped.
 */
function planIssues(error: z.ZodError, file: string): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== "unrecognized_keys") return issuesToDetails(new z.ZodError([issue]), file);
    return issue.keys.map((key) => ({
      location: `${file}: ${formatPath([...issue.path, key])}`,
      message:
        REPLACED_KEYS[key] ??
        `項目「${key}」はこの位置に書けません（項目名の綴りと字下げを確認してください）`,
    }));
  });
}

/**
 * Codes used twice in one plan file. Checked on the raw data, so that it is reported together
 * with every other error of the file.
 */
export function duplicateCodes(raw: unknown, file: string): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Map<string, string>();
  const claim = (item: unknown, where: string) => {
    const code = (item as { code?: unknown } | null)?.code;
    if (typeof code !== "string") return;
    const before = seen.get(code);
    if (before)
      out.push({
        location: `${file}: ${where}.code`,
        message: `コード ${code} は ${before} と重複しています`,
      });
    else seen.set(code, where);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const node = (n: unknown, where: string) => {
    claim(n, where);
    for (const [k, ind] of list((n as { indicators?: unknown })?.indicators).entries())
      claim(ind, `${where}.indicators[${k}]`);
  };
  const children = (n: unknown, key: string, where: string) => {
    for (const [j, child] of list((n as Record<string, unknown> | null)?.[key]).entries()) {
      const at = `${where}.${key}[${j}]`;
      node(child, at);
      children(child, "children", at);
    }
  };
  const plan = raw as { policy?: unknown; measures?: unknown };
  node(plan.policy, "policy");
  for (const [i, m] of list(plan.measures).entries()) {
    node(m, `measures[${i}]`);
    children(m, "initiatives", `measures[${i}]`);
  }
  return out;
}

/** Section codes a plan uses that its municipality does not define. */
function unknownSections(plan: Loaded<PlanFile>, known: Set<string>): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const check = (codes: string[], where: string) => {
    for (const [i, code] of codes.entries()) {
      if (known.has(code)) continue;
      out.push({
        location: `${plan.file}: ${where}.sections[${i}]`,
        message: `担当課コード ${code} は登録されていません`,
      });
    }
  };
  const indicators = (list: IndicatorFile[], where: string) => {
    for (const [k, ind] of list.entries()) check(ind.sections, `${where}.indicators[${k}]`);
  };
  const details = (list: DetailFile[], where: string) => {
    for (const [k, d] of list.entries()) {
      const at = `${where}.children[${k}]`;
      check(d.sections, at);
      indicators(d.indicators, at);
      details(d.children, at);
    }
  };
  indicators(plan.data.policy.indicators, "policy");
  for (const [i, m] of plan.data.measures.entries()) {
    check(m.sections, `measures[${i}]`);
    indicators(m.indicators, `measures[${i}]`);
    for (const [j, n] of m.initiatives.entries()) {
      const at = `measures[${i}].initiatives[${j}]`;
      check(n.sections, at);
      indicators(n.indicators, at);
      details(n.children, at);
    }
  }
  return out;
}

export async function importPlans(
  db: Db,
  target: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<PlanImportSummary> {
  const { municipalities: munis, plans: planFiles } = await readPlanFiles(target);
  const touched = new Set([
    ...munis.map((m) => m.data.code),
    ...planFiles.map((p) => p.data.municipality),
  ]);
  const summary = await db.transaction(async (tx) => {
    // Each municipality's rows are written under its own tenant (row-level security).
    for (const m of munis) {
      await bindTenant(tx, m.data.code);
      await saveMunicipality(tx, m.data);
    }
    const summary: PlanImportSummary = { municipalities: munis.map((m) => m.data.code), plans: [] };
    const errors: ErrorDetail[] = [];
    const sectionMaps = new Map<string, Map<string, number>>();
    for (const p of planFiles) {
      const mc = p.data.municipality;
      await bindTenant(tx, mc);
      const [exists] = await tx
        .select({ code: municipalities.code })
        .from(municipalities)
        .where(eq(municipalities.code, mc));
      if (!exists) {
        errors.push({
          location: `${p.file}: municipality`,
          message: `団体コード ${mc} の団体が登録されていません（municipality.yaml を一緒に読み込んでください）`,
        });
        continue;
      }
      if (!sectionMaps.has(mc)) sectionMaps.set(mc, await sectionIdsByCode(tx, mc));
      errors.push(...unknownSections(p, new Set(sectionMaps.get(mc)!.keys())));
    }
    if (errors.length > 0)
      throw new AppError(
        "invalid_file",
        `計画ファイルに ${errors.length} 件の誤りがあります`,
        errors,
      );
    for (const p of planFiles) {
      await bindTenant(tx, p.data.municipality);
      const counts = await savePlan(tx, p.data, sectionMaps.get(p.data.municipality)!);
      summary.plans.push({ code: p.data.code, file: p.file, ...counts });
    }
    // One audit entry per municipality: the files (name and hash) and what they changed.
    for (const mc of touched) {
      await bindTenant(tx, mc);
      const files = [
        ...munis.filter((m) => m.data.code === mc),
        ...planFiles.filter((p) => p.data.municipality === mc),
      ];
      await audit(tx, actor, {
        municipality: mc,
        action: "plan.import",
        recordType: "plan_files",
        recordKey: files.map((f) => path.basename(f.file)).join(", "),
        after: {
          files: files.map((f) => ({ file: f.file, sha256: f.sha256 })),
          plans: summary.plans.filter((p) =>
            planFiles.some((f) => f.file === p.file && f.data.municipality === mc),
          ),
        },
      });
      await announceChange(tx, mc);
    }
    return summary;
  });
  changed(db, touched);
  const written = summary.plans.reduce(
    (n, p) => n + p.nodesCreated + p.nodesUpdated + p.indicatorsCreated + p.indicatorsUpdated,
    0,
  );
  if (written >= BULK_ROWS) await refreshStatistics(db, PLAN_TABLES);
  return summary;
}

/** The tables a plan import writes in bulk. */
const PLAN_TABLES = [
  "plan_nodes",
  "node_sections",
  "indicators",
  "indicator_sections",
  "indicator_actuals",
  "indicator_appearances",
];
