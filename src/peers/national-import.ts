/**
 * `shisaku national import <file> --fiscal-year <y>`: one of the ministry's yearly tables into
 * the national reference tables, in one transaction (all or nothing), with set-based writes.
 * Every municipality of the table is kept, whether it uses Shisaku or not.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { sql } from "drizzle-orm";
import { type Actor, SYSTEM_ACTOR } from "../core/audit.ts";
import { ANY, announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withoutTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { municipalities } from "../municipalities/schema.ts";
import { defaultLimits, readUpload } from "../spreadsheets/index.ts";
import { LAYOUT_LABELS, type NationalTable, readNationalTable } from "./national-table.ts";
import { recountYears } from "./queries.ts";
import { nationalImports } from "./schema.ts";

export interface NationalImportSummary {
  layout: string;
  fiscalYear: number;
  bodies: number;
  values: number;
  sample: boolean;
}

export function checkFiscalYear(raw: string | number | undefined, where: string): number {
  const fy = typeof raw === "number" ? raw : Number(raw);
  if (raw === undefined || raw === "")
    throw new AppError("bad_request", "年度を指定してください（--fiscal-year 2023）", [
      { location: where, message: "指定がありません" },
    ]);
  if (!Number.isInteger(fy) || fy < 1990 || fy > 2100)
    throw new AppError("bad_request", `年度は西暦4桁で指定してください（「${raw}」）`, [
      { location: where, message: "1990〜2100 の整数です" },
    ]);
  return fy;
}

export async function importNationalFile(
  db: Db,
  file: string,
  fiscalYear: number,
  actor: Actor = SYSTEM_ACTOR,
): Promise<NationalImportSummary> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new AppError("invalid_file", `ファイルを読めません: ${file}`, [
      { location: file, message: (e as Error).message },
    ]);
  }
  const name = basename(file);
  // The ministry's files hold one row per municipality: about 1,800 rows.
  const grid = await readUpload(bytes, name, "auto", {
    ...defaultLimits(),
    maxBytes: 50 * 1024 * 1024,
  });
  const table = readNationalTable(grid, name);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return storeNationalTable(db, table, { fiscalYear, fileName: name, sha256, actor });
}

/** Writes a table read from a file: bodies upserted, the year's values replaced, one record. */
export async function storeNationalTable(
  db: Db,
  table: NationalTable,
  at: { fiscalYear: number; fileName: string; sha256: string; actor: Actor },
): Promise<NationalImportSummary> {
  const tenants = await withoutTenant(db, async (tx) => {
    await upsertBodies(tx, table);
    await upsertValues(tx, table, at.fiscalYear, at.fileName);
    await recountYears(tx, [...new Set(table.values.map((v) => v.sharedCode))]);
    await tx.insert(nationalImports).values({
      layout: table.layout,
      fiscalYear: at.fiscalYear,
      fileName: at.fileName,
      sha256: at.sha256,
      rows: table.bodies.length,
      actor: at.actor.label,
    });
    // Every tenant's indicator pages and every municipality's comparison show national figures.
    const all = (await tx.select({ code: municipalities.code }).from(municipalities)).map(
      (r) => r.code,
    );
    const codes = [...new Set([ANY, ...all, ...table.bodies.map((b) => b.code)])];
    for (const mc of codes) await announceChange(tx, mc);
    return codes;
  });
  changed(db, tenants);
  return {
    layout: LAYOUT_LABELS[table.layout],
    fiscalYear: at.fiscalYear,
    bodies: table.bodies.length,
    values: table.values.length,
    sample: table.sample,
  };
}

async function upsertBodies(tx: Tx, table: NationalTable) {
  const rows = table.bodies.map((b) => ({
    code: b.code,
    name: b.name,
    prefecture: b.prefecture,
    population: b.population ?? null,
    similar_group: b.similarGroup ?? null,
  }));
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.execute(sql`
      insert into national_municipalities as n (code, name, prefecture, population, similar_group, sample)
      select code, name, prefecture, population, similar_group, ${table.sample}
        from json_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::json) as x(
               code char(6), name text, prefecture text, population integer,
               similar_group text)
      on conflict (code) do update set
        name = excluded.name,
        prefecture = excluded.prefecture,
        population = case when ${table.layout === "kessan-card"} then excluded.population else n.population end,
        similar_group = case when ${table.layout === "kessan-card"} then excluded.similar_group else n.similar_group end,
        sample = excluded.sample,
        updated_at = now()`);
  }
}

async function upsertValues(tx: Tx, table: NationalTable, fiscalYear: number, source: string) {
  const rows = table.values.map((v) => ({
    body_code: v.bodyCode,
    shared_code: v.sharedCode,
    value: v.value,
    note: v.note,
  }));
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.execute(sql`
      insert into shared_indicator_values (body_code, shared_code, fiscal_year, value, note, source, sample)
      select body_code, shared_code, ${fiscalYear}, value, note, ${source}, ${table.sample}
        from json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json) as x(
               body_code char(6), shared_code text, value double precision, note text)
      on conflict (shared_code, fiscal_year, body_code) do update set
        value = excluded.value, note = excluded.note, source = excluded.source,
        sample = excluded.sample`);
  }
}
