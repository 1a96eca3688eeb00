/**
 * Loading a programs file (see program-file.ts) in one transaction: the cost settings, and the
 * programs with their initiatives, indicators, years and evaluations. Every problem of the file
 * is reported at once, each naming the file and the path inside it; a bad file changes nothing.
 *
 * Sample programs (the demo's 「サンプル」 data) load only into the municipality the caller
 * names, only when every program of the file is marked sample and named 「サンプル」, and never
 * into a municipality that has programs of its own: sample data must not mix with real data.
 * Loading again replaces the municipality's sample programs.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import YAML from "yaml";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { issuesToDetails } from "../core/validation.ts";
import { checkProgramYear, fteHundredths } from "../costs/index.ts";
import { programCostSettings, programYears, publishCurrentYearCosts } from "../costs/schema.ts";
import {
  checkSecondaryEvaluation,
  checkSelfEvaluation,
  EVALUATION_STATES,
} from "../evaluations/index.ts";
import { programEvaluations } from "../evaluations/schema.ts";
import { indicators } from "../indicators/schema.ts";
import { municipalities, sections } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";
import { checkProgramCode, programCodeKey } from "./program.ts";
import { type EvaluationFile, ProgramsFile } from "./program-file.ts";
import { costSettings } from "./queries.ts";
import { checkShares } from "./rollup.ts";
import { programIndicators, programInitiatives, programs } from "./schema.ts";

const SAMPLE_WORD = "サンプル";

export async function readProgramsFile(
  file: string,
): Promise<{ data: ProgramsFile; sha256: string }> {
  let text: string;
  let raw: unknown;
  try {
    text = await readFile(file, "utf8");
    raw = YAML.parse(text);
  } catch (e) {
    throw new AppError("invalid_file", `事務事業ファイルを読めません: ${file}`, [
      { location: file, message: (e as Error).message.split("\n")[0]! },
    ]);
  }
  const result = ProgramsFile.safeParse(raw);
  if (!result.success)
    throw new AppError(
      "invalid_file",
      "事務事業ファイルに誤りがあります",
      issuesToDetails(result.error, file),
    );
  return { data: result.data, sha256: createHash("sha256").update(text).digest("hex") };
}

const reached = (status: EvaluationFile["status"], step: EvaluationFile["status"]) =>
  EVALUATION_STATES.indexOf(status) >= EVALUATION_STATES.indexOf(step);

/** The file's own rules (no database): codes, shares, years against the settings, evaluations. */
export function checkProgramsFile(data: ProgramsFile, opts: { sample: boolean }): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const settings = costSettings(
    data.settings.map((s) => ({
      fiscalYear: s.fiscalYear,
      regular: s.unitPersonnelCost.regular,
      partTime: s.unitPersonnelCost.partTime ?? null,
      settlementClosed: s.settlementClosed,
    })),
  );
  const seen = new Set<string>();
  data.programs.forEach((p, i) => {
    const at = `programs[${i}]`;
    issues.push(...checkProgramCode(p.code, `${at}.code`));
    const key = programCodeKey(p.code);
    if (seen.has(key))
      issues.push({ location: `${at}.code`, message: `事務事業コード ${key} が重複しています` });
    seen.add(key);
    if (opts.sample && (!p.sample || !p.name.includes(SAMPLE_WORD)))
      issues.push({
        location: `${at}.name`,
        message: `サンプルの事務事業は sample: true とし、名称に「${SAMPLE_WORD}」を含めてください`,
      });
    if (!opts.sample && p.sample)
      issues.push({
        location: `${at}.sample`,
        message: "サンプルの事務事業は団体のデータとして読み込めません",
      });
    issues.push(
      ...checkShares(
        p.initiatives.map((l) => ({ initiativeCode: l.code, share: l.share })),
        `${at}.initiatives`,
      ),
    );
    const years = new Set<number>();
    p.years.forEach((y, j) => {
      const yat = `${at}.years[${j}]`;
      if (years.has(y.fiscalYear))
        issues.push({ location: `${yat}.fiscalYear`, message: "同じ年度が重複しています" });
      years.add(y.fiscalYear);
      if (
        y.fiscalYear < p.firstFiscalYear ||
        (p.lastFiscalYear !== null && y.fiscalYear > p.lastFiscalYear)
      )
        issues.push({
          location: `${yat}.fiscalYear`,
          message: "事業の実施期間（firstFiscalYear〜lastFiscalYear）の外の年度です",
        });
      issues.push(...checkProgramYear(y, settings, yat));
      const e = y.evaluation;
      if (!e) return;
      const self = {
        ratings: {
          necessity: e.self.ratings.necessity ?? null,
          effectiveness: e.self.ratings.effectiveness ?? null,
          efficiency: e.self.ratings.efficiency ?? null,
          equity: e.self.ratings.equity ?? null,
        },
        findings: e.self.findings,
        direction: e.self.direction,
        reason: e.self.reason,
      };
      if (reached(e.status, "submitted"))
        issues.push(...checkSelfEvaluation(self, undefined, `${yat}.evaluation.self`));
      if (reached(e.status, "reviewed"))
        issues.push(
          ...checkSecondaryEvaluation(e.secondary ?? null, `${yat}.evaluation.secondary`),
        );
    });
  });
  return issues;
}

