/**
 * PostgreSQL as the README sets it up for production: the migrations run as the tables' owner
 * (DATABASE_MIGRATION_URL) and the application connects as a login role that owns nothing and
 * is only a member of shisaku_app. Row-level security then holds even for a query that forgets
 * its tenant or leaves the application role (RESET ROLE).
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Database } from "../../src/core/db/client.ts";
import { openMigrated } from "../../src/core/db/open.ts";
import { ensureDemo } from "../../src/demo/seed.ts";
import { DEMO, staffOf } from "../support/staff.ts";
import { withDatabase } from "../support/template.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)(
  "the application connected as a login role that owns nothing [postgres]",
  () => {
    const id = `${process.pid}_${randomBytes(3).toString("hex")}`;
    const name = `shisaku_login_${id}`;
    const role = `shisaku_login_${id}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: withDatabase(url!, "postgres") });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    const loginUrl = () => {
      const u = new URL(withDatabase(url!, name));
      u.username = role;
      u.password = "";
      return u.toString();
    };
    let database: Database;

    beforeAll(async () => {
      await admin(`create database "${name}"`);
      await admin(`do $$ begin
      if not exists (select from pg_roles where rolname = 'shisaku_app') then
        create role shisaku_app nologin;
      end if;
    end $$`);
      await admin(`create role "${role}" login`);
      await admin(`grant shisaku_app to "${role}"`);
      database = await openMigrated({
        databaseUrl: loginUrl(),
        databaseMigrationUrl: withDatabase(url!, name),
        dataDir: tmpdir(),
      });
      // The first start loads the demo through the login role, as npm start would.
      await ensureDemo(database.db);
    });

    afterAll(async () => {
      await database?.close();
      await admin(`drop database if exists "${name}"`);
      await admin(`drop role if exists "${role}"`);
    });

    it("serves the demo: the public pages, a sign-in and a staff page", async () => {
      const app = createApp({ db: database.db });
      const t = { get: async (path: string, init?: RequestInit) => app.request(path, init) };
      expect((await t.get("/082058/")).status).toBe(200);
      const planner = await staffOf(
        t as Parameters<typeof staffOf>[0],
        "082058",
        DEMO.planner.email,
        DEMO.planner.password,
      );
      expect((await planner.page("/082058/manage/")).status).toBe(200);
    });

    it("sees no tenant's rows and no e-mail address without a tenant, even after RESET ROLE", async () => {
      const client = new pg.Client({ connectionString: loginUrl() });
      await client.connect();
      try {
        for (const query of ["reset role", "set role shisaku_app"]) {
          await client.query(query);
          const counts = await client.query(
            "select (select count(*) from indicators)::int as indicators, (select count(*) from users)::int as users, (select count(*) from sessions)::int as sessions",
          );
          expect(counts.rows[0], query).toEqual({ indicators: 0, users: 0, sessions: 0 });
        }
        // Bound to the demo municipality, its rows and its staff appear.
        await client.query("begin");
        await client.query("select set_config('shisaku.municipality', '082058', true)");
        const bound = await client.query(
          "select (select count(*) from indicators)::int as indicators, (select count(*) from users)::int as users",
        );
        await client.query("commit");
        expect(bound.rows[0].indicators).toBeGreaterThan(0);
        expect(bound.rows[0].users).toBe(4);
      } finally {
        await client.end();
      }
    });
  },
);
