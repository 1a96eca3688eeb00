import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { financeSettings, soundnessRatios } from "./schema.ts";

export type SoundnessRow = typeof soundnessRatios.$inferSelect;

/** A municipality's finance settings and its soundness ratios by fiscal year. */
export function loadSoundness(db: Db, municipalityCode: string) {
  return withTenant(db, municipalityCode, async (tx) => {
    const [settings] = await tx
      .select()
      .from(financeSettings)
      .where(eq(financeSettings.municipalityCode, municipalityCode));
    const ratios = await tx
      .select()
      .from(soundnessRatios)
      .where(eq(soundnessRatios.municipalityCode, municipalityCode))
      .orderBy(asc(soundnessRatios.fiscalYear), asc(soundnessRatios.kind));
    return { settings, ratios };
  });
}
