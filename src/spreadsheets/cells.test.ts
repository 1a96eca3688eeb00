import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isBlank,
  percentText,
  placeOf,
  readEnum,
  readFiscalYear,
  readNumber,
  readText,
  writeNumber,
} from "./cells.ts";
import type { CellChange, Dataset, ExportRow, ParsedRow } from "./dataset.ts";
import { type ExportFormat, exportBytes, readUpload } from "./files.ts";
import { describeError, readTable } from "./table.ts";

const value = (r: ReturnType<typeof readNumber>) => (r.ok ? r.value : `ERR ${r.problem}`);

describe("readNumber accepts what staff type", () => {
  it.each([
    ["12345", "", 12345],
    ["１２３４５", "", 12345],
    ["12,345", "", 12345],
    ["１２，３４５", "", 12345],
    ["1,234,567.89", "", 1234567.89],
    ["  42 ", "", 42],
    ["\u3000４２\u3000", "", 42],
    ["-5.76", "%", -5.76],
    ["－5.76", "%", -5.76],
    ["−5.76", "%", -5.76],
    ["+3", "", 3],
    ["＋３", "", 3],
    ["△1,234", "", -1234],
    ["▲1,234", "", -1234],
    ["△ 5.76", "%", -5.76],
    ["12%", "%", 12],
    ["１２％", "%", 12],
    ["52.1 %", "%", 52.1],
    ["12件", "件", 12],
    ["１２件", "件", 12],
    ["1,200人", "人", 1200],
    ["3事業", "事業", 3],
    ["5人/10万人", "人/10万人", 5],
    [".5", "", 0.5],
    ["1.23E+15", "", 1.23e15],
    ["1e-7", "", 1e-7],
    ["0", "", 0],
    ["△0", "", 0],
    ["-0", "", 0],
  ])("%j (unit %j) → %d", (raw, unit, expected) => {
    expect(value(readNumber(raw, unit))).toBe(expected);
  });

  it("reads numbers, blanks and formulas as they are", () => {
    expect(value(readNumber(12.5))).toBe(12.5);
    expect(value(readNumber(-0))).toBe(0);
    expect(value(readNumber(null))).toBe(null);
    expect(value(readNumber(undefined))).toBe(null);
    expect(value(readNumber(""))).toBe(null);
    expect(value(readNumber("   "))).toBe(null);
    expect(value(readNumber("\u3000"))).toBe(null);
    expect(value(readNumber({ formula: "SUM(A1:A3)", result: 42 }))).toBe(42);
    expect(value(readNumber({ formula: "A1", result: "１２件" }, "件"))).toBe(12);
    expect(value(readNumber({ formula: "A1", result: null }))).toBe(null);
  });
});

describe("readNumber refuses what is ambiguous, quoting it", () => {
  it.each([
    ["１２,３４５件", "%", `単位「件」はこの指標の単位「%」と違います（"１２,３４５件"）`],
    ["12件", "%", `単位「件」はこの指標の単位「%」と違います（"12件"）`],
    ["12%", "件", `単位「%」はこの指標の単位「件」と違います（"12%"）`],
    ["12件", "", `単位「件」は付けられません。この指標には単位がありません（"12件"）`],
    ["abc", "", `数値ではありません（"abc"）`],
    ["1,2", "", `桁区切りのカンマの位置が正しくありません（"1,2"）`],
    ["12,34,567", "", `桁区切りのカンマの位置が正しくありません（"12,34,567"）`],
    ["1.234,5", "", `桁区切りのカンマの位置が正しくありません（"1.234,5"）`],
    ["--5", "", `符号が重なっています（"--5"）`],
    ["△-5", "", `符号が重なっています（"△-5"）`],
    ["-", "", `数値ではありません。値がないときは空欄にしてください（"-"）`],
    ["―", "", `数値ではありません。値がないときは空欄にしてください（"―"）`],
    ["(1,234)", "", `数値ではありません（"(1,234)"）`],
    ["1.2.3", "", `数値ではありません（"1.2.3"）`],
    ["約100", "", `数値ではありません（"約100"）`],
    ["12 34", "", `数値ではありません（"12 34"）`],
  ])("%j (unit %j)", (raw, unit, message) => {
    expect(readNumber(raw, unit)).toEqual({ ok: false, problem: message });
  });

  it("refuses formulas without a result, errors, dates and booleans", () => {
    expect(readNumber({ formula: "A1*2" })).toEqual({
      ok: false,
      problem:
        '数式の計算結果が保存されていません。Excel で開いて保存し直すか、値を入力してください（"=A1*2"）',
    });
    expect(readNumber({ formula: "1/0", result: { error: "#DIV/0!" } })).toEqual({
      ok: false,
      problem: 'セルがエラー値です（"#DIV/0!"）',
    });
    expect(readNumber({ error: "#N/A" })).toEqual({
      ok: false,
      problem: 'セルがエラー値です（"#N/A"）',
    });
    expect(readNumber(new Date("2022-04-01T00:00:00Z"))).toEqual({
      ok: false,
      problem: '日付になっています。数値を入力してください（"2022-04-01"）',
    });
    expect(readNumber(true)).toEqual({ ok: false, problem: '数値ではありません（"TRUE"）' });
    expect(readNumber(Number.NaN).ok).toBe(false);
  });
});

