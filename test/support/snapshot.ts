/**
 * The whole stored state of the plan and indicator tables, with serial ids replaced by the
 * stable codes they point to — so two databases can be compared row for row.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/core/db/client.ts";

const QUERIES: Record<string, string> = {
  municipalities:
    "select code, name, prefecture, body_kind, note from municipalities order by code",
  sections:
    "select municipality_code, code, name, kind, note, position from sections order by municipality_code, code",
  plans:
    "select municipality_code, code, title, subtitle, kind, period_from, period_to, source, note from plans order by municipality_code, code",
  plan_nodes: `select n.municipality_code, p.code as plan, parent.code as parent, n.kind, n.code, n.number, n.title,
      n.summary, n.description, n.position, n.priority, n.challenge, n.note
    from plan_nodes n join plans p on p.id = n.plan_id left join plan_nodes parent on parent.id = n.parent_id
    order by n.municipality_code, n.code`,
  node_sections: `select n.code as node, s.code as section, ns.position from node_sections ns
    join plan_nodes n on n.id = ns.node_id join sections s on s.id = ns.section_id order by n.code, ns.position`,
  node_blocks: `select n.code as node, b.position, b.kind, b.role, b.title, b.note, b.content::text as content
    from node_blocks b join plan_nodes n on n.id = b.node_id order by n.code, b.position`,
  indicators: `select i.municipality_code, i.code, i.kind, i.name, i.definition, i.unit, i.decimals, i.challenge,
      i.value_kind, i.year_kind, i.source::text as source, n.code as node, i.baseline_value, i.baseline_fiscal_year,
      i.baseline_text, i.baseline_note, i.target_form, i.target_value, i.target_fiscal_year, i.target_text,
      i.target_note, i.target_interim::text as target_interim, i.note
    from indicators i left join plan_nodes n on n.id = i.node_id order by i.municipality_code, i.code`,
  indicator_appearances: `select i.code as indicator, n.code as node, a.position, a.reposted from indicator_appearances a
    join indicators i on i.id = a.indicator_id join plan_nodes n on n.id = a.node_id order by i.code, n.code`,
  indicator_sections: `select i.code as indicator, s.code as section, x.position from indicator_sections x
    join indicators i on i.id = x.indicator_id join sections s on s.id = x.section_id order by i.code, x.position`,
  soundness_ratios:
    "select municipality_code, fiscal_year, kind, origin, value, source, note from soundness_ratios order by 1, 2, 3",
  indicator_actuals: `select i.code as indicator, a.fiscal_year, a.value, a.text, a.done, a.as_of, a.estimate,
      a.note, a.source, a.origin from indicator_actuals a
    join indicators i on i.id = a.indicator_id order by i.code, a.fiscal_year`,
};

export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, query] of Object.entries(QUERIES)) {
    const result = await db.execute(sql.raw(query));
    out[table] = (result as unknown as { rows: unknown[] }).rows;
  }
  return out;
}

/** Empties every table (for importing into a database with nothing in it). */
export async function emptyDatabase(db: Db) {
  await db.execute(
    sql.raw(
      `truncate ${Object.keys(QUERIES).join(", ")}, section_name_history, finance_settings restart identity cascade`,
    ),
  );
}
