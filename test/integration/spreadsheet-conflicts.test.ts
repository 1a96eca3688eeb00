/**
 * An older spreadsheet never silently erases a newer entry (issue 17, item 7): a file exported
 * before a web entry, imported after it, lists that cell first as a conflict with both values,
 * and applying leaves it as entered unless the person ticks it.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { recordDrafts } from "../../src/core/record-drafts-schema.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { draftOf, edited, enter, MC, OTHER, OWN, YEAR } from "../support/spreadsheet-conflicts.ts";
import {
  confirmSheet,
  downloadSheet,
  plain,
  uploadSheet,
  utf8,
  withBom,
} from "../support/spreadsheets.ts";
import { demoPlannerAndEditor, type staffOf } from "../support/staff.ts";

type Staff = Awaited<ReturnType<typeof staffOf>>;

async function definitionOf(t: TestContext, code: string) {
  return withTenant(t.database.db, MC, async (tx) => {
    const [row] = await tx
      .select({ fields: recordDrafts.fields })
      .from(recordDrafts)
      .where(
        and(
          eq(recordDrafts.municipalityCode, MC),
          eq(recordDrafts.recordType, "indicator"),
          eq(recordDrafts.recordKey, code),
        ),
      );
    return row?.fields as { name: string; definition: string | null } | undefined;
  });
}

describeEachBackend("spreadsheet conflicts with entries made after the export", (t) => {
  let planner: Staff;
  let editor: Staff;

  beforeAll(async () => {
    ({ planner, editor } = await demoPlannerAndEditor(t, MC));
  });

  it("lists a web entry made after the export first, keeps it unless ticked", async () => {
    // The planner exports; the cell of the editor's indicator is empty then.
    const exported = await downloadSheet(planner, MC, "actuals", "format=xlsx&section=all");
    const file = await edited(exported, { [OTHER]: 41.5 });
    expect(file.found[OWN] ?? null).toBeNull();
    const versions = file.wb.getWorksheet("_版");
    expect(versions?.state).toBe("veryHidden");

    // Meanwhile the editor enters 12 on the web form.
    expect((await enter(editor, OWN, "12")).status).toBe(303);
    expect(await draftOf(t, OWN)).toBe(12);

    // The older file, with the planner's own change elsewhere, proposes the empty cell again.
    const res = await uploadSheet(t, planner, MC, "actuals", file.bytes, "古い書き出し.xlsx");
    const html = await res.text();
    expect(res.status).toBe(200);
    const text = plain(html);
    expect(text).toContain("書き出した後に Shisaku で変更されたセル（1 件）");
    const conflictAt = html.indexOf('id="conflicts-heading"');
    const changesAt = html.indexOf("変更の一覧");
    expect(conflictAt).toBeGreaterThan(0);
    expect(conflictAt).toBeLessThan(changesAt);
    const conflictRow = /<tr><td><input type="checkbox"[\s\S]*?<\/tr>/.exec(html)![0];
    const cells = plain(conflictRow);
    expect(cells).toContain(`${OWN} 仕事にやりがいを持つ市職員の割合`);
    expect(cells).toContain("12%"); // now in Shisaku
    expect(cells).toContain("（空欄）"); // in the file
    expect(cells).toContain("デモ入力担当（行革推進課）");
    expect(cells).toMatch(/令和\d+年\d+月\d+日 \d\d:\d\d/);
    expect(cells).not.toContain("editor@demo.invalid");
    expect(conflictRow).not.toContain("checked");
    // The plain change is listed below, as before.
    expect(text).toContain("変更するセル: 1");

    // Applied without the tick: the plain change is written, the web entry stays.
    const kept = await confirmSheet(planner, MC, "actuals", html);
    expect(kept.status).toBe(303);
    const location = kept.headers.get("location") ?? "";
    expect(location).toMatch(/\/result\?rows=1&cells=1&import=\d+&left=1$/);
    expect(await draftOf(t, OWN)).toBe(12);
    expect(await draftOf(t, OTHER)).toBe(41.5);
    const result = plain(await (await planner.page(location)).text());
    expect(result).toContain(
      "1 セルは、チェックがなかったため上書きせず、いまの値のまま残しました",
    );

    // The same file again, this time ticked: the file's empty cell is taken.
    const again = await (
      await uploadSheet(t, planner, MC, "actuals", file.bytes, "古い書き出し.xlsx")
    ).text();
    expect(plain(again)).toContain("書き出した後に Shisaku で変更されたセル（1 件）");
    // Its own change is no change any more (the file holds what is there now).
    expect(plain(again)).toContain("変更するセル: 0");
    const take = /name="take" value="([^"]*)"/.exec(again)![1]!;
    expect(take).toMatch(new RegExp(`^\\d+:${YEAR}$`));
    const taken = await confirmSheet(planner, MC, "actuals", again, { take });
    expect(taken.headers.get("location")).toMatch(/\/result\?rows=1&cells=1&import=\d+$/);
    expect(await draftOf(t, OWN)).toBeUndefined();
    expect(await draftOf(t, OTHER)).toBe(41.5);
  });

  it("refuses to apply a preview when the cell was entered on the web after it", async () => {
    const exported = await downloadSheet(planner, MC, "actuals", "format=xlsx&section=all");
    const file = await edited(exported, { [OWN]: 30 });
    const html = await (await uploadSheet(t, planner, MC, "actuals", file.bytes, "a.xlsx")).text();
    expect(plain(html)).not.toContain("書き出した後に Shisaku で変更されたセル");
    // After the preview, the editor enters a value: the preview no longer holds.
    expect((await enter(editor, OWN, "25")).status).toBe(303);
    const res = await confirmSheet(planner, MC, "actuals", html);
    expect(res.status).toBe(409);
    expect(await draftOf(t, OWN)).toBe(25);
  });

  it("a definition changed after the export: only the ticked cells of its row are taken", async () => {
    const older = await downloadSheet(planner, MC, "indicators", "format=xlsx&section=all");
    // Another file renames the indicator first (one more version of its definition).
    const renamed = await edited(
      await downloadSheet(planner, MC, "indicators", "format=xlsx&section=all"),
      { [OWN]: "職員のやりがい（改）" },
      "指標の定義",
      "指標名",
    );
    const first = await uploadSheet(t, planner, MC, "indicators", renamed.bytes, "b.xlsx");
    const firstHtml = await first.text();
    expect(plain(firstHtml)).not.toContain("書き出した後に Shisaku で変更されたセル");
    expect((await confirmSheet(planner, MC, "indicators", firstHtml)).status).toBe(303);

    // The older file, with the old name, changes the definition of the same indicator.
    const file = await edited(
      older,
      { [OWN]: "やりがいを感じると答えた職員の割合" },
      "指標の定義",
      "指標の定義・説明",
    );
    const html = await (
      await uploadSheet(t, planner, MC, "indicators", file.bytes, "a.xlsx")
    ).text();
    // Both changed cells of the row are conflicts: the record is the row.
    const ids = [...html.matchAll(/name="take" value="([^"]*)"/g)].map((m) => m[1]!);
    expect(ids.map((id) => id.replace(/^\d+:/, ""))).toEqual(["指標名", "指標の定義・説明"]);
    expect(plain(html)).toContain("職員のやりがい（改）");

    const res = await confirmSheet(planner, MC, "indicators", html, { take: ids[1]! });
    expect(res.headers.get("location")).toMatch(/\/result\?rows=1&cells=1&import=\d+&left=1$/);
    expect(await definitionOf(t, OWN)).toMatchObject({
      name: "職員のやりがい（改）",
      definition: "やりがいを感じると答えた職員の割合",
    });
  });

  it("imports a file without versions as before, and says they could not be checked", async () => {
    // A CSV without its last column 『_版』 (as made by hand, or by an older version).
    const exported = utf8(await downloadSheet(planner, MC, "actuals", "format=csv&section=all"));
    const csv = exported.replace(/,[^,\r\n]*\r\n/g, "\r\n");
    expect(exported.split("\r\n")[0]).toMatch(/,_版$/);
    expect(csv.split("\r\n")[0]).not.toContain("_版");
    const html = await (await uploadSheet(t, planner, MC, "actuals", withBom(csv), "a.csv")).text();
    expect(plain(html)).toContain("書き出した時点の版の記録がないため");
    expect(html).toContain("変更なし");
    // An xlsx export says nothing of the kind.
    const xlsx = await downloadSheet(planner, MC, "actuals", "format=xlsx&section=all");
    const checked = await (await uploadSheet(t, planner, MC, "actuals", xlsx, "a.xlsx")).text();
    expect(plain(checked)).not.toContain("書き出した時点の版の記録がない");
  });
});
