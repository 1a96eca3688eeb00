import path from "node:path";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { addUser, disableUser, listUsers } from "../../src/accounts/actions.ts";
import { createTokenFor, revokeToken } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { importFinance } from "../../src/finance/finance-import.ts";
import { discardActualDraft, readDrafts, saveActual } from "../../src/indicators/drafts.ts";
import { addMunicipality } from "../../src/municipalities/actions.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { publish } from "../../src/publishing/publish.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";

const SEED = path.resolve("data/municipalities/082058");

async function entries(t: TestContext, mc: string) {
  return withTenant(t.database.db, mc, async (tx) => {
    const r = (await tx.execute(
      sql`select action, actor, record_key, after from audit_log order by id`,
    )) as unknown as {
      rows: {
        action: string;
        actor: string;
        record_key: string;
        after: Record<string, unknown> | null;
      }[];
    };
    return r.rows;
  });
}

/** Runs a write and returns the audit entries it added. */
async function added(t: TestContext, mc: string, write: () => Promise<unknown>) {
  const before = (await entries(t, mc)).length;
  await write();
  return (await entries(t, mc)).slice(before);
}

describeEachBackend("audit trail", (t) => {
  it("every write path leaves exactly one entry", async () => {
    const db = t.database.db;
    expect(
      (await added(t, "082058", () => importPlans(db, SEED, CLI_ACTOR))).map((e) => [
        e.action,
        e.actor,
      ]),
    ).toEqual([["plan.import", "cli"]]);
    expect(
      (
        await added(t, "082058", () =>
          importFinance(db, path.join(SEED, "finance", "soundness.yaml")),
        )
      ).map((e) => e.action),
    ).toEqual(["finance.import"]);
    expect(
      (
        await added(t, "082058", () =>
          addUser(db, {
            municipality: "082058",
            email: "a@city.example",
            role: "viewer",
            password: "a-long-password",
          }),
        )
      ).map((e) => [e.action, e.record_key]),
    ).toEqual([["user.add", "a@city.example"]]);
    expect(
      (await added(t, "082058", () => disableUser(db, "082058", "a@city.example"))).map(
        (e) => e.action,
      ),
    ).toEqual(["user.disable"]);
    expect(
      (
        await added(t, "082015", () =>
          addMunicipality(db, {
            code: "082015",
            name: "テスト市（サンプル）",
            prefecture: "茨城県",
            bodyKind: "city",
          }),
        )
      ).map((e) => e.action),
    ).toEqual(["municipality.add"]);

    // Entering, correcting and publishing actuals, and API tokens.
    const planner = {
      userId: 0,
      email: "p@city.example",
      role: "planner" as const,
      sectionCodes: [],
    };
    const ref = { indicatorCode: "GZ-1-O1", fiscalYear: 2024 };
    const actionsOf = async (write: () => Promise<unknown>) =>
      (await added(t, "082058", write)).map((e) => [e.action, e.record_key]);
    expect(
      await actionsOf(() =>
        saveActual(
          { db: db, municipality: "082058", who: planner, actor: CLI_ACTOR },
          { ...ref, value: "50", expected: null },
        ),
      ),
    ).toEqual([["actual.draft", "GZ-1-O1/2024"]]);
    expect(
      await actionsOf(() =>
        saveActual(
          { db: db, municipality: "082058", who: planner, actor: CLI_ACTOR },
          { ...ref, value: "51", expected: null },
        ),
      ),
    ).toEqual([["actual.draft", "GZ-1-O1/2024"]]);
    expect(
      await actionsOf(() =>
        discardActualDraft(
          { db, municipality: "082058", who: planner, actor: CLI_ACTOR },
          { ...ref, draftVersion: 2 },
        ),
      ),
    ).toEqual([["actual.draft_discard", "GZ-1-O1/2024"]]);
    await saveActual(
      { db: db, municipality: "082058", who: planner, actor: CLI_ACTOR },
      { ...ref, value: "52", expected: null },
    );
    const [draft] = await withTenant(db, "082058", (tx) => readDrafts(tx, "082058"));
    expect(
      await actionsOf(() =>
        publish(
          { db, municipality: "082058", who: planner, actor: CLI_ACTOR },
          {
            actuals: new Map([[draft!.id, draft!.version]]),
            definitions: new Map(),
          },
        ),
      ),
    ).toEqual([["actual.publish", "GZ-1-O1/2024"]]);
    await addUser(db, {
      municipality: "082058",
      email: "c@city.example",
      role: "editor",
      password: "a-long-password",
    });
    let tokenId = 0;
    expect(
      await actionsOf(async () => {
        tokenId = (
          await createTokenFor(db, "082058", { email: "c@city.example", label: "x" }, CLI_ACTOR)
        ).id;
      }),
    ).toEqual([["token.create", String(tokenId)]]);
    const owner = {
      userId: (await listUsers(db, "082058")).find((u) => u.email === "c@city.example")!.id,
      email: "c@city.example",
      role: "editor" as const,
      sectionCodes: [],
    };
    expect(
      await actionsOf(() =>
        revokeToken({ db, municipality: "082058", who: owner, actor: CLI_ACTOR }, { id: tokenId }),
      ),
    ).toEqual([["token.revoke", String(tokenId)]]);
  });

  it("records an import's files with their hashes, and never a password", async () => {
    const [entry] = await added(t, "082058", () => importPlans(t.database.db, SEED));
    const files = (entry!.after as { files: { file: string; sha256: string }[] }).files;
    expect(files.map((f) => path.basename(f.file))).toEqual([
      "municipality.yaml",
      "gyozaisei-taiko.yaml",
    ]);
    expect(files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const [user] = await added(t, "082058", () =>
      addUser(t.database.db, {
        municipality: "082058",
        email: "b@city.example",
        role: "viewer",
        password: "secret-password-x",
      }),
    );
    expect(JSON.stringify(user)).not.toContain("secret-password-x");
    expect(JSON.stringify(user)).not.toContain("argon2");
  });

  it("cannot be changed or deleted, by the application role or by the table owner", async () => {
    const db = t.database.db;
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => "succeeded",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(
      await failure(
        withTenant(db, "082058", (tx) => tx.execute(sql`update audit_log set actor = 'x'`)),
      ),
    ).toMatch(/permission denied/);
    expect(
      await failure(withTenant(db, "082058", (tx) => tx.execute(sql`delete from audit_log`))),
    ).toMatch(/permission denied/);
    expect(await failure(db.execute(sql`update audit_log set actor = 'x'`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });
});
