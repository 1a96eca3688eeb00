/**
 * Writes indicators from plan files: upsert by code, appearances, sections, actuals. Set-based:
 * a few statements for all the indicators of an import, each row sent as JSON
 * (core/db/json-rows.ts), and a row is written only when what it holds differs from what the
 * file says, so that an import that changes nothing writes nothing and raises no version.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { recordsOf, replaceRows } from "../core/db/json-rows.ts";
import type { IndicatorFile } from "../plan/index.ts";

export interface IndicatorPlacement {
  municipalityCode: string;
  nodeId: number;
  position: number;
  sectionIds: Map<string, number>;
}

/** What an import did to the indicators it names, by `municipality/code`. */
export interface IndicatorWrites {
  created: Set<string>;
  /** Created or changed: the row itself, a place, a section or an actual. */
  changed: Set<string>;
}

type Placed = { file: IndicatorFile; at: IndicatorPlacement };

/** The columns a plan file sets on an indicator, as JSON keys and SQL types. */
const INDICATOR_COLUMNS: Record<string, string> = {
  kind: "text",
  name: "text",
  definition: "text",
  unit: "text",
  decimals: "integer",
  challenge: "boolean",
  value_kind: "text",
  year_kind: "text",
  source: "jsonb",
  baseline_value: "double precision",
  baseline_fiscal_year: "integer",
  baseline_text: "text",
  baseline_note: "text",
  target_form: "text",
  target_value: "double precision",
  target_fiscal_year: "integer",
  target_text: "text",
  target_note: "text",
  target_interim: "jsonb",
  note: "text",
};

function indicatorValues(file: IndicatorFile) {
  return {
    kind: file.kind,
    name: file.name,
    definition: file.definition ?? null,
    unit: file.unit,
    decimals: file.decimals ?? null,
    challenge: file.challenge,
    value_kind: file.valueKind,
    year_kind: file.yearKind,
    source: file.source ?? null,
    baseline_value: file.baseline.value,
    baseline_fiscal_year: file.baseline.fiscalYear,
    baseline_text: file.baseline.text,
    baseline_note: file.baseline.note ?? null,
    target_form: file.target.form,
    target_value: file.target.value,
    target_fiscal_year: file.target.fiscalYear,
    target_text: file.target.text,
    target_note: file.target.note ?? null,
    target_interim: file.target.interim.map((p) => ({
      fiscalYear: p.fiscalYear,
      value: p.value,
      text: p.text,
      ...(p.note ? { note: p.note } : {}),
    })),
    note: file.note ?? null,
  };
}

const ACTUAL_COLUMNS: Record<string, string> = {
  municipality_code: "char(6)",
  indicator_id: "integer",
  fiscal_year: "integer",
  value: "double precision",
  text: "text",
  done: "boolean",
  as_of: "date",
  estimate: "boolean",
  note: "text",
  source: "text",
};
const ACTUAL_SET = ["value", "text", "done", "as_of", "estimate", "note", "source"];

const list = (names: string[], prefix: string) =>
  sql.raw(names.map((n) => `${prefix}${n}`).join(", "));
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Writes the indicators of plan files, each where it is printed. The same as saving them one
 * after another in order: an indicator printed at several nodes (再掲) is written once per
 * place, in rounds that each hold one place of every indicator, so that the last place's values
 * win and a reposted place keeps the indicator's home.
 */
export async function saveIndicators(tx: Tx, placed: Placed[]): Promise<IndicatorWrites> {
  const writes: IndicatorWrites = { created: new Set(), changed: new Set() };
  if (placed.length === 0) return writes;
  const rounds: Placed[][] = [];
  const seen = new Map<string, number>();
  for (const p of placed) {
    const key = keyOf(p.at.municipalityCode, p.file.code);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === rounds.length) rounds.push([]);
    rounds[n]!.push(p);
  }
  const ids = await existingIds(tx, placed);
  const rowChanged = new Set<number>();
  for (const round of rounds) await saveRound(tx, round, ids, writes, rowChanged);
  // A change to a place, a section or an actual makes forms opened on the indicator stale too.
  const bump = [...writes.changed]
    .filter((k) => !writes.created.has(k))
    .map((k) => ids.get(k)!)
    .filter((id) => !rowChanged.has(id));
  if (bump.length > 0)
    await tx.execute(sql`update indicators set version = version + 1
      where id in (select id from ${recordsOf(
        bump.map((id) => ({ id })),
        { id: "integer" },
      )})`);
  return writes;
}

const keyOf = (mc: string, code: string) => `${mc}/${code}`;

/** Ids of the indicators that exist already, by `municipality/code`. */
async function existingIds(tx: Tx, placed: Placed[]) {
  const wanted = [...new Set(placed.map((p) => keyOf(p.at.municipalityCode, p.file.code)))].map(
    (k) => ({ municipality_code: k.slice(0, k.indexOf("/")), code: k.slice(k.indexOf("/") + 1) }),
  );
  const rows = rowsOf<{ id: number; mc: string; code: string }>(
    await tx.execute(sql`select i.id, i.municipality_code as mc, i.code from indicators i
      join ${recordsOf(wanted, { municipality_code: "char(6)", code: "text" })}
        on x.municipality_code = i.municipality_code and x.code = i.code`),
  );
  return new Map(rows.map((r) => [keyOf(r.mc, r.code), r.id]));
}

