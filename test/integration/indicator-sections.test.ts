/**
 * Who is responsible for an indicator is the same everywhere: an indicator whose plan names no
 * section for it is reported by the sections of its node and of the node's children
 * (indicators/owners.ts), and the plan page, the measure page, the home page, the registry, the
 * indicator page, the CSV, the API list and the API item all name those sections.
 */
import { expect, it } from "vitest";
import { loadRegistry, ownersInMunicipality } from "../../src/indicators/index.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";

/** The text of the 担当課 cell in the table row that links to the indicator. */
function sectionsCell(html: string, code: string): string | undefined {
  const row = html
    .split(/<tr[\s>]/)
    .find((r) => r.includes(`/${MC}/indicators/${encodeURIComponent(code)}"`));
  const cell = row && /<td data-label="担当課"[^>]*>([\s\S]*?)<\/td>/.exec(row)?.[1];
  return cell?.replace(/<[^>]+>/g, "").trim();
}

describeEachBackend("the sections responsible for an indicator", (t) => {
  it("are the same on the plan, measure, home and registry pages, the CSV and the API", async () => {
    const [{ located }, owners] = await Promise.all([
      loadRegistry(t.database.db, MC),
      ownersInMunicipality(t.database.db, MC),
    ]);
    // An indicator of a measure whose plan names no section for it: its owners are inferred.
    const found = located.find(
      (l) =>
        l.record.sections.length === 0 &&
        (owners.get(l.record.id)?.length ?? 0) > 0 &&
        l.home?.node.kind === "measure",
    );
    expect(found, "an indicator with inferred sections").toBeDefined();
    const { record, home } = found!;
    const names = owners.get(record.id)!.map((o) => o.name);
    const expected = names.join("、");

    const page = async (path: string) => {
      const res = await t.get(path);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    for (const path of [`/${MC}/measures/${home!.node.code}`, `/${MC}/indicators`])
      expect(sectionsCell(await page(path), record.code), path).toBe(expected);
    // Every indicator the plan's page and the home page show (the policy's), likewise.
    for (const path of [`/${MC}/plans/${home!.plan.code}`, `/${MC}/`]) {
      const html = await page(path);
      const shown = located.filter((l) => sectionsCell(html, l.record.code) !== undefined);
      expect(shown.length, path).toBeGreaterThan(0);
      for (const l of shown)
        expect(sectionsCell(html, l.record.code), `${path} ${l.record.code}`).toBe(
          (owners.get(l.record.id) ?? []).map((o) => o.name).join("、") || "—",
        );
    }

    const indicatorPage = await page(`/${MC}/indicators/${record.code}`);
    for (const name of names) expect(indicatorPage).toContain(name);

    const csv = (await page(`/${MC}/indicators.csv`)).replace(/^\uFEFF/, "");
    const [header, ...rows] = csv.split(/\r?\n/);
    const column = header!.split(",").indexOf("担当課");
    const row = rows.find((r) => r.startsWith(`${record.code},`));
    expect(row).toBeDefined();
    expect(row).toContain(expected);
    expect(column).toBeGreaterThan(0);

    const list = await t.json(`/api/v1/municipalities/${MC}/indicators?limit=100`);
    expect(list.status).toBe(200);
    const item = (list.body.items as { code: string; sections: { name: string }[] }[]).find(
      (i) => i.code === record.code,
    );
    expect(item?.sections.map((s) => s.name)).toEqual(names);
    const one = await t.json(`/api/v1/municipalities/${MC}/indicators/${record.code}`);
    expect(one.body.sections.map((s: { name: string }) => s.name)).toEqual(names);
  });
});
