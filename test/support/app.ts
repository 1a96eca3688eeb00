/** Drives the application through app.request() on a private clone of the demo database. */
import { afterAll, beforeAll, describe } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Database } from "../../src/core/db/client.ts";
import { type Backend, backends, cloneTemplate } from "./template.ts";

export interface TestContext {
  backend: Backend;
  database: Database;
  app: ReturnType<typeof createApp>;
  get(path: string, init?: RequestInit): Promise<Response>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
  json(path: string): Promise<{ status: number; body: any }>;
  text(path: string): Promise<{ status: number; body: string }>;
}

/**
 * Runs `fn` once per backend (embedded, and PostgreSQL when DATABASE_URL is set), each with its
 * own clone of the demo database.
 */
export function describeEachBackend(title: string, fn: (t: TestContext) => void) {
  describe.each(backends())(`${title} [%s]`, (backend) => {
    const t = { backend } as TestContext;
    beforeAll(async () => {
      t.database = await cloneTemplate(backend);
      t.app = createApp({ db: t.database.db });
      t.get = async (path, init) => t.app.request(path, init);
      t.json = async (path) => {
        const res = await t.get(path);
        return { status: res.status, body: await res.json() };
      };
      t.text = async (path) => {
        const res = await t.get(path);
        return { status: res.status, body: await res.text() };
      };
    });
    afterAll(async () => {
      await t.database?.close();
    });
    fn(t);
  });
}