async function saveRound(
  tx: Tx,
  round: Placed[],
  ids: Map<string, number>,
  writes: IndicatorWrites,
  rowChanged: Set<number>,
) {
  const columns = Object.keys(INDICATOR_COLUMNS);
  const key = (p: Placed) => keyOf(p.at.municipalityCode, p.file.code);
  const changedIds = new Set<number>();
  for (const reposted of [false, true]) {
    const rows = round.filter((p) => p.file.reposted === reposted);
    if (rows.length === 0) continue;
    // A reposted indicator (再掲) belongs to another node: keep its home unless it has none.
    const nodeId: SQL = reposted
      ? sql`coalesce(indicators.node_id, excluded.node_id)`
      : sql`excluded.node_id`;
    const written = rowsOf<{ id: number; mc: string; code: string; created: boolean }>(
      await tx.execute(sql`
        insert into indicators (municipality_code, code, node_id, ${list(columns, "")})
        select municipality_code, code, node_id, ${list(columns, "")}
        from ${recordsOf(
          rows.map(({ file, at }) => ({
            municipality_code: at.municipalityCode,
            code: file.code,
            node_id: at.nodeId,
            ...indicatorValues(file),
          })),
          { municipality_code: "char(6)", code: "text", node_id: "integer", ...INDICATOR_COLUMNS },
        )}
        on conflict (municipality_code, code) do update
          set ${sql.raw(columns.map((c) => `${c} = excluded.${c}`).join(", "))},
            node_id = ${nodeId}, version = indicators.version + 1
          where (${list(columns, "indicators.")}, indicators.node_id)
            is distinct from (${list(columns, "excluded.")}, ${nodeId})
        returning id, municipality_code as mc, code, (xmax::text = '0') as created`),
    );
    for (const w of written) {
      const k = keyOf(w.mc, w.code);
      ids.set(k, w.id);
      writes.changed.add(k);
      if (w.created) writes.created.add(k);
      else rowChanged.add(w.id);
    }
  }
  const idOf = (p: Placed) => ids.get(key(p))!;
  const byId = new Map(round.map((p) => [idOf(p), key(p)]));

  const appearances = round.map((p) => ({
    municipality_code: p.at.municipalityCode,
    indicator_id: idOf(p),
    node_id: p.at.nodeId,
    position: p.at.position,
    reposted: p.file.reposted,
  }));
  for (const r of rowsOf<{ id: number }>(
    await tx.execute(sql`
      insert into indicator_appearances (municipality_code, indicator_id, node_id, position, reposted)
      select municipality_code, indicator_id, node_id, position, reposted from ${recordsOf(
        appearances,
        {
          municipality_code: "char(6)",
          indicator_id: "integer",
          node_id: "integer",
          position: "integer",
          reposted: "boolean",
        },
      )}
      on conflict (indicator_id, node_id, municipality_code) do update
        set position = excluded.position, reposted = excluded.reposted
        where (indicator_appearances.position, indicator_appearances.reposted)
          is distinct from (excluded.position, excluded.reposted)
      returning indicator_id as id`),
  ))
    changedIds.add(r.id);

  // Sections: the rows the file no longer gives are removed, the new ones added.
  const sectionRows = round.flatMap((p) =>
    p.file.sections.map((code, position) => ({
      municipality_code: p.at.municipalityCode,
      indicator_id: idOf(p),
      section_id: p.at.sectionIds.get(code)!,
      position,
    })),
  );
  for (const r of await replaceRows(tx, {
    table: "indicator_sections",
    owner: "indicator_id",
    owners: round.map((p) => ({ municipality_code: p.at.municipalityCode, id: idOf(p) })),
    rows: sectionRows,
    columns: {
      municipality_code: "char(6)",
      indicator_id: "integer",
      section_id: "integer",
      position: "integer",
    },
  }))
    changedIds.add(r);

  // Actuals are upserted by fiscal year; an actual missing from the file is never deleted.
  const actualRows = round.flatMap((p) =>
    p.file.actuals.map((a) => ({
      municipality_code: p.at.municipalityCode,
      indicator_id: idOf(p),
      fiscal_year: a.fiscalYear,
      value: a.value,
      text: a.text ?? null,
      done: a.done ?? null,
      as_of: a.asOf ?? null,
      estimate: a.estimate,
      note: a.note ?? null,
      source: a.source ?? null,
    })),
  );
  if (actualRows.length > 0) {
    const all = Object.keys(ACTUAL_COLUMNS);
    for (const r of rowsOf<{ id: number }>(
      await tx.execute(sql`
        insert into indicator_actuals (${list(all, "")})
        select ${list(all, "")} from ${recordsOf(actualRows, ACTUAL_COLUMNS)}
        on conflict (indicator_id, fiscal_year, municipality_code) do update
          set ${sql.raw(ACTUAL_SET.map((c) => `${c} = excluded.${c}`).join(", "))},
            -- An edit form opened before this import must not overwrite it silently.
            version = indicator_actuals.version + 1
          where (${list(ACTUAL_SET, "indicator_actuals.")})
            is distinct from (${list(ACTUAL_SET, "excluded.")})
        returning indicator_id as id`),
    ))
      changedIds.add(r.id);
  }
  for (const id of changedIds) writes.changed.add(byId.get(id)!);
}
