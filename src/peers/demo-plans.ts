/**
 * The own plans of `shisaku demo national`'s invented municipalities (for benchmarks only): each
 * invented municipality becomes a tenant with sections, one plan (policy → measures →
 * initiatives), `indicators` own indicators hung on the measures, their appearances and
 * sections, links of the first ones to the shared indicators, and an actual per indicator and
 * fiscal year, published. Everything is named 「サンプル」.
 *
 * Written by the database itself, set-based (INSERT … SELECT over generate_series), a batch of
 * municipalities per transaction: never a row at a time.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";

/** The note of every invented tenant: how a sample tenant is told from a real one. */
export const SAMPLE_TENANT_NOTE =
  "性能測定用の架空の団体です（shisaku demo national が生成したサンプル）。実在の団体ではありません。";
export const SAMPLE_PLAN = "sample-plan";

const SECTIONS = 10;
const INITIATIVES = 3;

export interface DemoPlanOptions {
  /** Own indicators per municipality. */
  indicators: number;
  years: number;
  lastYear: number;
  /** Shared indicator codes; the municipality's first own indicators are linked to them. */
  sharedCodes: string[];
}

export interface DemoTenant {
  code: string;
  name: string;
  prefecture: string;
  city: boolean;
}

/** Measures of the plan (at most 10) and indicators per measure. */
export function planShape(indicators: number) {
  const measures = Math.min(10, indicators);
  return { measures, perMeasure: Math.ceil(indicators / measures) };
}

/** Deletes the rows of the invented tenants (their note says so) that this generator writes. */
export async function deleteDemoTenants(db: Db) {
  const sample = sql`(select code from municipalities where note = ${SAMPLE_TENANT_NOTE})`;
  for (const table of [
    "shared_indicator_links",
    "indicator_actuals",
    "indicator_sections",
    "indicator_appearances",
    "indicators",
    "node_blocks",
    "node_sections",
    "plan_nodes",
    "plans",
    "sections",
  ])
    await db.execute(sql`delete from ${sql.raw(table)} where municipality_code in ${sample}`);
  await db.execute(
    sql`delete from municipalities where note = ${SAMPLE_TENANT_NOTE}
          and not exists (select 1 from audit_log a where a.municipality_code = municipalities.code)`,
  );
}

/**
 * One batch of invented tenants with their plan, indicators and actuals. A code already taken
 * by a real municipality (its note is not the sample's) is left alone. Returns the actuals written.
 */
