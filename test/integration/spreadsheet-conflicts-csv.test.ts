/**
 * Issue 17, item 7 with CSV files: a CSV export carries the versions of its rows in a last
 * column 『_版』, so an older CSV (UTF-8 or Shift_JIS) is checked like an xlsx: a cell entered on
 * the web after the export is listed first as a conflict and kept unless ticked.
 */
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import { toCsv } from "../../src/core/csv.ts";
import { parseCsv } from "../../src/spreadsheets/csv-read.ts";
import { describeEachBackend } from "../support/app.ts";
import { draftOf, enter, MC, OTHER, OWN, YEAR } from "../support/spreadsheet-conflicts.ts";
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

/**
 * A CSV's rows with cells of one column replaced (by the row's code), written again the way
 * Excel saves a CSV: no quotes where none are needed.
 */
function editedCsv(text: string, cells: Record<string, string>, header = YEAR) {
  const [head, ...rows] = parseCsv(text);
  const col = head!.indexOf(header);
  expect(col).toBeGreaterThan(0);
  const found: Record<string, string> = {};
  for (const r of rows) {
    found[r[0]!] = r[col]!;
    if (r[0]! in cells) r[col] = cells[r[0]!]!;
  }
  const csv = [head!, ...rows].map((r) => r.join(",")).join("\r\n");
  return { csv, found, head: head!, rows };
}

describeEachBackend("CSV exports carry their versions: conflicts are found as in an xlsx", (t) => {
  let planner: Staff;
  let editor: Staff;

  beforeAll(async () => {
    ({ planner, editor } = await demoPlannerAndEditor(t, MC));
  });

  /** The scenario with one encoding of CSV. */
  async function scenario(
    format: "csv" | "csv-sjis",
    encode: (text: string) => Uint8Array,
    decode: (bytes: Uint8Array) => string,
    other: string,
  ) {
    const exported = decode(
      await downloadSheet(planner, MC, "actuals", `format=${format}&section=all`),
    );
    const file = editedCsv(exported, { [OTHER]: other });
    // The last column holds a token per row, starting with a letter (Excel keeps it as text).
    expect(file.head.at(-1)).toBe("_版");
    for (const r of file.rows)
      expect(r.at(-1)).toMatch(/^V1\.[0-9a-z]{4}(\.(r|\d{4})[0-9a-z]{6})+$/);
    expect(file.found[OWN]).toBe("");
    const bytes = encode(file.csv);

    // Meanwhile the editor enters 12 on the web form.
    expect((await enter(editor, OWN, "12")).status).toBe(303);
    expect(await draftOf(t, OWN)).toBe(12);

    // The older file proposes the empty cell again: a conflict, listed before the changes.
    const html = await (await uploadSheet(t, planner, MC, "actuals", bytes, "古い.csv")).text();
    const text = plain(html);
    expect(text).not.toContain("書き出した時点の版の記録がない");
    expect(text).toContain("書き出した後に Shisaku で変更されたセル（1 件）");
    expect(html.indexOf('id="conflicts-heading"')).toBeLessThan(html.indexOf("変更の一覧"));
    const conflictRow = /<tr><td><input type="checkbox"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(plain(conflictRow)).toContain(`${OWN} 仕事にやりがいを持つ市職員の割合`);
    expect(plain(conflictRow)).toContain("12%");
    expect(plain(conflictRow)).toContain("（空欄）");
    expect(conflictRow).not.toContain("checked");
    expect(text).toContain("変更するセル: 1");

    // Applied without the tick: the plain change is written, the web entry stays.
    const kept = await confirmSheet(planner, MC, "actuals", html);
    expect(kept.headers.get("location")).toMatch(/\/result\?rows=1&cells=1&import=\d+&left=1$/);
    expect(await draftOf(t, OWN)).toBe(12);
    expect(await draftOf(t, OTHER)).toBe(Number(other));

    // Ticked: the file wins.
    const again = await (await uploadSheet(t, planner, MC, "actuals", bytes, "古い.csv")).text();
    expect(plain(again)).toContain("書き出した後に Shisaku で変更されたセル（1 件）");
    const take = /name="take" value="([^"]*)"/.exec(again)![1]!;
    expect(take).toMatch(new RegExp(`^\\d+:${YEAR}$`));
    const taken = await confirmSheet(planner, MC, "actuals", again, { take });
    expect(taken.headers.get("location")).toMatch(/\/result\?rows=1&cells=1&import=\d+$/);
    expect(await draftOf(t, OWN)).toBeUndefined();
    expect(await draftOf(t, OTHER)).toBe(Number(other));
  }

  it("UTF-8: an older CSV's empty cell is a conflict, kept at 12 unless ticked", async () => {
    await scenario("csv", withBom, utf8, "41.5");
  });

  it("Shift_JIS: the same", async () => {
    await scenario(
      "csv-sjis",
      (text) => new Uint8Array(iconv.encode(text, "cp932")),
      (bytes) => iconv.decode(Buffer.from(bytes), "cp932"),
      "42.5",
    );
  });

  it("a token moved to another row is not checked; a broken one is an error", async () => {
    const exported = utf8(await downloadSheet(planner, MC, "actuals", "format=csv&section=all"));
    const [head, ...rows] = parseCsv(exported);
    const at = (code: string) => rows.findIndex((r) => r[0] === code);
    const last = head!.length - 1;

    // Another row's token: this row is not checked (as a row the xlsx sheet lacks).
    expect((await enter(editor, OWN, "13")).status).toBe(303);
    const swapped = rows.map((r) => [...r]);
    swapped[at(OWN)]![last] = rows[at(OTHER)]![last]!;
    const moved = await (
      await uploadSheet(t, planner, MC, "actuals", withBom(toCsv(head!, swapped)), "a.csv")
    ).text();
    expect(plain(moved)).not.toContain("書き出した後に Shisaku で変更されたセル");
    expect(plain(moved)).toContain("変更するセル: 1");

    // A token Excel could have mangled, or typed over: the row and column are named.
    const broken = rows.map((r) => [...r]);
    broken[at(OTHER)]![last] = "45000";
    broken[at(OWN)]![last] = `${rows[at(OWN)]![last]!}x`;
    const html = await (
      await uploadSheet(t, planner, MC, "actuals", withBom(toCsv(head!, broken)), "b.csv")
    ).text();
    const text = plain(html);
    expect(text).toContain(
      `b.csv の ${at(OTHER) + 2} 行目『_版』列: 版の記録「45000」を読めません`,
    );
    expect(text).toContain(`b.csv の ${at(OWN) + 2} 行目『_版』列: 版の記録「V1.`);
    expect(html).not.toContain('name="digest"');
  });
});
