import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { notFound } from "../core/errors.ts";
import { type FrameReport, frameReport } from "./frame-report.ts";
import { fiscalFrameScenarios, fiscalFrameYears } from "./frame-schema.ts";

/** A municipality's stored frame, projected under each of its scenarios. */
export async function loadFrame(db: Db, municipalityCode: string): Promise<FrameReport> {
  const { years, scenarios } = await withTenant(db, municipalityCode, async (tx) => ({
    years: await tx
      .select()
      .from(fiscalFrameYears)
      .where(eq(fiscalFrameYears.municipalityCode, municipalityCode))
      .orderBy(asc(fiscalFrameYears.fiscalYear)),
    scenarios: await tx
      .select()
      .from(fiscalFrameScenarios)
      .where(eq(fiscalFrameScenarios.municipalityCode, municipalityCode))
      .orderBy(asc(fiscalFrameScenarios.position)),
  }));
  return frameReport(years, scenarios);
}

/**
 * One scenario and the years its form edits (those after the last stored year, up to the
 * scenario's last); a missing scenario is a 404.
 */
export async function loadScenario(db: Db, municipalityCode: string, name: string) {
  const report = await loadFrame(db, municipalityCode);
  const s = report.scenarios.find((x) => x.row.name === name);
  if (!s) throw notFound(`推計の前提「${name}」`);
  const last = report.years.at(-1)?.fiscalYear ?? s.row.untilFiscalYear;
  const years = Array.from(
    { length: Math.max(0, s.row.untilFiscalYear - last) },
    (_, i) => last + 1 + i,
  );
  return { row: s.row, years };
}
