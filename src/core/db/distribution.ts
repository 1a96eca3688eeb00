/**
 * How the tables are laid out when the database is distributed by municipality (Citus): every
 * table with a `municipality_code` column is a distributed table, sharded by that column and
 * colocated with every other one, so that a municipality's rows — and the keys and references
 * between them — are on one shard; the tables below are shared by every municipality and copied
 * to every node (reference tables). This list is the one place that says so:
 * test/integration/distribution.test.ts checks the database's catalog against it
 * (`distributionProblems`), and docs/scale.md's DDL is `distributionDdl`'s output over the same
 * catalog (the test says what to paste when they differ).
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";
import { jsonRows } from "./json-rows.ts";
import { APP_ROLE } from "./tenant.ts";

/** The column every tenant table is distributed by. */
export const DISTRIBUTION_COLUMN = "municipality_code";

/** Tables shared by every municipality, with why: they become Citus reference tables. */
export const REFERENCE_TABLES: Readonly<Record<string, string>> = {
  municipalities: "the tenants themselves; every tenant table references it",
  users:
    "one identity signs in to every municipality it is a member of (memberships are per municipality)",
  sign_in_failures:
    "failed sign-ins counted per e-mail, address and device across municipalities; names none",
  shared_indicators: "the national catalogue of standard indicators every municipality links to",
  national_municipalities:
    "every municipality of Japan, users of Shisaku or not, from the ministry's tables",
  shared_indicator_values:
    "the ministry's published figures of every municipality, compared across all of them",
  shared_indicator_years: "how many values each shared indicator has per fiscal year",
  national_imports: "the national tables imported, for every municipality at once",
};

/** A table as the DDL needs it: its name and the tables its foreign keys reference. */
export interface TableShape {
  name: string;
  /** Whether it has the distribution column. */
  distributed: boolean;
  references: string[];
}

/**
 * The Citus DDL distributing `tables`: reference tables first, then the distributed ones, each
 * after the tables it references (Citus requires a referenced table to be a reference table or
 * a colocated distributed table already), all colocated with the first.
 */
export function distributionDdl(tables: readonly TableShape[], shardCount = 32): string {
  const reference = inDependencyOrder(
    tables.filter((t) => !t.distributed),
    "shared",
  );
  const ordered = inDependencyOrder(
    tables.filter((t) => t.distributed),
    "tenant",
  );
  const first = ordered[0];
  return [
    "-- For this session: a table becomes a reference table while local tenant tables still",
    "-- reference it (instead of turning them into Citus local tables, which policies forbid),",
    "-- and the audit log's append-only trigger runs on its shards.",
    "SET citus.enable_local_reference_table_foreign_keys = off;",
    "SET citus.enable_unsafe_triggers = on;",
    "-- Citus reaches the workers as the current role: the application's role must log in there.",
    `ALTER ROLE ${APP_ROLE} LOGIN;`,
    "",
    "-- Shared by every municipality: one copy on every node; each after the tables it references.",
    ...reference.map((name) => `SELECT create_reference_table('${name}');`),
    "",
    `-- Tenant tables: sharded by ${DISTRIBUTION_COLUMN}, ${shardCount} shards, all colocated;`,
    "-- each after the tables it references.",
    `SET citus.shard_count = ${shardCount};`,
    ...ordered.map((name) =>
      name === first
        ? `SELECT create_distributed_table('${name}', '${DISTRIBUTION_COLUMN}');`
        : `SELECT create_distributed_table('${name}', '${DISTRIBUTION_COLUMN}', colocate_with => '${first}');`,
    ),
  ].join("\n");
}

/**
 * Level by level: the tables that reference no other table of the group, then those that
 * reference only tables already placed, and so on; by name within a level.
 */
