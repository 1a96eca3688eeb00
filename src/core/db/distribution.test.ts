import { describe, expect, it } from "vitest";
import {
  type CatalogTable,
  distributionDdl,
  distributionProblems,
  tableShapes,
} from "./distribution.ts";

const table = (name: string, over: Partial<CatalogTable> = {}): CatalogTable => ({
  name,
  columns: ["id", "municipality_code"],
  uniques: [{ name: `${name}_pkey`, kind: "primary key", columns: ["id", "municipality_code"] }],
  foreignKeys: [],
  ...over,
});
const reference = { municipalities: "tenants", users: "shared identities" };
const shared = (name: string) => table(name, { columns: ["id"], uniques: [] });

describe("distributionProblems", () => {
  it("accepts tenant tables keyed and referenced with the municipality code", () => {
    const child = table("actuals", {
      columns: ["id", "municipality_code", "indicator_id", "user_id"],
      foreignKeys: [
        {
          name: "actuals_indicator_id_fk",
          columns: ["municipality_code", "indicator_id"],
          target: "indicators",
          targetColumns: ["municipality_code", "id"],
          onDelete: "c",
        },
        {
          name: "actuals_user_id_fk",
          columns: ["user_id"],
          target: "users",
          targetColumns: ["id"],
          onDelete: "a",
        },
      ],
    });
    const tables = [shared("municipalities"), shared("users"), table("indicators"), child];
    expect(distributionProblems(tables, reference)).toEqual([]);
  });

  it("names the table and constraint and says how to fix each problem", () => {
    const tables = [
      shared("municipalities"),
      shared("users"),
      shared("counters"),
      table("indicators", {
        uniques: [
          { name: "indicators_pkey", kind: "primary key", columns: ["id"] },
          { name: "indicators_token", kind: "unique index", columns: ["token"] },
        ],
      }),
      table("actuals", {
        columns: ["id", "municipality_code", "indicator_id"],
        foreignKeys: [
          {
            name: "actuals_indicator_id_indicators_id_fk",
            columns: ["indicator_id"],
            target: "indicators",
            targetColumns: ["id"],
            onDelete: "c",
          },
          {
            name: "actuals_node_id_fk",
            columns: ["municipality_code", "node_id"],
            target: "indicators",
            targetColumns: ["municipality_code", "id"],
            onDelete: "n",
          },
        ],
      }),
    ];
    const problems = distributionProblems(tables, reference);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^counters has no municipality_code column .*REFERENCE_TABLES/);
    expect(problems[1]).toMatch(
      /^indicators: primary key indicators_pkey \(id\) lacks municipality_code/,
    );
    expect(problems[1]).toContain(
      'declare it as primaryKey({ name: "indicators_pkey", columns: [t.id, t.municipalityCode] })',
    );
    expect(problems[2]).toContain(
      'uniqueIndex("indicators_token").on(t.token, t.municipalityCode)',
    );
    expect(problems[3]).toContain(
      'tenantForeignKey("actuals_indicator_id_indicators_id_fk", { municipalityCode: t.municipalityCode, column: t.indicatorId }, indicators)',
    );
    expect(problems[4]).toContain(
      "ON DELETE SET NULL on a key with municipality_code is refused by Citus",
    );
  });

  it("refuses a shared table that has the municipality code or references a tenant table", () => {
    const tables = [
      shared("municipalities"),
      table("users", {
        foreignKeys: [
          {
            name: "users_home_fk",
            columns: ["home_id"],
            target: "sections",
            targetColumns: ["id"],
            onDelete: "a",
          },
        ],
      }),
      table("sections"),
    ];
    const problems = distributionProblems(tables, { ...reference, gone: "x" });
    expect(problems).toEqual([
      expect.stringMatching(/^gone is listed in REFERENCE_TABLES .* no such table/),
      expect.stringMatching(
        /^users has a municipality_code column but is listed in REFERENCE_TABLES/,
      ),
      expect.stringMatching(/^users\.users_home_fk \(home_id\) → sections\(id\) does not pair/),
    ]);
    const sharedUsers = [
      shared("municipalities"),
      { ...shared("users"), foreignKeys: tables[1]!.foreignKeys },
      table("sections"),
    ];
    expect(distributionProblems(sharedUsers, reference)).toEqual([
      expect.stringMatching(
        /^users\.users_home_fk .* Citus refuses a reference from a reference table/,
      ),
    ]);
  });
});

describe("distributionDdl", () => {
  it("creates reference tables first, then each tenant table after those it references", () => {
    const fk = (target: string) => ({
      name: `${target}_fk`,
      columns: ["municipality_code", "x"],
      target,
      targetColumns: ["municipality_code", "id"],
      onDelete: "a",
    });
    const ddl = distributionDdl(
      tableShapes([
        table("actuals", { foreignKeys: [fk("indicators")] }),
        table("indicators", { foreignKeys: [fk("plans"), fk("indicators")] }),
        table("plans"),
        shared("users"),
        shared("municipalities"),
        // A shared table named before the one it references: still created after it.
        {
          ...shared("catalogue_values"),
          foreignKeys: [
            {
              name: "catalogue_values_entry_fk",
              columns: ["entry_id"],
              target: "catalogue_entries",
              targetColumns: ["id"],
              onDelete: "c",
            },
          ],
        },
        shared("catalogue_entries"),
      ]),
      64,
    );
    expect(ddl.split("\n").filter((l) => /^(SELECT|SET|ALTER)/.test(l))).toEqual([
      "SET citus.enable_local_reference_table_foreign_keys = off;",
      "SET citus.enable_unsafe_triggers = on;",
      "ALTER ROLE shisaku_app LOGIN;",
      "SELECT create_reference_table('catalogue_entries');",
      "SELECT create_reference_table('municipalities');",
      "SELECT create_reference_table('users');",
      "SELECT create_reference_table('catalogue_values');",
      "SET citus.shard_count = 64;",
      "SELECT create_distributed_table('plans', 'municipality_code');",
      "SELECT create_distributed_table('indicators', 'municipality_code', colocate_with => 'plans');",
      "SELECT create_distributed_table('actuals', 'municipality_code', colocate_with => 'plans');",
    ]);
  });
});