describe("other cells", () => {
  it("reads fiscal years in 和暦 and 西暦", () => {
    for (const [raw, fy] of [
      ["令和4年度", 2022],
      ["令和元年度", 2019],
      ["R4", 2022],
      ["Ｒ４年度", 2022],
      ["2022年度", 2022],
      ["２０２２", 2022],
      ["平成30年度", 2018],
      ["令和4年度（2022）", 2022],
      [2022, 2022],
    ] as const)
      expect(readFiscalYear(raw)).toEqual({ ok: true, value: fy });
    expect(readFiscalYear("4年度").ok).toBe(false);
    expect(readFiscalYear("令和4年度（2023）")).toEqual({
      ok: false,
      problem: "「令和4年度（2023）」の和暦（2022年度）と西暦（2023年度）が一致しません",
    });
    expect(readFiscalYear(22).ok).toBe(false);
    expect(readFiscalYear("")).toEqual({ ok: true, value: null });
  });

  it("reads texts and enumerations", () => {
    expect(readText("  GZ-1-O1 ")).toEqual({ ok: true, value: "GZ-1-O1" });
    expect(readText(123)).toEqual({ ok: true, value: "123" });
    expect(readText("")).toEqual({ ok: true, value: null });
    expect(readText({ formula: "A1", result: "x" })).toEqual({ ok: true, value: "x" });
    expect(readEnum("継続", ["拡充", "継続"])).toEqual({ ok: true, value: "継続" });
    expect(readEnum("ABC", ["ＡＢＣ"])).toEqual({ ok: true, value: "ＡＢＣ" });
    expect(readEnum("続行", ["拡充", "継続"])).toEqual({
      ok: false,
      problem: '「拡充」「継続」のどれかを入力してください（"続行"）',
    });
    expect(isBlank(" \u3000")).toBe(true);
    expect(isBlank(0)).toBe(false);
  });

  it("writes numbers that read back, and places errors", () => {
    expect(writeNumber(null)).toBe("");
    expect(writeNumber(-0)).toBe("0");
    expect(writeNumber(1e21)).toBe("1e+21");
    expect(value(readNumber(writeNumber(1e21)))).toBe(1e21);
    expect(percentText(0.121)).toBe("12.1%");
    expect(placeOf("Sheet1", 12, "令和4年度")).toBe("Sheet1 の 12 行目『令和4年度』列");
    expect(
      describeError({
        sheet: "Sheet1",
        row: 12,
        column: "令和4年度",
        message: "数値ではありません",
      }),
    ).toBe("Sheet1 の 12 行目『令和4年度』列: 数値ではありません");
  });

  it("reads back every finite number it writes, whatever the unit", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom("", "%", "件", "人"),
        (v, unit) => {
          const back = readNumber(writeNumber(v), unit);
          expect(back.ok && back.value === (Object.is(v, -0) ? 0 : v)).toBe(true);
        },
      ),
    );
  });
});

// The generic engine on an in-memory dataset: export → import changes nothing; editing one cell
// is exactly that change.

interface Fake {
  units: Map<string, string>;
  values: Map<string, Map<number, number | null>>;
  years: number[];
}

const fakeRow = (s: Fake, key: string): ExportRow => ({
  key,
  values: { code: key, unit: s.units.get(key)! },
  years: new Map(s.values.get(key)),
});

