/**
 * After a publish the public registry is brought up to date record by record (issue 19): the
 * published indicator shows its new value at once on the registry page and in the API, and every
 * other indicator keeps its record, so its row of the page is the one rendered before.
 */
import { expect, it } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { SYSTEM_ACTOR } from "../../src/core/audit.ts";
import { changed } from "../../src/core/changes.ts";
import { formatValue } from "../../src/core/format.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { saveActual } from "../../src/indicators/drafts.ts";
import { loadPublicRegistry } from "../../src/indicators/index.ts";
import { latestActual } from "../../src/indicators/queries.ts";
import { listPending, publish } from "../../src/publishing/publish.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const PLANNER: Principal = {
  userId: 0,
  email: "test@localhost",
  role: "planner",
  sectionCodes: [],
};

/** The registry page's rows by the indicator they link to. */
function rowsOf(html: string) {
  const rows = new Map<string, string>();
  for (const row of html.split(/<tr[\s>]/).slice(1)) {
    const code = new RegExp(`href="/${MC}/indicators/([^"]+)"`).exec(row)?.[1];
    if (code) rows.set(decodeURIComponent(code), row.split("</tr>")[0]!);
  }
  return rows;
}

describeEachBackend("the public registry after a publish", (t) => {
  it("shows the published value at once and keeps every other indicator's record and row", async () => {
    const db = t.database.db;
    const ctx = { db, municipality: MC, who: PLANNER, actor: SYSTEM_ACTOR };
    const before = await loadPublicRegistry(db, MC);
    const pageBefore = rowsOf(await (await t.get(`/${MC}/indicators`)).text());
    const target = before.located.find(
      (l) => l.record.target.form !== "milestone" && l.record.valueKind === "annual",
    )!.record;
    const fy = reportingYear(new Date());
    const value = 98765;

    const saved = await saveActual(ctx, {
      indicatorCode: target.code,
      fiscalYear: fy,
      value: String(value),
      reason: "登録の更新の確認",
      expected: null,
    });
    expect(saved.status).toBe("saved");
    const drafts = (await listPending(db, MC)).actuals.filter(
      (d) => d.indicatorCode === target.code,
    );
    const published = await publish(ctx, {
      actuals: new Map(drafts.map((d) => [d.id, d.version])),
      definitions: new Map(),
    });
    expect(published.status).toBe("saved");

    const after = await loadPublicRegistry(db, MC);
    const record = after.located.find((l) => l.record.id === target.id)!.record;
    expect(latestActual(record)).toMatchObject({ fiscalYear: fy, value });
    expect(record.sections).toEqual(target.sections);
    for (const [i, l] of after.located.entries())
      if (l.record.id !== target.id) expect(l, l.record.code).toBe(before.located[i]);

    const shown = formatValue(value, target.unit, target.decimals);
    const pageAfter = rowsOf(await (await t.get(`/${MC}/indicators`)).text());
    expect(pageAfter.get(target.code)).toContain(shown);
    expect(pageBefore.get(target.code)).not.toContain(shown);
    expect(pageAfter.size).toBe(pageBefore.size);
    for (const [code, row] of pageAfter)
      if (code !== target.code) expect(row, code).toBe(pageBefore.get(code));
    const item = await t.json(`/api/v1/municipalities/${MC}/indicators/${target.code}`);
    expect(item.body.actuals.at(-1)).toMatchObject({ fiscalYear: fy, value });

    // A change of anything else of the municipality (its sections, its plan) builds it anew.
    changed(db, [MC]);
    const anew = await loadPublicRegistry(db, MC);
    expect(anew.located[0]).not.toBe(after.located[0]);
    expect(anew.located.map((l) => l.record)).toEqual(after.located.map((l) => l.record));
  });
});
