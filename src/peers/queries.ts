/** Reading the national reference tables (no tenant: they are the same for everyone). */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { ANY, feedOf } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import type { Body } from "./rules.ts";
import {
  nationalMunicipalities,
  sharedIndicatorLinks,
  sharedIndicators,
  sharedIndicatorValues,
  sharedIndicatorYears,
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

/** The catalogue with its years, computed once per data version (imports move it). */
export function listSharedIndicators(db: Db): Promise<SharedIndicatorSummary[]> {
  return feedOf(db).memo(ANY, "shared-indicators", () =>
    withoutTenant(db, async (tx) => {
      const catalogue = await tx
        .select()
        .from(sharedIndicators)
        .orderBy(asc(sharedIndicators.position), asc(sharedIndicators.code));
      const years = await tx
        .select()
        .from(sharedIndicatorYears)
        .orderBy(desc(sharedIndicatorYears.fiscalYear));
      const byCode = new Map<string, (typeof years)[number][]>();
      for (const y of years) byCode.set(y.sharedCode, [...(byCode.get(y.sharedCode) ?? []), y]);
      return catalogue.map((s) => {
        const mine = byCode.get(s.code) ?? [];
        return {
          ...s,
          fiscalYears: mine.map((y) => y.fiscalYear),
          bodies: mine[0]?.bodies ?? 0,
          sample: mine.some((y) => y.sample),
        };
      });
    }),
  );
}

/** After values were written: the per-year counts of these shared indicators, again. */
export async function recountYears(tx: Tx, sharedCodes: string[]) {
  const codes = sql`(select jsonb_array_elements_text(${JSON.stringify(sharedCodes)}::jsonb))`;
  await tx.execute(sql`delete from shared_indicator_years where shared_code in ${codes}`);
  await tx.execute(sql`
    insert into shared_indicator_years (shared_code, fiscal_year, bodies, sample)
    select shared_code, fiscal_year, count(value)::int, bool_or(sample)
      from shared_indicator_values
     where shared_code in ${codes}
     group by shared_code, fiscal_year`);
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
