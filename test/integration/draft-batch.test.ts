/**
 * Many actuals saved at once (what a spreadsheet import writes): the rules of entering one value
 * by hand, all cells or none, the notes kept, a draft equal to the published value dropped, and
 * one audit entry per cell as when entered by hand.
 */
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { type Actor, CLI_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { AppError } from "../../src/core/errors.ts";
import { type BatchEntry, saveActualDrafts } from "../../src/indicators/draft-batch.ts";
import { saveActual } from "../../src/indicators/drafts.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
/** Reported by 行革推進課 (the demo editor's section) among others. */
const OWN = "GZ-1-O1";
/** 政策企画課 only. */
const OTHER = "GZ-3-O1";
const FY = 2024;
const EDITOR: Principal = {
  userId: 0,
  email: "editor@demo.invalid",
  role: "editor",
  sectionCodes: ["gyokaku-suishin"],
};
const PLANNER: Principal = { ...EDITOR, role: "planner", sectionCodes: [] };
const ACTOR: Actor = { label: "test" };

describeEachBackend("saving many actuals at once", (t) => {
  const drafts = () =>
    withTenant(t.database.db, MC, async (tx) => {
      const r = await tx.execute(sql`
        select i.code, d.fiscal_year as "fiscalYear", d.value, d.note, d.version
          from actual_drafts d join indicators i on i.id = d.indicator_id order by 1, 2`);
      return (r as unknown as { rows: Record<string, unknown>[] }).rows;
    });
  const audits = (action: string) =>
    withTenant(t.database.db, MC, async (tx) => {
      const r = await tx.execute(
        sql`select record_key as key from audit_log where action = ${action} order by id`,
      );
      return (r as unknown as { rows: { key: string }[] }).rows.map((x) => x.key);
    });
  const batch = (who: Principal, entries: BatchEntry[]) =>
    withTenant(t.database.db, MC, (tx) => saveActualDrafts(tx, MC, who, ACTOR, entries));

  beforeAll(async () => {
    // A note entered by hand, which a batch of values must keep.
    await saveActual(
      { db: t.database.db, municipality: MC, who: PLANNER, actor: CLI_ACTOR },
      { indicatorCode: OWN, fiscalYear: FY, value: 40, note: "速報値", expected: null },
    );
  });

  it("saves every cell as a draft, keeping the note each carries, with an audit entry per cell", async () => {
    const before = await audits("actual.draft");
    const result = await batch(EDITOR, [
      { indicatorCode: OWN, fiscalYear: FY, value: 41.5, reason: null },
      { indicatorCode: OWN, fiscalYear: FY - 1, value: 39, reason: null },
    ]);
    expect(result).toEqual({ saved: 2, dropped: 0 });
    expect((await drafts()).filter((d) => d.code === OWN)).toEqual([
      { code: OWN, fiscalYear: FY - 1, value: 39, note: null, version: 1 },
      { code: OWN, fiscalYear: FY, value: 41.5, note: "速報値", version: 2 },
    ]);
    expect((await audits("actual.draft")).slice(before.length)).toEqual([
      `${OWN}/${FY}`,
      `${OWN}/${FY - 1}`,
    ]);
  });

  it("saves nothing when one cell is another section's, and names that cell", async () => {
    const before = await drafts();
    const error = await batch(EDITOR, [
      { indicatorCode: OWN, fiscalYear: FY, value: 99, reason: null },
      { indicatorCode: OTHER, fiscalYear: FY, value: 1, reason: null },
    ]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual([
      {
        location: `${OTHER}/令和6年度`,
        message: expect.stringContaining(`指標 ${OTHER} の実績値を入力する権限がありません`),
      },
    ]);
    expect(await drafts()).toEqual(before);
  });

  it("drops a draft that comes back to the published value (nothing published: blank)", async () => {
    const result = await batch(PLANNER, [
      { indicatorCode: OWN, fiscalYear: FY - 1, value: null, reason: null },
    ]);
    expect(result).toEqual({ saved: 0, dropped: 1 });
    expect((await drafts()).some((d) => d.code === OWN && d.fiscalYear === FY - 1)).toBe(false);
    expect((await audits("actual.draft_discard")).at(-1)).toBe(`${OWN}/${FY - 1}`);
  });

  it("saves nothing when a cell no longer holds the value it was seen with", async () => {
    const before = await drafts();
    const now = before.find((d) => d.code === OWN && d.fiscalYear === FY)!.value as number;
    const error = await batch(PLANNER, [
      { indicatorCode: OWN, fiscalYear: FY - 2, value: 1, reason: null, seen: null },
      { indicatorCode: OWN, fiscalYear: FY, value: 2, reason: null, seen: now - 1 },
    ]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining(
        `確認した後に値が変わりました（ほかの人が入力したなど: ${OWN}/令和6年度）`,
      ),
    });
    expect(await drafts()).toEqual(before);
    expect(
      await batch(PLANNER, [
        { indicatorCode: OWN, fiscalYear: FY, value: 2, reason: null, seen: now },
      ]),
    ).toEqual({ saved: 1, dropped: 0 });
  });
});
