/** Drives the application through app.request() on a private clone of the demo database. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import createClient, { type Client } from "openapi-fetch";
import { afterAll, beforeAll, describe } from "vitest";
import type { paths } from "../../api/v1.js";
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
  /** The typed client generated from the OpenAPI document (api/v1.d.ts), on this app. */
  api: Client<paths, "application/json">;
}

/** An openapi-fetch client of `app`'s API, as a user's program would make it. */
export const apiClient = (app: { request(r: Request): Response | Promise<Response> }) =>
  createClient<paths, "application/json">({
    baseUrl: "http://localhost/api/v1",
    fetch: async (request) => app.request(request),
  });

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
      t.api = apiClient(t.app);
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

/** `app` served over HTTP on a port of the loopback address, for clients that fetch by URL. */
export function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  return new Promise<{ base: string; close: () => Promise<void> }>((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false },
      (info: AddressInfo) =>
        resolve({
          base: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              if ("closeAllConnections" in server) server.closeAllConnections();
              server.close(() => done());
            }),
        }),
    );
  });
}
