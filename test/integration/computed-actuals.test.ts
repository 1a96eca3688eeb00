/**
 * Computed actuals of a fiscal year in progress (issue 17 item 5): a staff proposal or a letter
 * counted this year is shown as 集計中 to staff and public, is not an actual and leaves the status
 * alone, and becomes the year's actual when the year's round closes or a planner publishes it —
 * with audit entries and, when a year's actual changes, the public correction history.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import { recordComputedActuals, runningLabel } from "../../src/indicators/index.ts";
import {
  actualCorrections,
  indicatorActuals,
  indicators,
  runningActuals,
} from "../../src/indicators/schema.ts";
import { actions as proposals } from "../../src/proposals/index.ts";
import { closeRound, openRound } from "../../src/reporting/index.ts";
import { describeEachBackend } from "../support/app.ts";
import { SUBMISSION } from "../support/audit-walk/proposals.ts";
import { type WalkEnv, walkEnv } from "../support/audit-walk.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = fiscalYearInJapan(new Date());

describeEachBackend("computed actuals of a year in progress", (t) => {
  let env: WalkEnv;
  beforeAll(async () => {
    env = await walkEnv(t.database.db);
  });

  const rowsOf = (code: string) =>
    withTenant(t.database.db, MC, async (tx) => {
      const [indicator] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, code)));
      const id = indicator!.id;
      const [actuals, running, corrections] = await Promise.all([
        tx.select().from(indicatorActuals).where(eq(indicatorActuals.indicatorId, id)),
        tx.select().from(runningActuals).where(eq(runningActuals.indicatorId, id)),
        tx.select().from(actualCorrections).where(eq(actualCorrections.indicatorId, id)),
      ]);
      return { id, actuals, running, corrections };
    });

  const auditOf = (key: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, actor: auditLog.actor })
        .from(auditLog)
        .where(and(eq(auditLog.municipalityCode, MC), eq(auditLog.recordKey, key))),
    );

  it("keeps a proposal submitted this year out of the actuals and the status, shown as 集計中", async () => {
    const before = await t.json(`/api/v1/municipalities/${MC}/indicators/GZ-1-R1`);
    const o = await proposals.submitProposal(env.as.editor, { submission: SUBMISSION });
    expect(o.status).toBe("saved");

    const { actuals, running } = await rowsOf("GZ-1-R1");
    expect(actuals.find((a) => a.fiscalYear === FY)).toBeUndefined();
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ fiscalYear: FY, value: 1 });
    expect(running[0]!.source).toContain("職員提案から自動計算");

    const page = await t.text(`/${MC}/indicators/GZ-1-R1`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(runningLabel(running[0]!.computedAt));
    expect(page.body).toMatch(/集計中（\d{1,2}月\d{1,2}日時点）/);

    const api = await t.json(`/api/v1/municipalities/${MC}/indicators/GZ-1-R1`);
    expect(api.body.running).toEqual([
      expect.objectContaining({
        fiscalYear: FY,
        value: 1,
        label: runningLabel(running[0]!.computedAt),
      }),
    ]);
    // Not an actual: the latest actual and the status are as before the proposal.
    expect(api.body.latestActual).toEqual(before.body.latestActual);
    expect(api.body.statusCode).toBe(before.body.statusCode);
    expect(api.body.actuals.some((a: { fiscalYear: number }) => a.fiscalYear === FY)).toBe(false);

    expect(await auditOf(`GZ-1-R1/${FY}`)).toEqual([
      { action: "actual.compute_running", actor: env.as.editor.actor.label },
    ]);

    // Staff see it too, on the list of running values.
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const list = await (await planner.page(`/${MC}/manage/running-actuals`)).text();
    expect(list).toContain("職員提案の提案数");
    expect(list).toContain("実績値として公開する");
  });

  it("makes the running value the year's actual when the year's round closes", async () => {
    expect(
      (await openRound(env.as.planner, { fiscalYear: FY, deadline: `${FY + 1}-06-30` })).status,
    ).toBe("saved");
    // A second proposal while the round is open: still 集計中, now 2.
    await proposals.submitProposal(env.as.editor, { submission: SUBMISSION });
    expect((await rowsOf("GZ-1-R1")).running[0]).toMatchObject({ value: 2 });

    expect((await closeRound(env.as.planner, { fiscalYear: FY })).status).toBe("saved");
    const { actuals, running } = await rowsOf("GZ-1-R1");
    expect(running).toEqual([]);
    expect(actuals.find((a) => a.fiscalYear === FY)).toMatchObject({
      value: 2,
      origin: "computed",
    });
    expect((await auditOf(`GZ-1-R1/${FY}`)).map((a) => a.action)).toContain("actual.compute_close");
    const api = await t.json(`/api/v1/municipalities/${MC}/indicators/GZ-1-R1`);
    expect(api.body.running).toEqual([]);
    expect(api.body.latestActual).toEqual({ fiscalYear: FY, value: 2 });

    // The year is closed: a later proposal of the year changes the actual, with a correction.
    await proposals.submitProposal(env.as.editor, { submission: SUBMISSION });
    const after = await rowsOf("GZ-1-R1");
    expect(after.running).toEqual([]);
    expect(after.actuals.find((a) => a.fiscalYear === FY)).toMatchObject({ value: 3 });
    expect(after.corrections).toEqual([
      expect.objectContaining({
        fiscalYear: FY,
        oldValue: 2,
        newValue: 3,
        reason: "記録の変更による再計算",
      }),
    ]);
    const page = await t.text(`/${MC}/indicators/GZ-1-R1`);
    expect(page.body).toContain("記録の変更による再計算");
  });

  it("lets a planner publish a running value, refusing a stale one and an editor", async () => {
    const { id } = await rowsOf("GZ-6-R3");
    // Last year has ended, but its round is open: its computed values are still 集計中.
    const next = FY - 1;
    expect(
      (await openRound(env.as.planner, { fiscalYear: next, deadline: `${FY}-06-30` })).status,
    ).toBe("saved");
    await withTenant(t.database.db, MC, (tx) =>
      recordComputedActuals(tx, MC, id, [
        {
          fiscalYear: next,
          value: 40,
          source: "提案型 2件 ÷ 受付 5件",
          recordsPath: `/${MC}/letters`,
        },
      ]),
    );
    const [running] = (await rowsOf("GZ-6-R3")).running.filter((r) => r.fiscalYear === next);
    expect(running).toMatchObject({ value: 40, version: 1 });

    const path = `/${MC}/manage/running-actuals/GZ-6-R3/${next}/publish`;
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    expect((await editor.post(path, { version: "1" })).status).toBe(403);

    // Recomputed after the planner saw it: the publication is a conflict.
    await withTenant(t.database.db, MC, (tx) =>
      recordComputedActuals(tx, MC, id, [
        {
          fiscalYear: next,
          value: 50,
          source: "提案型 3件 ÷ 受付 6件",
          recordsPath: `/${MC}/letters`,
        },
      ]),
    );
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    expect((await planner.post(path, { version: "1" })).status).toBe(409);
    const published = await planner.post(path, { version: "2" });
    expect(published.status).toBe(303);

    const { actuals, running: left } = await rowsOf("GZ-6-R3");
    expect(left.some((r) => r.fiscalYear === next)).toBe(false);
    expect(actuals.find((a) => a.fiscalYear === next)).toMatchObject({
      value: 50,
      origin: "computed",
      recordsPath: `/${MC}/letters`,
    });
    expect((await auditOf(`GZ-6-R3/${next}`)).map((a) => a.action)).toEqual([
      "actual.compute_running",
      "actual.compute_running",
      "actual.publish_running",
    ]);
    const page = await t.text(`/${MC}/indicators/GZ-6-R3`);
    expect(page.body).toContain(`href="/${MC}/letters"`);
  });
});
