/**
 * Loads a frame file (frame-file.ts) in one transaction: the municipality's stored frame years
 * and scenarios are replaced by the file's, with one audit entry. Before anything is written the
 * years and scenarios go through the pure rules of frame.ts / frame-scenario.ts and are projected
 * once, so a file the page could not project is refused with the path of what is wrong.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import YAML from "yaml";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { issuesToDetails } from "../core/validation.ts";
import { municipalities } from "../municipalities/schema.ts";
import { type FrameYear, validateFrameYear } from "./frame.ts";
import { FrameFile } from "./frame-file.ts";
import { project } from "./frame-projection.ts";
import {
  BASIC,
  basicScenario,
  PRUDENT,
  prudentFrom,
  type Scenario,
  type ScenarioAssumptions,
} from "./frame-scenario.ts";
import { fiscalFrameScenarios, fiscalFrameYears } from "./frame-schema.ts";

const INVALID = "財政フレームのファイルに誤りがあります";

export async function readFrameFile(file: string): Promise<FrameFile> {
  let raw: unknown;
  try {
    raw = YAML.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new AppError("invalid_file", `財政フレームのファイルを読めません: ${file}`, [
      { location: file, message: (e as Error).message.split("\n")[0]! },
    ]);
  }
  const result = FrameFile.safeParse(raw);
  if (!result.success)
    throw new AppError("invalid_file", INVALID, issuesToDetails(result.error, file));
  return result.data;
}

/** The file's years as the pure FrameYear of frame.ts. */
export const frameYearsOf = (data: FrameFile): FrameYear[] =>
  data.years.map((y) => ({
    fiscalYear: y.fiscalYear,
    kind: y.kind,
    revenue: y.revenue,
    extraordinaryFiscalBonds: y.extraordinaryFiscalBonds,
    expenditure: y.expenditure,
  }));

/** 基本 and 慎重 from the file's assumptions (throws RangeError naming the field). */
export function scenariosOf(data: FrameFile): Scenario[] {
  const basic = basicScenario(data.scenarios.basic.assumptions as ScenarioAssumptions);
  return [basic, prudentFrom(basic, data.scenarios.prudent.deltas)];
}

/** The pure rules of frame.ts and frame-scenario.ts, with errors naming file and path. */
function check(file: string, data: FrameFile): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const years = frameYearsOf(data);
  years.forEach((y, i) => {
    try {
      validateFrameYear(y, `years[${i}]`);
    } catch (e) {
      errors.push({ location: `${file}: years[${i}]`, message: (e as Error).message });
    }
  });
  if (errors.length) return errors;
  let scenarios: Scenario[];
  try {
    scenarios = scenariosOf(data);
  } catch (e) {
    return [{ location: `${file}: scenarios`, message: (e as Error).message }];
  }
  for (const [key, scenario] of [
    ["basic", scenarios[0]!],
    ["prudent", scenarios[1]!],
  ] as const) {
    try {
      project(years, scenario, data.scenarios.basic.untilFiscalYear);
    } catch (e) {
      const at = (e as Error).message.startsWith("base") ? "years" : `scenarios.${key}`;
      errors.push({ location: `${file}: ${at}`, message: (e as Error).message });
    }
  }
  return errors;
}

export async function importFrame(db: Db, file: string, actor: Actor = SYSTEM_ACTOR) {
  const data = await readFrameFile(file);
  const errors = check(file, data);
  if (errors.length) throw new AppError("invalid_file", INVALID, errors);
  const mc = data.municipality;
  const [basic, prudent] = scenariosOf(data) as [Scenario, Scenario];
  const { name: _b, ...basicAssumptions } = basic;
  const { name: _p, ...prudentAssumptions } = prudent;
  const counts = await withTenant(db, mc, async (tx) => {
    const [exists] = await tx
      .select({ code: municipalities.code })
      .from(municipalities)
      .where(eq(municipalities.code, mc));
    if (!exists)
      throw new AppError("invalid_file", `団体コード ${mc} の団体が登録されていません`, [
        { location: `${file}: municipality`, message: "先に計画ファイルを読み込んでください" },
      ]);
    await tx.delete(fiscalFrameYears).where(eq(fiscalFrameYears.municipalityCode, mc));
    await tx.delete(fiscalFrameScenarios).where(eq(fiscalFrameScenarios.municipalityCode, mc));
    await tx.insert(fiscalFrameYears).values(
      data.years.map((y) => ({
        municipalityCode: mc,
        scenario: "",
        fiscalYear: y.fiscalYear,
        kind: y.kind,
        revenue: y.revenue,
        extraordinaryFiscalBonds: y.extraordinaryFiscalBonds,
        expenditure: y.expenditure,
        funds: y.funds ?? null,
        population: y.population ?? null,
        standardFiscalScale: y.standardFiscalScale ?? null,
        published: y.published ?? null,
        sample: y.sample,
        source: y.source,
        note: y.note ?? null,
      })),
    );
    const { basic: b, prudent: p } = data.scenarios;
    await tx.insert(fiscalFrameScenarios).values([
      {
        municipalityCode: mc,
        name: BASIC,
        position: 1,
        untilFiscalYear: b.untilFiscalYear,
        assumptions: basicAssumptions,
        derivedFrom: null,
        sample: b.sample,
        source: b.source,
        note: b.note ?? null,
      },
      {
        municipalityCode: mc,
        name: PRUDENT,
        position: 2,
        untilFiscalYear: b.untilFiscalYear,
        assumptions: prudentAssumptions,
        derivedFrom: { scenario: BASIC, deltas: p.deltas },
        sample: p.sample,
        source: p.source,
        note: p.note ?? null,
      },
    ]);
    const result = { years: data.years.length, scenarios: 2 };
    await audit(tx, actor, {
      municipality: mc,
      action: "finance.import",
      recordType: "finance_file",
      recordKey: file,
      after: {
        frame: true,
        sha256: createHash("sha256").update(JSON.stringify(data)).digest("hex"),
        ...result,
      },
    });
    await announceChange(tx, mc);
    return result;
  });
  changed(db, [mc]);
  return { municipality: mc, ...counts };
}
