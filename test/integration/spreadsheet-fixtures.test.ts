/**
 * Real-world-shaped files (test/fixtures/spreadsheets, written by make.ts): each is previewed as
 * an actuals import and says exactly what its `.json` beside it expects — the file refused with
 * one message, or each error with sheet, row as Excel shows it, column header and the problem,
 * or the changes of a file that passes. Trying to apply a bad file leaves every table of the
 * database exactly as it was.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import type { Db } from "../../src/core/db/client.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { AppError } from "../../src/core/errors.ts";
import {
  applyImport,
  datasetNamed,
  type Preview,
  previewImport,
} from "../../src/spreadsheets/import.ts";
import { describeError } from "../../src/spreadsheets/table.ts";
import type { Expected } from "../fixtures/spreadsheets/make.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const DIR = path.resolve("test/fixtures/spreadsheets");
const PLANNER: Principal = { userId: 0, email: "cli", role: "planner", sectionCodes: [] };
const actuals = datasetNamed("actuals");

/** Every row of every table (as 082058 sees them), each table's rows sorted. */
async function everyTable(db: Db) {
  return withTenant(db, MC, async (tx) => {
    const tables = (await tx.execute(
      sql.raw(
        "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
      ),
    )) as unknown as { rows: { table_name: string }[] };
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables.rows) {
      const rows = (await tx.execute(sql.raw(`select * from "${table_name}"`))) as unknown as {
        rows: unknown[];
      };
      out[table_name] = rows.rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  });
}

const files = (await readdir(DIR)).filter((f) => /\.(csv|xlsx)$/.test(f)).sort();

describeEachBackend("real-world-shaped spreadsheet files", (t) => {
  let tablesBefore: Awaited<ReturnType<typeof everyTable>>;

  beforeAll(async () => {
    tablesBefore = await everyTable(t.database.db);
    expect(Object.keys(tablesBefore)).toContain("indicator_actuals");
    expect(tablesBefore.indicator_actuals!.length).toBeGreaterThan(0);
  });

  it("has a fixture for each problem, each with its expectation", async () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
    const json = (await readdir(DIR)).filter((f) => f.endsWith(".json"));
    expect(json.sort()).toEqual(files.map((f) => `${f}.json`));
  });

  it.each(files)("%s", async (name) => {
    const expected = JSON.parse(await readFile(path.join(DIR, `${name}.json`), "utf8")) as Expected;
    if (expected.maxRows) vi.stubEnv("SHISAKU_IMPORT_MAX_ROWS", String(expected.maxRows));
    const upload = {
      fileName: name,
      bytes: new Uint8Array(await readFile(path.join(DIR, name))),
      format: "auto" as const,
    };
    const db = t.database.db;
    let preview: Preview | undefined;
    try {
      preview = await previewImport(db, MC, actuals, upload, PLANNER);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toBe(expected.thrown);
    }
    if (expected.thrown) {
      expect(preview, "the file should have been refused").toBeUndefined();
    } else {
      expect(preview!.errors.map(describeError)).toEqual(expected.errors ?? []);
      expect(preview!.changes.map((c) => [c.key, c.column, c.after])).toEqual(
        expected.changes ?? [],
      );
    }
    // Applying a bad file as previewed writes nothing at all.
    if (expected.thrown || expected.errors?.length) {
      await expect(
        applyImport(db, MC, actuals, upload, PLANNER, CLI_ACTOR, {
          sha256: preview?.sha256 ?? "",
          digest: preview?.digest ?? "",
          reason: "訂正",
        }),
      ).rejects.toThrow(AppError);
    }
    expect(await everyTable(db)).toEqual(tablesBefore);
  });
});
