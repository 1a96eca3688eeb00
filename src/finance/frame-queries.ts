import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
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