/** Ids by code of the rows the file names, and what is missing or of the wrong kind. */
export async function resolveReferences(tx: Tx, mc: string, data: ProgramsFile, file: string) {
  const [sectionRows, nodeRows, indicatorRows] = await Promise.all([
    tx
      .select({ id: sections.id, code: sections.code })
      .from(sections)
      .where(eq(sections.municipalityCode, mc)),
    tx
      .select({ id: planNodes.id, code: planNodes.code, kind: planNodes.kind })
      .from(planNodes)
      .where(eq(planNodes.municipalityCode, mc)),
    tx
      .select({ id: indicators.id, code: indicators.code, kind: indicators.kind })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc)),
  ]);
  const sectionOf = new Map(sectionRows.map((s) => [s.code, s.id]));
  const nodeOf = new Map(nodeRows.map((n) => [n.code, n]));
  const indicatorOf = new Map(indicatorRows.map((x) => [x.code, x]));
  const missing: ErrorDetail[] = [];
  data.programs.forEach((p, i) => {
    const at = `${file}: programs[${i}]`;
    if (!sectionOf.has(p.section))
      missing.push({
        location: `${at}.section`,
        message: `担当課 ${p.section} は登録されていません`,
      });
    p.initiatives.forEach((l, j) => {
      const node = nodeOf.get(l.code);
      if (node?.kind !== "initiative")
        missing.push({
          location: `${at}.initiatives[${j}].code`,
          message: node
            ? `${l.code} は事務事業を結び付けられる階層（計画の第3階層）の項目ではありません`
            : `取組 ${l.code} は登録されていません`,
        });
    });
    p.indicators.forEach((x, j) => {
      const found = indicatorOf.get(x.code);
      const location = `${at}.indicators[${j}].code`;
      if (!found) missing.push({ location, message: `指標 ${x.code} は登録されていません` });
      else if ((found.kind === "activity") !== (x.role === "activity"))
        missing.push({
          location,
          message:
            x.role === "activity"
              ? `指標 ${x.code} は活動指標（kind: activity）ではありません`
              : `活動指標 ${x.code} は成果指標として結び付けられません`,
        });
    });
  });
  return { sectionOf, nodeOf, indicatorOf, missing };
}

const evaluationRow = (e: EvaluationFile, actor: Actor, now: Date) => ({
  ratingNecessity: e.self.ratings.necessity ?? null,
  ratingEffectiveness: e.self.ratings.effectiveness ?? null,
  ratingEfficiency: e.self.ratings.efficiency ?? null,
  ratingEquity: e.self.ratings.equity ?? null,
  findings: e.self.findings,
  direction: e.self.direction,
  reason: e.self.reason,
  secondaryDirection: e.secondary?.direction ?? null,
  secondaryComment: e.secondary?.comment ?? null,
  status: e.status,
  submittedBy: reached(e.status, "submitted") ? actor.label : null,
  submittedAt: reached(e.status, "submitted") ? now : null,
  reviewedBy: reached(e.status, "reviewed") ? actor.label : null,
  reviewedAt: reached(e.status, "reviewed") ? now : null,
  publishedBy: reached(e.status, "published") ? actor.label : null,
  publishedAt: reached(e.status, "published") ? now : null,
});

