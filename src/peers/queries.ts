/** Reading the national reference tables (no tenant: they are the same for everyone). */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { ANY, feedOf } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import { indicators } from "../indicators/schema.ts";
import { type Body, type PeerGroup, POPULATION_BAND, type Summary } from "./rules.ts";
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

/** A municipality's own indicator and the shared indicator it is linked to (the staff page). */
export interface OwnIndicatorLink {
  code: string;
  name: string;
  unit: string;
  sharedCode: string | null;
}

/**
 * The municipality's own indicators with their links, by code; `search` keeps those whose code,
 * name or linked shared code contains it.
 */
export function ownIndicatorLinks(
  db: Db,
  municipalityCode: string,
  search = "",
): Promise<OwnIndicatorLink[]> {
  const words = search.trim().toLowerCase();
  return withTenant(db, municipalityCode, async (tx) => {
    const rows = await tx
      .select({
        code: indicators.code,
        name: indicators.name,
        unit: indicators.unit,
        sharedCode: sharedIndicatorLinks.sharedCode,
      })
      .from(indicators)
      .leftJoin(
        sharedIndicatorLinks,
        and(
          eq(sharedIndicatorLinks.municipalityCode, indicators.municipalityCode),
          eq(sharedIndicatorLinks.indicatorId, indicators.id),
        ),
      )
      .where(eq(indicators.municipalityCode, municipalityCode))
      .orderBy(asc(indicators.code));
    if (!words) return rows;
    return rows.filter((r) =>
      [r.code, r.name, r.sharedCode ?? ""].some((v) => v.toLowerCase().includes(words)),
    );
  });
}

/** One peer group's figures for one shared indicator, as `standingsOf` reads them. */
export interface GroupFigures extends Summary {
  sharedCode: string;
  fiscalYear: number;
  group: PeerGroup;
  /** Members with a smaller / a larger value than the municipality's own. */
  below: number;
  above: number;
  /** Some value of the group is invented (「サンプル」). */
  sample: boolean;
  /** The municipality's own value and note in that year. */
  value: number | null;
  note: string | null;
}

/** The peer groups `standingsOf` works out, each a condition over the row of one member. */
const GROUP_CONDITIONS: [PeerGroup, string][] = [
  ["all", "true"],
  ["similar", "in_similar"],
  ["prefecture", "in_prefecture"],
  ["population", "in_population"],
];

/** The figures of one group over the members' rows, as columns named `<group>_<figure>`. */
function groupColumns(group: PeerGroup, condition: string) {
  const f = `filter (where ${condition})`;
  const ordered = (fraction: number) =>
    `percentile_cont(${fraction}) within group (order by value) ${f}`;
  return `count(*) ${f}::int as ${group}_members,
    count(value) ${f}::int as ${group}_count,
    ${ordered(0.5)} as ${group}_median, ${ordered(0.25)} as ${group}_q1, ${ordered(0.75)} as ${group}_q3,
    min(value) ${f} as ${group}_min, max(value) ${f} as ${group}_max,
    count(*) filter (where ${condition} and value < own)::int as ${group}_below,
    count(*) filter (where ${condition} and value > own)::int as ${group}_above,
    coalesce(bool_or(sample) ${f}, false) as ${group}_sample`;
}

/**
 * Every shared indicator of one municipality, in the latest year it has a value, against each
 * peer group of its own — worked out by the database: the municipality's peers (the rules of
 * `isPeer`, as SQL), the quartiles (percentile_cont interpolates as `quantile` does) and how
 * many members are below and above it. A group without members has no row.
 *
 * Per indicator, one pass over the values of its year (read by its key: an index range), each
 * group an aggregate FILTER of the same rows: no row is read four times, and no sort runs over
 * every indicator's values at once.
 */
export async function standingsOf(db: Db, bodyCode: string): Promise<GroupFigures[]> {
  const result = await withoutTenant(db, (tx) =>
    tx.execute(sql`
      with subject as (
        select prefecture, population, similar_group
        from national_municipalities where code = ${bodyCode}
      ), latest as (
        select distinct on (shared_code) shared_code, fiscal_year, value, note
        from shared_indicator_values where body_code = ${bodyCode}
        order by shared_code, fiscal_year desc
      )
      select l.shared_code, l.fiscal_year, l.value as own, l.note as own_note, a.*
      from latest l
      cross join subject s
      cross join lateral (
        select ${sql.raw(GROUP_CONDITIONS.map(([g, c]) => groupColumns(g, c)).join(",\n"))}
        from (
          select v.value, (v.sample or m.sample) as sample, l.value as own,
            (s.similar_group is not null and m.similar_group = s.similar_group) as in_similar,
            (m.prefecture = s.prefecture) as in_prefecture,
            (s.population is not null and m.population is not null
              and m.population::float8 >= s.population::float8 * ${POPULATION_BAND.below}::float8
              and m.population::float8 <= s.population::float8 * ${POPULATION_BAND.above}::float8)
              as in_population
          from shared_indicator_values v
          join national_municipalities m on m.code = v.body_code
          where v.shared_code = l.shared_code and v.fiscal_year = l.fiscal_year
        ) members
      ) a
    `),
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.flatMap((r) =>
    GROUP_CONDITIONS.filter(([g]) => Number(r[`${g}_members`]) > 0).map(([g]) => ({
      sharedCode: String(r.shared_code),
      fiscalYear: Number(r.fiscal_year),
      group: g,
      count: Number(r[`${g}_count`]),
      median: num(r[`${g}_median`]),
      q1: num(r[`${g}_q1`]),
      q3: num(r[`${g}_q3`]),
      min: num(r[`${g}_min`]),
      max: num(r[`${g}_max`]),
      below: Number(r[`${g}_below`]),
      above: Number(r[`${g}_above`]),
      sample: r[`${g}_sample`] === true,
      value: num(r.own),
      note: r.own_note === null || r.own_note === undefined ? null : String(r.own_note),
    })),
  );
}
