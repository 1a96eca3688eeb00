import { describe, expect, it } from "vitest";
import type { CellChange, ParsedRow } from "./dataset.ts";
import {
  cellOf,
  conflictId,
  findConflicts,
  type RecordVersion,
  readToken,
  readVersions,
  rowToken,
  versionDigest,
  versionRows,
  withoutCells,
} from "./versions.ts";

const change = (over: Partial<CellChange>): CellChange => ({
  row: 2,
  key: "A-1",
  label: "指標",
  column: "令和6年度",
  fiscalYear: 2024,
  before: 12,
  after: null,
  unit: "事業",
  correction: false,
  ...over,
});

const audit = { type: "indicator_actual", key: "A-1/2024" };
const now =
  (versions: Record<string, string>) =>
  (key: string, fy: number | null): RecordVersion | undefined => {
    const v = versions[cellOf(key, fy)];
    return v === undefined ? undefined : { version: v, audit };
  };

describe("the versions sheet", () => {
  it("reads back what the export writes", () => {
    const rows = versionRows(
      "actuals",
      [2023, 2024],
      [
        { key: "A-1", version: (fy) => (fy === null ? undefined : `1.${fy - 2023}`) },
        { key: "B-2", version: (fy) => (fy === 2024 ? "3.0" : undefined) },
      ],
    );
    const read = readVersions("actuals", rows);
    expect(read).toEqual(
      new Map([
        [cellOf("A-1", 2023), "1.0"],
        [cellOf("A-1", 2024), "1.1"],
        [cellOf("B-2", 2024), "3.0"],
      ]),
    );
  });

  it("reads the row's version of a dataset without year columns, keys as text", () => {
    const rows = versionRows("registry-facilities", [], [{ key: "12", version: () => "4" }]);
    // A spreadsheet program may give a key that looks like a number back as a number.
    rows[2]![0] = 12;
    expect(readVersions("registry-facilities", rows)?.get(cellOf("12", null))).toBe("4");
  });

  it("is ignored when missing, made for another dataset, or not ours", () => {
    const rows = versionRows("actuals", [2024], [{ key: "A-1", version: () => "1.0" }]);
    expect(readVersions("actuals", undefined)).toBeUndefined();
    expect(readVersions("actuals", [])).toBeUndefined();
    expect(readVersions("indicators", rows)).toBeUndefined();
    expect(readVersions("actuals", [["メモ"], ...rows.slice(1)])).toBeUndefined();
  });
});

describe("conflicts", () => {
  const exported = new Map([[cellOf("A-1", 2024), "1.0"]]);

  it("a changed cell whose record changed after the export is a conflict", () => {
    // Exported before the web entry: the cell was empty (version 1.0); 12 was entered (1.1).
    const c = change({});
    const found = findConflicts([c], exported, now({ [cellOf("A-1", 2024)]: "1.1" }));
    expect(found).toEqual([
      { id: conflictId(c), change: c, exported: "1.0", current: "1.1", audit },
    ]);
    expect(found[0]!.id).toBe("2:令和6年度");
  });

  it("a cell whose record is as exported is a plain change", () => {
    expect(findConflicts([change({})], exported, now({ [cellOf("A-1", 2024)]: "1.0" }))).toEqual(
      [],
    );
  });

  it("a cell the file has no version for is not checked", () => {
    const other = change({ key: "B-2" });
    expect(findConflicts([other], exported, now({ [cellOf("B-2", 2024)]: "5.0" }))).toEqual([]);
  });

  it("a row's record covers its fixed columns", () => {
    const c = change({ fiscalYear: null, column: "評価の所見", field: "findings" });
    const versions = new Map([[cellOf("A-1", null), "2025.3"]]);
    expect(findConflicts([c], versions, now({ [cellOf("A-1", null)]: "2025.4" }))).toHaveLength(1);
  });

  it("leaves the cells of conflicts not taken out of the rows", () => {
    const row: ParsedRow = {
      row: 2,
      key: "A-1",
      values: { findings: "古い所見", direction: "継続" },
      years: new Map([
        [2023, 5],
        [2024, null],
      ]),
      yearHeaders: new Map(),
    };
    const year = findConflicts([change({})], exported, now({ [cellOf("A-1", 2024)]: "1.1" }));
    const field = findConflicts(
      [change({ fiscalYear: null, column: "評価の所見", field: "findings" })],
      new Map([[cellOf("A-1", null), "1"]]),
      now({ [cellOf("A-1", null)]: "2" }),
    );
    const [out] = withoutCells([row], [...year, ...field]);
    expect([...out!.years]).toEqual([[2023, 5]]);
    expect(out!.values).toEqual({ direction: "継続" });
    // The rows read from the file are left as they were.
    expect(row.years.size).toBe(2);
    expect(withoutCells([row], [])[0]).toBe(row);
  });
});

describe("a CSV's version token", () => {
  const versions: Record<string, string> = {
    [cellOf("A-1", null)]: "7",
    [cellOf("A-1", 2023)]: "1.2@2026-12-07T10:00:00.000Z",
    [cellOf("A-1", 2024)]: "0.0",
  };
  const token = rowToken("actuals", "A-1", [2023, 2024], (fy) => versions[cellOf("A-1", fy)]);

  it("starts with a letter and holds a digest per cell, read back for its row", () => {
    expect(token).toMatch(/^V1\.[0-9a-z]{4}\.r[0-9a-z]{6}\.2023[0-9a-z]{6}\.2024[0-9a-z]{6}$/);
    const read = readToken("actuals", "A-1", token);
    expect(read).toEqual({
      versions: new Map(Object.entries(versions).map(([k, v]) => [k, versionDigest(v)])),
    });
    // In lower case, with spaces around.
    expect(readToken("actuals", "A-1", ` ${token.toLowerCase()} `)).toEqual(read);
  });

  it("a row without versions has no token; another row's or dataset's token is not this row's", () => {
    expect(rowToken("actuals", "A-1", [2024], () => undefined)).toBe("");
    expect(readToken("actuals", "A-2", token)).toBeNull();
    expect(readToken("indicators", "A-1", token)).toBeNull();
  });

  it("anything else is a problem, with the text shown", () => {
    for (const bad of ["45000", "V1", `${token}x`, token.replace(".r", ".q"), "2024-12-07"])
      expect(readToken("actuals", "A-1", bad)).toEqual({
        problem: expect.stringContaining(`版の記録「${bad}」を読めません`),
      });
  });

  it("a changed cell is a conflict when its digest is not the version's now", () => {
    const read = readToken("actuals", "A-1", token) as { versions: Map<string, string> };
    const c = change({ fiscalYear: 2023 });
    const same = now({ [cellOf("A-1", 2023)]: versions[cellOf("A-1", 2023)]! });
    expect(findConflicts([c], read.versions, same, true)).toEqual([]);
    const later = now({ [cellOf("A-1", 2023)]: "1.3@2026-12-07T11:00:00.000Z" });
    expect(findConflicts([c], read.versions, later, true)).toHaveLength(1);
  });
});