export async function writePrograms(
  tx: Tx,
  mc: string,
  data: ProgramsFile,
  refs: Awaited<ReturnType<typeof resolveReferences>>,
  actor: Actor,
) {
  for (const s of data.settings) {
    const row = {
      unitCostRegular: s.unitPersonnelCost.regular,
      unitCostPartTime: s.unitPersonnelCost.partTime ?? null,
      settlementClosed: s.settlementClosed,
    };
    await tx
      .insert(programCostSettings)
      .values({ municipalityCode: mc, fiscalYear: s.fiscalYear, ...row })
      .onConflictDoUpdate({
        target: [programCostSettings.municipalityCode, programCostSettings.fiscalYear],
        set: row,
      });
  }
  if (data.programs.length === 0) return;
  const inserted = await tx
    .insert(programs)
    .values(
      data.programs.map((p) => ({
        municipalityCode: mc,
        ...p.code,
        code: programCodeKey(p.code),
        name: p.name,
        purpose: p.purpose,
        targetGroup: p.targetGroup,
        means: p.means,
        sectionId: refs.sectionOf.get(p.section)!,
        firstFiscalYear: p.firstFiscalYear,
        lastFiscalYear: p.lastFiscalYear,
        sample: p.sample,
        note: p.note ?? null,
      })),
    )
    .returning({ id: programs.id, code: programs.code });
  const idOf = new Map(inserted.map((r) => [r.code, r.id]));
  const now = new Date();
  const links = [];
  const measures = [];
  const years = [];
  const evaluations = [];
  for (const p of data.programs) {
    const programId = idOf.get(programCodeKey(p.code))!;
    const base = { municipalityCode: mc, programId };
    links.push(
      ...p.initiatives.map((l, position) => ({
        ...base,
        nodeId: refs.nodeOf.get(l.code)!.id,
        share: l.share,
        position,
      })),
    );
    measures.push(
      ...p.indicators.map((x, position) => ({
        ...base,
        indicatorId: refs.indicatorOf.get(x.code)!.id,
        role: x.role,
        position,
      })),
    );
    for (const y of p.years) {
      years.push({
        ...base,
        fiscalYear: y.fiscalYear,
        leadingProject: y.leadingProject,
        initialBudget: y.initialBudget,
        finalBudget: y.finalBudget,
        settlement: y.settlement,
        fundingNational: y.funding.national,
        fundingPrefectural: y.funding.prefectural,
        fundingBonds: y.funding.bonds,
        fundingOtherSpecific: y.funding.otherSpecific,
        fundingGeneral: y.funding.general,
        staffRegularHundredths: fteHundredths(y.staff.regular)!,
        staffPartTimeHundredths: fteHundredths(y.staff.partTime)!,
        facilities: y.facilities,
      });
      if (y.evaluation)
        evaluations.push({
          ...base,
          fiscalYear: y.fiscalYear,
          ...evaluationRow(y.evaluation, actor, now),
        });
    }
  }
  await tx.insert(programInitiatives).values(links);
  if (measures.length) await tx.insert(programIndicators).values(measures);
  if (years.length) {
    // A program file holds the municipality's own figures: they are public as loaded.
    const ids = (
      await tx.insert(programYears).values(years).returning({ id: programYears.id })
    ).map((r) => r.id);
    await tx
      .update(programYears)
      .set(publishCurrentYearCosts())
      .where(inArray(programYears.id, ids));
  }
  if (evaluations.length) await tx.insert(programEvaluations).values(evaluations);
}

/**
 * Loads the demo's sample programs into `municipality` (the demo municipality, named by the
 * caller): replaces its earlier sample programs, refuses a file of another municipality, a
 * program not marked sample, and a municipality that has programs of its own.
 */
export async function importSamplePrograms(
  db: Db,
  file: string,
  municipality: string,
  actor: Actor = SYSTEM_ACTOR,
) {
  const { data, sha256 } = await readProgramsFile(file);
  const fail = (details: ErrorDetail[]) =>
    new AppError("invalid_file", "事務事業ファイルに誤りがあります", details);
  if (data.municipality !== municipality)
    throw fail([
      {
        location: `${file}: municipality`,
        message: `サンプルの事務事業は団体コード ${municipality} のデモにだけ読み込めます（ファイルは ${data.municipality}）`,
      },
    ]);
  const own = checkProgramsFile(data, { sample: true });
  if (own.length)
    throw fail(own.map((d) => ({ location: `${file}: ${d.location}`, message: d.message })));
  const mc = data.municipality;
  const counts = await withTenant(db, mc, async (tx) => {
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
    const [real] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(programs)
      .where(and(eq(programs.municipalityCode, mc), eq(programs.sample, false)));
    if ((real?.n ?? 0) > 0)
      throw new AppError(
        "conflict",
        `団体コード ${mc} には団体の事務事業が登録されているため、サンプルの事務事業は読み込めません`,
      );
    const refs = await resolveReferences(tx, mc, data, file);
    if (refs.missing.length) throw fail(refs.missing);
    await tx
      .delete(programs)
      .where(and(eq(programs.municipalityCode, mc), eq(programs.sample, true)));
    await writePrograms(tx, mc, data, refs, actor);
    const result = {
      programs: data.programs.length,
      years: data.programs.reduce((n, p) => n + p.years.length, 0),
    };
    await audit(tx, actor, {
      municipality: mc,
      action: "programs.import_sample",
      recordType: "programs_file",
      recordKey: file,
      after: { sha256, ...result },
    });
    await announceChange(tx, mc);
    return result;
  });
  changed(db, [mc]);
  return { municipality: mc, ...counts };
}
