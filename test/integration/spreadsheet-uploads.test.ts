/**
 * Uploads that used to take the server down: a viewer is refused before the file is read, and a
 * crafted workbook is answered with a message while the server goes on answering.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";
import { plain, uploadSheet } from "../support/spreadsheets.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";
import { edited, endlessColumns, SHEET_PART, wholeSheetMerge } from "../support/xlsx-files.ts";

const MC = "082058";

describeEachBackend("uploads are checked before they are read", (t) => {
  it("refuses a viewer with 403 before reading the upload, even a body that cannot be read", async () => {
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    const bomb = await edited({ [SHEET_PART]: wholeSheetMerge });
    const res = await uploadSheet(t, viewer, MC, "actuals", bomb, "実績値.xlsx");
    expect(res.status).toBe(403);
    expect(plain(await res.text())).toContain(
      "「実績値」を取り込めるのは入力担当（editor）以上の役割の方です",
    );
    // A body that is not multipart at all: reading it would fail, but it is never read.
    const garbage = await t.get(`/${MC}/manage/spreadsheets/actuals/preview`, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        cookie: viewer.cookie,
        "content-type": "multipart/form-data; boundary=x",
      },
      body: "--y\r\nnot a part",
    });
    expect(garbage.status).toBe(403);
    // The applying form the same way.
    const apply = await viewer.post(`/${MC}/manage/spreadsheets/actuals/apply`, { data: "" });
    expect(apply.status).toBe(403);
  });

  it("reads the whole-sheet merged range as its rows, refuses endless columns, and stays up", async () => {
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    const merged = await edited({ [SHEET_PART]: wholeSheetMerge });
    const read = await uploadSheet(t, editor, MC, "actuals", merged, "実績値.xlsx");
    // Read (it is not the exported layout, so its header is the error), not a crash.
    expect([200, 422]).toContain(read.status);
    expect(plain(await read.text())).toContain("実績値.xlsx");

    const endless = await edited({ [SHEET_PART]: endlessColumns });
    const refused = await uploadSheet(t, editor, MC, "actuals", endless, "実績値.xlsx");
    expect(refused.status).toBe(422);
    expect(plain(await refused.text())).toContain(
      "シート「実績値」の列の設定（1〜2000000000 列目）は、取り込める範囲（256 列目・1,048,576 行目まで）を超えています",
    );
    expect((await t.get("/healthz")).status).toBe(200);
  });
});

describe("the command line refuses the same file", () => {
  const cli = shisakuOnDemoCopy("shisaku-upload-guard");
  it("import --dry-run exits non-zero with the message, not out of memory", async () => {
    const file = path.join(cli.dataDir, "endless.xlsx");
    await writeFile(file, await edited({ [SHEET_PART]: endlessColumns }));
    const r = await cli.run("import", "actuals", file, "--municipality", MC, "--dry-run");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("列の設定（1〜2000000000 列目）は、取り込める範囲");
    expect(r.stderr).not.toMatch(/heap out of memory/i);
  });
});
