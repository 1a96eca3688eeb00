/**
 * Every query of the application runs as the role `shisaku_app` inside a transaction that names
 * its tenant; PostgreSQL's row-level security (drizzle/0001_row_level_security.sql) then shows
 * and accepts only that municipality's rows — a second guard behind the application's own
 * `where municipality_code = …`. Without a tenant, tenant-owned tables look empty.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";
import { bindsWithSetLocal } from "./tenant-binding.ts";

export const APP_ROLE = "shisaku_app";

/** A municipality code as an SQL literal: six digits, or '' for none (SET takes no parameters). */
export function tenantLiteral(municipalityCode: string | null): string {
  if (municipalityCode === null || municipalityCode === "") return "''";
  if (!/^[0-9]{6}$/.test(municipalityCode))
    throw new Error(`団体コードは6桁の数字です: ${JSON.stringify(municipalityCode)}`);
  return `'${municipalityCode}'`;
}

/** Binds the application role, and the tenant when given, for the rest of the transaction. */
export async function bindTenant(tx: Tx, municipalityCode: string | null) {
  if (bindsWithSetLocal()) {
    // SET takes no parameters: the code is checked and quoted by tenantLiteral.
    await tx.execute(sql.raw("set local citus.propagate_set_commands to local"));
    await tx.execute(sql.raw(`set local role ${APP_ROLE}`));
    await tx.execute(
      sql.raw(`set local shisaku.municipality to ${tenantLiteral(municipalityCode)}`),
    );
    return;
  }
  await tx.execute(
    sql`select set_config('role', ${APP_ROLE}, true), set_config('shisaku.municipality', ${municipalityCode ?? ""}, true)`,
  );
}

/** Runs `fn` in a transaction bound to one municipality. */
export function withTenant<T>(
  db: Db | Tx,
  municipalityCode: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await bindTenant(tx, municipalityCode);
    return fn(tx);
  });
}

/** Runs `fn` in a transaction bound to the application role and no tenant (public directory). */
export function withoutTenant<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await bindTenant(tx, null);
    return fn(tx);
  });
}
