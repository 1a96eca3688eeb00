import { defineConfig } from "vitest/config";
import LongFirstSequencer from "./test/support/sequencer.ts";

/**
 * Three projects: `unit` (the pure rules beside the code in src/, no database: seconds),
 * `integration` (test/integration: the app through app.request() and the command line, on the
 * embedded database and on PostgreSQL when DATABASE_URL is set) and `browser` (test/browser:
 * Chromium against the served app). `npm test` runs all three; `npm run test:unit`,
 * `test:integration` and `test:browser` one each.
 */
const database = ["test/support/global-setup.ts"];

export default defineConfig({
  test: {
    // The test suite's embedded databases are throwaway copies: their commits need not wait for
    // the disk (fsync off; never set outside the tests). Child processes (CLI, server) inherit it.
    env: { SHISAKU_TEST_NO_FSYNC: "1" },
    // Browser flows sign in several people and walk many pages; on two busy cores they take long.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // Known long files first on a run with no recorded durations (see sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
    // A test that sets an environment variable does it with vi.stubEnv: restored after it.
    unstubEnvs: true,
    projects: [
      {
        extends: true,
        // Pure rules: one module graph per worker, not one per file.
        test: { name: "unit", include: ["src/**/*.test.{ts,tsx}"], isolate: false },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.{ts,tsx}"],
          // Each file works on its own database clone and app; the application's modules are
          // loaded once per worker, not once per file.
          isolate: false,
          globalSetup: database,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.{ts,tsx}"],
          // One Chromium for the run (chromium-setup.ts), each file in contexts of its own on its
          // own database clone and server; the modules loaded once per worker, as above.
          isolate: false,
          setupFiles: ["test/browser/setup.ts"],
          globalSetup: ["test/support/chromium-setup.ts", ...database],
        },
      },
    ],
  },
});
