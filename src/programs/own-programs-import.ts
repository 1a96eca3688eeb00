/**
 * Loading a municipality's own (real) programs from a programs file (program-file.ts) — the
 * `shisaku programs import` command. The same file format and checks as the demo's sample
 * programs (program-import.ts), with two more rules:
 *
 * - Real and sample programs never mix: a file with a program marked sample is refused, and so
 *   is a municipality that still has sample programs loaded (the demo's 「サンプル」 data).
 * - A program already registered is not overwritten: its costs, evaluations and budget
 *   requests are kept by the staff pages, the API and spreadsheets, with versions and audit.
 *   The file adds new programs (and sets the cost settings it lists).
 *
 * Everything is checked before anything is written; with dryRun nothing is written at all.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { municipalities } from "../municipalities/schema.ts";
import { programCodeKey } from "./program.ts";
import {
  checkProgramsFile,
  readProgramsFile,
  resolveReferences,
  writePrograms,
} from "./program-import.ts";
import { programs } from "./schema.ts";

export interface OwnProgramsImport {
  municipality: string;
  programs: number;
  years: number;
  settings: number;
  dryRun: boolean;
}

export async function importOwnPrograms(
  db: Db,
  file: string,
  municipality: string,
  actor: Actor,
  opts: { dryRun?: boolean } = {},
): Promise<OwnProgramsImport> {
  const { data, sha256 } = await readProgramsFile(file);
  const fail = (details: ErrorDetail[]) =>
    new AppError("invalid_file", "事務事業ファイルに誤りがあります", details);
  if (data.municipality !== municipality)
    throw fail([
      {
        location: `${file}: municipality`,
        message: `ファイルは団体コード ${data.municipality} のものです（指定は ${municipality}）`,
      },
    ]);
  const own = checkProgramsFile(data, { sample: false });
  if (own.length)
    throw fail(own.map((d) => ({ location: `${file}: ${d.location}`, message: d.message })));
  const mc = municipality;
  const dryRun = opts.dryRun ?? false;
  const result = await withTenant(db, mc, async (tx) => {
    const [exists] = await tx
      .select({ code: municipalities.code })
      .from(municipalities)
      .where(eq(municipalities.code, mc));
    if (!exists)
      throw fail([
        {
          location: `${file}: municipality`,
          message: `団体コード ${mc} の団体が登録されていません`,
        },
      ]);
    const [sample] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(programs)
      .where(and(eq(programs.municipalityCode, mc), eq(programs.sample, true)));
    if ((sample?.n ?? 0) > 0)
      throw new AppError(
        "conflict",
        `団体コード ${mc} にはサンプル（デモ用）の事務事業が ${sample!.n} 件登録されています。サンプルのデータと団体の実際の事務事業は混在させられないため、読み込みません（デモ用のデータベースではなく、団体のデータベースに読み込んでください）`,
      );
    const codes = data.programs.map((p) => programCodeKey(p.code));
    const taken = codes.length
      ? await tx
          .select({ code: programs.code })
          .from(programs)
          .where(and(eq(programs.municipalityCode, mc), inArray(programs.code, codes)))
      : [];
    if (taken.length)
      throw new AppError(
        "conflict",
        `すでに登録されている事務事業があります: ${taken.map((t) => t.code).join("、")}。登録済みの事業の年度のコストは職員用ページ・API・表計算ファイル（program-costs）で更新してください。何も読み込んでいません`,
      );
    const refs = await resolveReferences(tx, mc, data, file);
    if (refs.missing.length) throw fail(refs.missing);
    const counts = {
      programs: data.programs.length,
      years: data.programs.reduce((n, p) => n + p.years.length, 0),
      settings: data.settings.length,
    };
    if (dryRun) return counts;
    await writePrograms(tx, mc, data, refs, actor);
    await audit(tx, actor, {
      municipality: mc,
      action: "programs.import",
      recordType: "programs_file",
      recordKey: file,
      after: { sha256, ...counts, programCodes: codes },
    });
    await announceChange(tx, mc);
    return counts;
  });
  if (!dryRun) changed(db, [mc]);
  return { municipality: mc, ...result, dryRun };
}
