import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { AppError } from "../../src/core/errors.ts";
import { importOwnPrograms } from "../../src/programs/own-programs-import.ts";
import { importSamplePrograms } from "../../src/programs/program-import.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";

const MC = "082058";
const SAMPLE_FILE = "data/municipalities/082058/programs/sample.yaml";

const REAL = `municipality: "082058"
settings:
  - fiscalYear: 2025
    unitPersonnelCost: { regular: 8300000 }
programs:
  - code: { account: "01", chapter: "02", clause: "01", item: "09", number: "001" }
    name: 行政改革推進事業
    section: gyokaku-suishin
    firstFiscalYear: 2025
    initiatives:
      - { code: GZ-1-01, share: null }
    years:
      - fiscalYear: 2025
        initialBudget: 1000000
        finalBudget: 1200000
        funding: { general: 1200000 }
        staff: { regular: 0.5 }
`;

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("not refused");
}

let dir: string;
const real = () => path.join(dir, "programs.yaml");
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "shisaku-programs-"));
  await writeFile(real(), REAL);
  await writeFile(
    path.join(dir, "with-sample.yaml"),
    REAL.replace("    name: 行政改革推進事業\n", "    name: 行政改革推進事業\n    sample: true\n"),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeEachBackend("importing a city's own programs", (t) => {
  const count = (sample: boolean) =>
    withTenant(
      t.database.db,
      MC,
      async (tx) =>
        (
          await tx
            .select({ code: programs.code })
            .from(programs)
            .where(and(eq(programs.municipalityCode, MC), eq(programs.sample, sample)))
        ).length,
    );

  it("refuses while sample programs are loaded, and a file with a sample program", async () => {
    const mixed = await refused(importOwnPrograms(t.database.db, real(), MC, CLI_ACTOR));
    expect(mixed.code).toBe("conflict");
    expect(mixed.message).toContain("サンプル（デモ用）の事務事業が 7 件登録されています");
    const sample = await refused(
      importOwnPrograms(t.database.db, path.join(dir, "with-sample.yaml"), MC, CLI_ACTOR),
    );
    expect(sample.details).toEqual([
      expect.objectContaining({ location: expect.stringContaining("programs[0].sample") }),
    ]);
    expect(await count(false)).toBe(0);
  });

  it("checks with a dry run, then loads the programs once, with an audit entry", async () => {
    await withTenant(t.database.db, MC, (tx) =>
      tx.delete(programs).where(and(eq(programs.municipalityCode, MC), eq(programs.sample, true))),
    );
    const dry = await importOwnPrograms(t.database.db, real(), MC, CLI_ACTOR, { dryRun: true });
    expect(dry).toMatchObject({ programs: 1, years: 1, settings: 1, dryRun: true });
    expect(await count(false)).toBe(0);

    const done = await importOwnPrograms(t.database.db, real(), MC, CLI_ACTOR);
    expect(done).toMatchObject({ programs: 1, years: 1, dryRun: false });
    const { body } = await t.json(`/api/v1/municipalities/${MC}/programs/01-02-01-09-001`);
    expect(body).toMatchObject({ name: "行政改革推進事業", sample: false });
    // 1,200,000 + 0.5 × 8,300,000
    expect(body.years[0]).toMatchObject({
      fiscalYear: 2025,
      programCost: 1200000,
      totalCost: 5350000,
    });
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "programs.import")),
    );
    expect(entries).toHaveLength(1);

    const again = await refused(importOwnPrograms(t.database.db, real(), MC, CLI_ACTOR));
    expect(again.message).toContain("すでに登録されている事務事業があります: 01-02-01-09-001");
    // And the other way round: no sample programs into a municipality with its own.
    const demo = await refused(importSamplePrograms(t.database.db, SAMPLE_FILE, MC));
    expect(demo.code).toBe("conflict");
    expect(await count(true)).toBe(0);
  });
});

describe("shisaku programs import", () => {
  const cli = shisakuOnDemoCopy("shisaku-cli-programs");

  it("is a command that refuses to mix a real file into the demo's sample data", async () => {
    const result = await cli.run("programs", "import", real(), "--municipality", MC, "--dry-run");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("サンプルのデータと団体の実際の事務事業は混在させられない");
  });
});