const fake: Dataset<Fake> = {
  name: "fake",
  title: "テスト",
  outcome: "変更は保存されます。",
  description: "",
  columns: [
    { key: "code", header: "コード", kind: { type: "text" }, editable: false, width: 10 },
    { key: "unit", header: "単位", kind: { type: "text" }, editable: false, width: 6 },
  ],
  keyColumn: "code",
  yearColumns: { editable: true, width: 12 },
  instructions: ["テスト"],
  load: async () => {
    throw new Error("not used");
  },
  years: (s) => s.years,
  rows: (s) => [...s.units.keys()].map((k) => fakeRow(s, k)),
  codeLists: () => [],
  current: (s, key) => (s.units.has(key) ? fakeRow(s, key) : undefined),
  unitOf: (s, key) => s.units.get(key) ?? "",
  compare(s, rows: ParsedRow[], _who, _sheet) {
    const changes: CellChange[] = [];
    for (const r of rows)
      for (const [fy, after] of r.years) {
        const before = s.values.get(r.key)?.get(fy) ?? null;
        if (before !== after)
          changes.push({
            row: r.row,
            key: r.key,
            label: r.key,
            column: r.yearHeaders.get(fy)!,
            fiscalYear: fy,
            before,
            after,
            unit: "",
            correction: false,
          });
      }
    return { changes, changedRows: 0, unchangedRows: 0, errors: [] };
  },
  apply: async () => {},
};

const LIMITS = { maxBytes: 10_000_000, maxRows: 1000 };
const WHO = { userId: 1, email: "x", role: "planner" as const, sectionCodes: [] };

async function roundTrip(s: Fake, edited: Fake, format: ExportFormat) {
  const bytes = await exportBytes(fake, edited, format);
  const grid = await readUpload(bytes, `f.${format === "xlsx" ? "xlsx" : "csv"}`, "auto", LIMITS);
  const table = await readTable(fake, s, grid, LIMITS);
  expect(table.errors.list.map(describeError)).toEqual([]);
  return fake.compare(s, table.rows, WHO, grid.sheet).changes;
}

const arbFake = fc
  .record({
    rows: fc.uniqueArray(fc.stringMatching(/^[A-Z]{1,3}-\d{1,2}$/), { minLength: 1, maxLength: 5 }),
    first: fc.integer({ min: 2015, max: 2022 }),
    width: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ rows, first, width }) => {
    const years = Array.from({ length: width }, (_, i) => first + i);
    return fc
      .tuple(
        ...rows.map(() =>
          fc.tuple(
            fc.constantFrom("", "%", "件"),
            fc.array(
              fc.option(
                fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
                {
                  nil: null,
                },
              ),
              { minLength: width, maxLength: width },
            ),
          ),
        ),
      )
      .map((cells): Fake => {
        const units = new Map<string, string>();
        const values = new Map<string, Map<number, number | null>>();
        rows.forEach((code, i) => {
          const [unit, vs] = cells[i]!;
          units.set(code, unit);
          values.set(
            code,
            new Map(years.map((fy, k) => [fy, Object.is(vs[k], -0) ? 0 : (vs[k] ?? null)])),
          );
        });
        return { units, values, years };
      });
  });

describe("round trip through the generic engine", () => {
  for (const format of ["csv", "csv-sjis", "xlsx"] as const) {
    it(`${format}: export → import is no change; one edited cell is exactly that change`, async () => {
      await fc.assert(
        fc.asyncProperty(
          arbFake,
          fc.nat(),
          fc.nat(),
          fc.option(fc.integer({ min: -1e6, max: 1e6 }), { nil: null }),
          async (s, rowPick, yearPick, newValue) => {
            expect(await roundTrip(s, s, format)).toEqual([]);
            const codes = [...s.units.keys()];
            const code = codes[rowPick % codes.length]!;
            const fy = s.years[yearPick % s.years.length]!;
            const before = s.values.get(code)!.get(fy) ?? null;
            fc.pre(before !== newValue);
            const edited: Fake = {
              ...s,
              values: new Map(
                [...s.values].map(([k, m]) => [
                  k,
                  k === code ? new Map([...m, [fy, newValue]]) : m,
                ]),
              ),
            };
            const changes = await roundTrip(s, edited, format);
            expect(changes.map((c) => [c.key, c.fiscalYear, c.before, c.after])).toEqual([
              [code, fy, before, newValue],
            ]);
          },
        ),
        { numRuns: format === "xlsx" ? 15 : 60 },
      );
    });
  }
});
