/**
 * Bench section: the programs roll-up for a municipality the size of a city of 70,000 — 800
 * programs × 5 fiscal years, each program serving one to three initiatives of the synthetic
 * plan, with published evaluations. Rows are written straight into the tables (this is load,
 * not a test of the importer). Measures the list page (with its roll-up by measure), a program
 * page and the API list, and counts the database queries one page costs, cold (right after a
 * data change) and warm.
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { announceChange, changed } from "../src/core/changes.ts";
import type { Database, Db } from "../src/core/db/client.ts";
import { withTenant } from "../src/core/db/tenant.ts";
import { programCostSettings, programYears } from "../src/costs/schema.ts";
import { DIRECTIONS } from "../src/evaluations/evaluation.ts";
import { programEvaluations } from "../src/evaluations/schema.ts";
import { sections } from "../src/municipalities/schema.ts";
import { planNodes } from "../src/plan/schema.ts";
import { programInitiatives, programs } from "../src/programs/schema.ts";
import * as schema from "../src/schema.ts";

export const PROGRAMS = { count: 800, years: [2020, 2021, 2022, 2023, 2024] } as const;

/** Writes the programs of the synthetic municipality; returns one program's code. */
export async function seedPrograms(db: Db, mc: string): Promise<string> {
  return withTenant(db, mc, async (tx) => {
    const initiatives = await tx
      .select({ id: planNodes.id })
      .from(planNodes)
      .where(eq(planNodes.kind, "initiative"));
    const sectionRows = await tx.select({ id: sections.id }).from(sections);
    if (!initiatives.length || !sectionRows.length)
      throw new Error("the synthetic municipality has no initiatives or sections");
    await tx.insert(programCostSettings).values(
      PROGRAMS.years.map((fiscalYear) => ({
        municipalityCode: mc,
        fiscalYear,
        unitCostRegular: 8_000_000,
        unitCostPartTime: 2_500_000,
        settlementClosed: fiscalYear < 2024,
      })),
    );
    const codes: string[] = [];
    for (let start = 0; start < PROGRAMS.count; start += 200) {
      const batch = Array.from({ length: Math.min(200, PROGRAMS.count - start) }, (_, j) => {
        const i = start + j;
        const number = String(i + 1).padStart(3, "0");
        const code = `01-02-01-${String((i % 9) + 1).padStart(2, "0")}-${number}`;
        codes.push(code);
        return {
          municipalityCode: mc,
          account: "01",
          chapter: "02",
          clause: "01",
          item: String((i % 9) + 1).padStart(2, "0"),
          number,
          code,
          name: `【サンプル】負荷測定用の事業 ${i + 1}`,
          purpose: "負荷測定のための架空の事業です。",
          sectionId: sectionRows[i % sectionRows.length]!.id,
          firstFiscalYear: PROGRAMS.years[0],
          sample: true,
        };
      });
      const ids = await tx.insert(programs).values(batch).returning({ id: programs.id });
      await tx.insert(programInitiatives).values(
        ids.flatMap(({ id }, j) => {
          const n = ((start + j) % 3) + 1;
          return Array.from({ length: n }, (_, k) => ({
            municipalityCode: mc,
            programId: id,
            nodeId: initiatives[(start + j + k * 7) % initiatives.length]!.id,
            share: null,
            position: k,
          }));
        }),
      );
      await tx.insert(programYears).values(
        ids.flatMap(({ id }, j) =>
          PROGRAMS.years.map((fiscalYear, y) => {
            const budget = 1_000_000 * (((start + j) % 50) + 1) + y * 100_000;
            return {
              municipalityCode: mc,
              programId: id,
              fiscalYear,
              initialBudget: budget,
              finalBudget: budget,
              settlement: budget - 50_000,
              fundingGeneral: budget - 50_000,
              staffRegularHundredths: 50 + ((start + j) % 4) * 25,
              staffPartTimeHundredths: 25,
            };
          }),
        ),
      );
      await tx.insert(programEvaluations).values(
        ids.flatMap(({ id }, j) =>
          PROGRAMS.years.map((fiscalYear) => ({
            municipalityCode: mc,
            programId: id,
            fiscalYear,
            ratingNecessity: "A",
            ratingEffectiveness: "B",
            ratingEfficiency: "B",
            ratingEquity: "A",
            findings: "負荷測定用の所見です。",
            direction: DIRECTIONS[(start + j) % DIRECTIONS.length],
            reason: "負荷測定用",
            status: "published" as const,
            publishedBy: "bench",
            publishedAt: new Date(),
          })),
        ),
      );
    }
    await announceChange(tx, mc);
    return codes[Math.floor(codes.length / 2)]!;
  }).then((code) => {
    changed(db, [mc]);
    return code;
  });
}

/** A second handle on the same embedded database that counts the statements it sends. */
export function countingDb(database: Database) {
  let count = 0;
  if (!database.pglite) throw new Error("query counting needs the embedded database");
  const db = drizzle(database.pglite, {
    schema,
    logger: {
      logQuery() {
        count++;
      },
    },
  }) as unknown as Db;
  return {
    db,
    take() {
      const n = count;
      count = 0;
      return n;
    },
  };
}