export async function writeDemoTenants(
  tx: Tx,
  tenants: DemoTenant[],
  o: DemoPlanOptions,
): Promise<number> {
  const first = o.lastYear - o.years + 1;
  const { measures, perMeasure } = planShape(o.indicators);
  await tx.execute(sql`
    insert into municipalities (code, name, prefecture, body_kind, note)
    select code, name, prefecture, case when city then 'city' else 'town' end, ${SAMPLE_TENANT_NOTE}
      from json_to_recordset(${JSON.stringify(tenants)}::json)
           as x(code char(6), name text, prefecture text, city boolean)
    on conflict (code) do nothing`);
  // The batch: the codes that are (now) invented tenants without a plan of the sample.
  const batch = sql`(select m.code from municipalities m
      where m.code in (select x::char(6) from jsonb_array_elements_text(${JSON.stringify(tenants.map((t) => t.code))}::jsonb) x)
        and m.note = ${SAMPLE_TENANT_NOTE}
        and not exists (select 1 from plans p where p.municipality_code = m.code and p.code = ${SAMPLE_PLAN}))`;
  const codes = (
    (await tx.execute(sql`select code from ${batch} b`)) as unknown as {
      rows: { code: string }[];
    }
  ).rows.map((r) => r.code);
  if (codes.length === 0) return 0;
  const mine = sql`(select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)::char(6) as mc)`;
  await tx.execute(sql`
    insert into sections (municipality_code, code, name, kind, position)
    select b.mc, 'ka-' || lpad(s::text, 2, '0'), 'サンプル第' || s || '課', 'section', s - 1
      from ${mine} b cross join generate_series(1, ${SECTIONS}::int) s`);
  await tx.execute(sql`
    insert into plans (municipality_code, code, title, kind, period_from, period_to, note)
    select b.mc, ${SAMPLE_PLAN}, 'サンプル総合計画', 'comprehensive', ${first}::int, ${o.lastYear + 2}::int,
           '性能測定用の架空の計画です（サンプル）。'
      from ${mine} b`);
  await tx.execute(sql`
    insert into plan_nodes (municipality_code, plan_id, parent_id, kind, code, title, summary, position)
    select p.municipality_code, p.id, null, 'policy', 'S', 'サンプル総合計画',
           '性能測定用の架空の計画です（サンプル）。', 0
      from plans p join ${mine} b on b.mc = p.municipality_code
     where p.code = ${SAMPLE_PLAN}`);
  await tx.execute(sql`
    insert into plan_nodes (municipality_code, plan_id, parent_id, kind, code, number, title, summary, position, priority)
    select n.municipality_code, n.plan_id, n.id, 'measure', 'S-' || lpad(m::text, 2, '0'), m,
           'サンプル基本施策' || m, '架空の基本施策です（サンプル）。', m - 1, m <= 2
      from plan_nodes n join ${mine} b on b.mc = n.municipality_code
           cross join generate_series(1, ${measures}::int) m
     where n.code = 'S'`);
  await tx.execute(sql`
    insert into plan_nodes (municipality_code, plan_id, parent_id, kind, code, title, description, position, challenge)
    select n.municipality_code, n.plan_id, n.id, 'initiative', n.code || '-T' || t,
           'サンプル取組' || n.number || '-' || t, '架空の取組内容です（サンプル）。', t - 1, t = 1
      from plan_nodes n join ${mine} b on b.mc = n.municipality_code
           cross join generate_series(1, ${INITIATIVES}::int) t
     where n.kind = 'measure'`);
  await tx.execute(sql`
    insert into node_sections (municipality_code, node_id, section_id, position)
    select n.municipality_code, n.id, s.id, 0
      from plan_nodes n join ${mine} b on b.mc = n.municipality_code
      join sections s on s.municipality_code = n.municipality_code
       and s.code = 'ka-' || lpad(((coalesce(n.number, n.position + 1) - 1) % ${SECTIONS}::int + 1)::text, 2, '0')
     where n.kind in ('measure', 'initiative')`);
  await tx.execute(sql`
    insert into node_blocks (municipality_code, node_id, position, kind, role, title, content)
    select n.municipality_code, n.id, 0, 'paragraphs', 'desired_state', 'あるべき将来の姿',
           '{"paragraphs":["架空の将来像です（サンプル）。"]}'::jsonb
      from plan_nodes n join ${mine} b on b.mc = n.municipality_code
     where n.kind = 'measure'`);
  // Indicator g (1…N) of a municipality hangs on measure ceil(g / perMeasure); its level comes
  // from a hash of municipality and indicator, so every municipality has different figures.
  await tx.execute(sql`
    insert into indicators (municipality_code, code, kind, name, definition, unit, decimals, node_id,
                            baseline_value, baseline_fiscal_year, baseline_text,
                            target_form, target_value, target_fiscal_year, target_text)
    select n.municipality_code, n.code || '-I' || lpad(i::text, 3, '0'),
           (array['outcome', 'reference', 'activity'])[1 + g % 3],
           'サンプル指標' || g, '性能測定用の架空の指標です（サンプル）。',
           (array['%', '件', '人', '回'])[1 + g % 4], case when g % 4 = 0 then 1 end, n.id,
           h.base, ${first}::int, h.base::text || (array['%', '件', '人', '回'])[1 + g % 4],
           'at_least', round((h.base * 1.2)::numeric, 1)::float8, ${o.lastYear + 2}::int,
           round((h.base * 1.2)::numeric, 1)::text || (array['%', '件', '人', '回'])[1 + g % 4]
      from plan_nodes n join ${mine} b on b.mc = n.municipality_code
           cross join generate_series(1, ${perMeasure}::int) i
           cross join lateral (select (n.number - 1) * ${perMeasure}::int + i as g) gi
           cross join lateral (select round((10 + (hashtext(n.municipality_code || ':' || gi.g) & 1023) / 11.0)::numeric, 1)::float8 as base) h
     where n.kind = 'measure' and gi.g <= ${o.indicators}::int
     -- A municipality's indicators together on disk, as an import of its plan writes them.
     order by n.municipality_code, gi.g`);
  await tx.execute(sql`
    insert into indicator_appearances (municipality_code, indicator_id, node_id, position)
    select i.municipality_code, i.id, i.node_id, split_part(i.code, '-I', 2)::int - 1
      from indicators i join ${mine} b on b.mc = i.municipality_code`);
  await tx.execute(sql`
    insert into indicator_sections (municipality_code, indicator_id, section_id, position)
    select i.municipality_code, i.id, s.section_id, 0
      from indicators i join ${mine} b on b.mc = i.municipality_code
      join node_sections s on s.municipality_code = i.municipality_code and s.node_id = i.node_id`);
  if (o.sharedCodes.length > 0)
    await tx.execute(sql`
      insert into shared_indicator_links (municipality_code, indicator_id, shared_code)
      select i.municipality_code, i.id, ${JSON.stringify(o.sharedCodes)}::jsonb ->> (g - 1)
        from indicators i join ${mine} b on b.mc = i.municipality_code
             cross join lateral (select case when i.name ~ '^サンプル指標[0-9]+$' then substring(i.name from 7)::int end as g) gi
       where gi.g <= ${o.sharedCodes.length}::int`);
  // Actuals: the baseline drifting towards the target, some noise; the latest year of one
  // indicator in ten has no figure yet (集計中).
  await tx.execute(sql`
    insert into indicator_actuals (municipality_code, indicator_id, fiscal_year, value, note, origin, published_at)
    select i.municipality_code, i.id, fy, v.value, case when v.value is null then '集計中' end, 'entered', now()
      from indicators i join ${mine} b on b.mc = i.municipality_code
           cross join generate_series(${first}::int, ${o.lastYear}::int) fy
           cross join lateral (select case when fy = ${o.lastYear}::int and i.id % 10 = 0 then null
             else round((i.baseline_value * (1 + (fy - ${first}::int) * 0.025 * ((i.id % 5) - 1) / 2.0)
                         * (0.97 + (hashtext(i.id::text || ':' || fy) & 63) / 1050.0))::numeric, 2)::float8
             end as value) v`);
  return codes.length * o.indicators * o.years;
}