function inDependencyOrder(group: readonly TableShape[], what: string): string[] {
  const tables = new Map(group.map((t) => [t.name, t]));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const level = [...tables.values()]
      .filter(
        (t) =>
          !placed.has(t.name) &&
          t.references.every((r) => r === t.name || !tables.has(r) || placed.has(r)),
      )
      .map((t) => t.name)
      .sort();
    if (level.length === 0)
      throw new Error(
        `${what} tables reference each other in a cycle: ${[...tables.keys()].filter((n) => !placed.has(n)).join(", ")}`,
      );
    for (const name of level) placed.add(name);
    ordered.push(...level);
  }
  return ordered;
}

/** A table of the database as its catalog describes it. */
export interface CatalogTable {
  name: string;
  columns: string[];
  /** The primary key, unique constraints and unique indexes, with their columns in order. */
  uniques: {
    name: string;
    kind: "primary key" | "unique constraint" | "unique index";
    columns: string[];
  }[];
  foreignKeys: {
    name: string;
    columns: string[];
    target: string;
    targetColumns: string[];
    /** pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default. */
    onDelete: string;
  }[];
}

/** The tables of the public schema, their keys, unique indexes and foreign keys. */
export async function readCatalog(db: Db | Tx): Promise<CatalogTable[]> {
  const tx = db as Tx;
  const [tables, uniques, foreignKeys] = await Promise.all([
    jsonRows<{ name: string; columns: string[] }>(
      tx,
      sql`select c.relname as name,
                 (select json_agg(a.attname order by a.attnum) from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p')
           order by c.relname`,
    ),
    jsonRows<{ table: string } & CatalogTable["uniques"][number]>(
      tx,
      sql`select t.relname as "table", i.relname as name,
                 case when x.indisprimary then 'primary key'
                      when exists (select 1 from pg_constraint k
                                    where k.conindid = x.indexrelid and k.contype = 'u')
                        then 'unique constraint'
                      else 'unique index' end as kind,
                 (select json_agg(coalesce(a.attname, '(expression)') order by k.ord)
                    from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
                    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum)
                   as columns
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
           where n.nspname = 'public' and x.indisunique
           order by t.relname, i.relname`,
    ),
    jsonRows<{ table: string } & CatalogTable["foreignKeys"][number]>(
      tx,
      sql`select t.relname as "table", c.conname as name, f.relname as target,
                 (select json_agg(a.attname order by k.ord)
                    from unnest(c.conkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)
                   as columns,
                 (select json_agg(a.attname order by k.ord)
                    from unnest(c.confkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum)
                   as "targetColumns",
                 c.confdeltype as "onDelete"
            from pg_constraint c
            join pg_class t on t.oid = c.conrelid
            join pg_class f on f.oid = c.confrelid
            join pg_namespace n on n.oid = t.relnamespace
           where c.contype = 'f' and n.nspname = 'public'
           order by t.relname, c.conname`,
    ),
  ]);
  return tables.map((t) => ({
    ...t,
    uniques: uniques.filter((u) => u.table === t.name).map(({ table: _, ...u }) => u),
    foreignKeys: foreignKeys.filter((f) => f.table === t.name).map(({ table: _, ...f }) => f),
  }));
}

const C = DISTRIBUTION_COLUMN;
const LIST = "REFERENCE_TABLES in src/core/db/distribution.ts";
const list = (columns: string[]) => columns.join(", ");

/**
 * What keeps `tables` from being distributed by municipality, one sentence per problem, each
 * naming the table and constraint and saying how to fix it. Empty when ready.
 */
