import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/global-setup.ts"],
    // The test suite's embedded databases are throwaway copies: their commits need not wait for
    // the disk (fsync off; never set outside the tests). Child processes (CLI, server) inherit it.
    env: { SHISAKU_TEST_NO_FSYNC: "1" },
    // Browser flows sign in several people and walk many pages; on two busy cores they take long.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
