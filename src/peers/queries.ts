/** Reading the national reference tables (no tenant: they are the same for everyone). */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import type { Body } from "./rules.ts";
import {
  nationalMunicipalities,
  sharedIndicatorLinks,
  sharedIndicators,
  sharedIndicatorValues,
} from "./schema.ts";

export type SharedIndicator = typeof sharedIndicators.$inferSelect;

export interface SharedIndicatorSummary extends SharedIndicator {
  /** Fiscal years with values, latest first. */
  fiscalYears: number[];
  /** Municipalities with a value in the latest year. */
  bodies: number;
  sample: boolean;
}

export interface NationalBody extends Body {
  sample: boolean;
}

export interface BodyValue extends NationalBody {
  value: number | null;
  note: string | null;
  valueSample: boolean;
}

export async function listSharedIndicators(db: Db): Promise<SharedIndicatorSummary[]> {
  return withoutTenant(db, async (tx) => {
    const catalogue = await tx
      .select()
      .from(sharedIndicators)
      .orderBy(asc(sharedIndicators.position), asc(sharedIndicators.code));
    const years = await tx
      .select({
        code: sharedIndicatorValues.sharedCode,
        fiscalYear: sharedIndicatorValues.fiscalYear,
        bodies: sql<number>`count(${sharedIndicatorValues.value})::int`,
        sample: sql<boolean>`bool_or(${sharedIndicatorValues.sample})`,
      })
      .from(sharedIndicatorValues)
      .groupBy(sharedIndicatorValues.sharedCode, sharedIndicatorValues.fiscalYear)
      .orderBy(desc(sharedIndicatorValues.fiscalYear));
    return catalogue.map((s) => {
      const mine = years.filter((y) => y.code === s.code);
      return {
        ...s,
        fiscalYears: mine.map((y) => y.fiscalYear),
        bodies: mine[0]?.bodies ?? 0,
        sample: mine.some((y) => y.sample),
      };
    });
  });
}

export async function findSharedIndicator(db: Db, code: string) {
  return withoutTenant(db, async (tx) => {
    const [row] = await tx.select().from(sharedIndicators).where(eq(sharedIndicators.code, code));
    return row;
  });
}

export async function findNationalBody(db: Db, code: string): Promise<NationalBody | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  return withoutTenant(db, async (tx) => {
    const [row] = await tx
      .select({
        code: nationalMunicipalities.code,
        name: nationalMunicipalities.name,
        prefecture: nationalMunicipalities.prefecture,
        population: nationalMunicipalities.population,
        similarGroup: nationalMunicipalities.similarGroup,
        sample: nationalMunicipalities.sample,
      })
      .from(nationalMunicipalities)
      .where(eq(nationalMunicipalities.code, code));
    return row;
  });
}

/** Every municipality with its value of a shared indicator in a fiscal year (null when none). */
export async function valuesOf(db: Db, sharedCodes: string[], fiscalYear: number) {
  return withoutTenant(db, (tx) =>
    tx
      .select({
        sharedCode: sharedIndicatorValues.sharedCode,
        code: nationalMunicipalities.code,
        name: nationalMunicipalities.name,
        prefecture: nationalMunicipalities.prefecture,
        population: nationalMunicipalities.population,
        similarGroup: nationalMunicipalities.similarGroup,
        sample: nationalMunicipalities.sample,
        value: sharedIndicatorValues.value,
        note: sharedIndicatorValues.note,
        valueSample: sharedIndicatorValues.sample,
      })
      .from(sharedIndicatorValues)
      .innerJoin(
        nationalMunicipalities,
        eq(nationalMunicipalities.code, sharedIndicatorValues.bodyCode),
      )
      .where(
        and(
          inArray(sharedIndicatorValues.sharedCode, sharedCodes.length ? sharedCodes : [""]),
          eq(sharedIndicatorValues.fiscalYear, fiscalYear),
        ),
      ),
  );
}

/** The fiscal years in which one municipality has a value of each shared indicator, latest first. */
export async function yearsOfBody(db: Db, bodyCode: string) {
  return withoutTenant(db, (tx) =>
    tx
      .select({
        sharedCode: sharedIndicatorValues.sharedCode,
        fiscalYear: sharedIndicatorValues.fiscalYear,
      })
      .from(sharedIndicatorValues)
      .where(eq(sharedIndicatorValues.bodyCode, bodyCode))
      .orderBy(desc(sharedIndicatorValues.fiscalYear)),
  );
}

/** The shared indicator a municipality's own indicator is linked to, if any. */
export async function linkOf(db: Db, municipalityCode: string, indicatorId: number) {
  return withTenant(db, municipalityCode, async (tx) => {
    const [row] = await tx
      .select({ sharedCode: sharedIndicatorLinks.sharedCode })
      .from(sharedIndicatorLinks)
      .where(
        and(
          eq(sharedIndicatorLinks.municipalityCode, municipalityCode),
          eq(sharedIndicatorLinks.indicatorId, indicatorId),
        ),
      );
    return row?.sharedCode;
  });
}