export function distributionProblems(
  tables: readonly CatalogTable[],
  reference: Readonly<Record<string, string>> = REFERENCE_TABLES,
): string[] {
  const problems: string[] = [];
  const tenant = new Set(tables.filter((t) => t.columns.includes(C)).map((t) => t.name));
  for (const name of Object.keys(reference))
    if (!tables.some((t) => t.name === name))
      problems.push(
        `${name} is listed in ${LIST} but the database has no such table: remove it from the list.`,
      );
  for (const t of tables) {
    if (!tenant.has(t.name)) {
      if (!(t.name in reference))
        problems.push(
          `${t.name} has no ${C} column and is not a reference table: if its rows belong to a municipality, add \`municipalityCode: tenantCode()\` (and row-level security) in its schema.ts; if it is shared by every municipality, add it to ${LIST} with the reason.`,
        );
      for (const fk of t.foreignKeys)
        if (tenant.has(fk.target))
          problems.push(
            `${t.name}.${fk.name} (${list(fk.columns)}) references the tenant table ${fk.target}, but ${t.name} is shared: Citus refuses a reference from a reference table to a distributed one. Drop the foreign key, or make ${t.name} a tenant table (add ${C} and remove it from ${LIST}).`,
          );
      continue;
    }
    if (t.name in reference)
      problems.push(
        `${t.name} has a ${C} column but is listed in ${LIST}: a tenant table is distributed, not shared — remove it from the list (or drop the column if the table is shared).`,
      );
    if (!t.uniques.some((u) => u.kind === "primary key"))
      problems.push(
        `${t.name} has no primary key: declare primaryKey({ name: "${t.name}_pkey", columns: [t.id, t.municipalityCode] }) (or its natural key with t.municipalityCode) in its schema.ts and generate the migration.`,
      );
    for (const u of t.uniques) {
      if (u.columns.includes(C)) continue;
      const fix =
        u.kind === "primary key"
          ? `declare it as primaryKey({ name: "${u.name}", columns: [${u.columns.map((c) => `t.${camel(c)}`).join(", ")}, t.municipalityCode] }) (remove the column's .primaryKey()), drop the foreign keys that depend on it first and re-create them with tenantForeignKey`
          : `add t.municipalityCode to its columns (${u.kind === "unique index" ? "uniqueIndex" : "unique"}("${u.name}").on(${u.columns.map((c) => `t.${camel(c)}`).join(", ")}, t.municipalityCode)) and to every onConflictDoUpdate / onConflictDoNothing / ON CONFLICT target that names it`;
      problems.push(
        `${t.name}: ${u.kind} ${u.name} (${list(u.columns)}) lacks ${C}, so Citus cannot enforce it on one shard — ${fix}; then generate the migration.`,
      );
    }
    for (const fk of t.foreignKeys) {
      if (!tenant.has(fk.target)) continue;
      const at = fk.columns.indexOf(C);
      if (at < 0 || fk.targetColumns[at] !== C) {
        const own = fk.columns.filter((c) => c !== C);
        problems.push(
          `${t.name}.${fk.name} (${list(fk.columns)}) → ${fk.target}(${list(fk.targetColumns)}) does not pair ${C} with ${fk.target}.${C}: replace the column's .references(() => ${camel(fk.target)}.id) by tenantForeignKey("${fk.name}", { municipalityCode: t.municipalityCode, column: t.${camel(own[0] ?? "id")} }, ${camel(fk.target)}) (src/core/db/tenant-schema.ts) in the table's extra config, and generate the migration.`,
        );
      } else if (fk.onDelete === "n" || fk.onDelete === "d")
        problems.push(
          `${t.name}.${fk.name}: ON DELETE SET ${fk.onDelete === "n" ? "NULL" : "DEFAULT"} on a key with ${C} is refused by Citus: remove the .onDelete(…) (NO ACTION) and clear ${list(fk.columns.filter((c) => c !== C))} in the action that deletes the ${fk.target} row, then generate the migration.`,
        );
    }
  }
  return problems;
}

function camel(name: string) {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The shapes `distributionDdl` needs, from the catalog. */
export function tableShapes(tables: readonly CatalogTable[]): TableShape[] {
  return tables.map((t) => ({
    name: t.name,
    distributed: t.columns.includes(C),
    references: [...new Set(t.foreignKeys.map((f) => f.target))],
  }));
}
