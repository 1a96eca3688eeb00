/**
 * The order in which the two workers take the files. vitest runs the files it has timed before
 * longest first (its cache of the last run's durations); a file it has not timed goes by its size,
 * and a short file that starts child processes (servers, commands) can run for minutes. Begun
 * last, such a file keeps one worker busy while the other has nothing left. So a file without a
 * recorded duration that is known to run long (LONG, longest first) goes before the rest of its
 * project.
 */
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Integration and browser files that run longest, longest first (measured, docs/testing.md). */
export const LONG = [
  "test/integration/durability.test.ts",
  "test/integration/durability-postgres.test.ts",
  "test/integration/backup.test.ts",
  "test/integration/backup-versions.test.ts",
  "test/integration/embedded-lock.test.ts",
  "test/integration/migrate.test.ts",
  "test/integration/tenant-walk.test.ts",
  "test/integration/cli.test.ts",
  "test/integration/spreadsheets.test.ts",
  "test/integration/staff-crawl.test.ts",
  "test/integration/spreadsheet-indicators.test.ts",
  "test/integration/audit-walk.test.ts",
  "test/integration/sign-in-delays.test.ts",
  "test/integration/site-export.test.ts",
  "test/integration/embedded-durability.test.ts",
  "test/integration/plan-conformance.test.ts",
  "test/browser/staff-pages.test.ts",
];

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification) => {
      const file = path.relative(root, spec.moduleId).split(path.sep).join("/");
      // Timed before: vitest's own order (longest first) stands.
      if (this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`)) return LONG.length;
      const i = LONG.indexOf(file);
      return i < 0 ? LONG.length : i;
    };
    // A stable sort within each project (the projects keep vitest's order).
    return sorted
      .map((spec, i) => ({ spec, i, rank: rank(spec) }))
      .sort((a, b) =>
        a.spec.project.name !== b.spec.project.name ? a.i - b.i : a.rank - b.rank || a.i - b.i,
      )
      .map(({ spec }) => spec);
  }
}
