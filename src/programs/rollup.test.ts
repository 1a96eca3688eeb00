import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIRECTIONS, type Direction } from "../evaluations/index.ts";
import {
  allocate,
  type CostFigures,
  checkShares,
  type RollupProgram,
  rollUp,
  splitProgram,
  type YearFigures,
} from "./rollup.ts";

const MAN = 10_000;

/** A program year as the roll-up needs it. */
const year = (fiscalYear: number, programCost: number, staffCost: number, staffFte: number) => ({
  fiscalYear,
  programCost,
  staffCost: { regular: staffCost, partTime: 0, total: staffCost },
  staffFte,
});

/** 基本施策 1-1 に取組 1-1-1, 1-1-2、基本施策 1-2 に取組 1-2-1. */
const measureOf = new Map([
  ["1-1-1", "1-1"],
  ["1-1-2", "1-1"],
  ["1-2-1", "1-2"],
]);

describe("最大剰余法による配分", () => {
  it("1,000,000円を3等分すると333,334円・333,333円・333,333円で、合計は元の額に一致する", () => {
    expect(allocate(1_000_000, [1, 1, 1])).toEqual([333_334, 333_333, 333_333]);
  });
  it("剰余の大きい順に1円ずつ配る: 100円を 1 : 2 : 4 に分けると 14・29・57（57.14…, 28.57…, 14.28…）", () => {
    expect(allocate(100, [1, 2, 4])).toEqual([14, 29, 57]);
  });
  it("割合0の取組には配らない", () => {
    expect(allocate(7, [0, 1, 0, 1])).toEqual([0, 4, 0, 3]);
  });
  it("割合の合計が0、または負・小数の割合は受け付けない", () => {
    expect(() => allocate(10, [0, 0])).toThrow("配分割合の合計が0です");
    expect(() => allocate(10, [1, -1])).toThrow(/配分割合/);
    expect(() => allocate(10, [1.5])).toThrow(/配分割合/);
    expect(() => allocate(-1, [1])).toThrow(/配分する額/);
  });
  it("どんな額と割合でも、配分の合計は元の額に一致し、各配分と按分値の差は1円未満", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 8 }),
        (total, raw) => {
          const weights = raw.every((w) => w === 0) ? [...raw, 1] : raw;
          const sum = weights.reduce((a, b) => a + b, 0);
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            // |part − total × w ÷ sum| < 1, compared in integers
            const diff = BigInt(p) * BigInt(sum) - BigInt(total) * BigInt(weights[i]!);
            expect(diff < BigInt(sum) && -diff < BigInt(sum)).toBe(true);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });
  it("均等配分では、どの二つの取組の差も1円以内", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 12 }), (t, n) => {
        const parts = allocate(t, Array(n).fill(1));
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("配分割合の検証", () => {
  it("割合を入力しなければ均等配分", () => {
    expect(
      checkShares([
        { initiativeCode: "1-1-1", share: null },
        { initiativeCode: "1-2-1", share: null },
      ]),
    ).toEqual([]);
  });
  it("取組がない、重複する、一部だけ入力された、合計が0の割合を指摘する", () => {
    expect(checkShares([])[0]!.message).toBe("関連する取組がありません（1つ以上選んでください）");
    expect(
      checkShares([
        { initiativeCode: "1-1-1", share: 60 },
        { initiativeCode: "1-1-1", share: 40 },
      ]),
    ).toEqual([
      { location: "initiatives.1.initiativeCode", message: "取組「1-1-1」が重複しています" },
    ]);
    expect(
      checkShares([
        { initiativeCode: "1-1-1", share: 60 },
        { initiativeCode: "1-2-1", share: null },
      ])[0]!.message,
    ).toBe("配分割合は、すべての取組に入力するか、すべて空欄（均等配分）にしてください");
    expect(checkShares([{ initiativeCode: "1-1-1", share: 0 }])[0]!.message).toBe(
      "配分割合の合計が0です",
    );
    expect(checkShares([{ initiativeCode: "1-1-1", share: 2.5 }])[0]).toEqual({
      location: "initiatives.0.share",
      message: "取組「1-1-1」の配分割合は0以上の整数で入力してください（2.5）",
    });
  });
});

/** 子育て支援事業: 取組 1-1-1 と 1-2-1 に 60 : 40 で配分. */
const childcare: RollupProgram = {
  key: "01-03-02-01-001",
  initiatives: [
    { initiativeCode: "1-1-1", share: 60 },
    { initiativeCode: "1-2-1", share: 40 },
  ],
  direction: "expand",
  years: [year(2023, 1_000 * MAN + 1, 500 * MAN, 0.75), year(2024, 1_200 * MAN, 510 * MAN, 1)],
};
/** 広報事業: 取組 1-1-1, 1-1-2 に均等配分. */
const publicity: RollupProgram = {
  key: "01-02-01-01-004",
  initiatives: [
    { initiativeCode: "1-1-1", share: null },
    { initiativeCode: "1-1-2", share: null },
  ],
  direction: "reduce",
  years: [year(2023, 301, 200 * MAN, 0.5)],
};

describe("事務事業から取組への配分", () => {
  it("60 : 40 で、事業費・人件費・従事職員数を配分し、総コストはその和", () => {
    const split = splitProgram(childcare);
    expect(split.get("1-1-1")!.get(2023)).toEqual({
      totalCost: 600 * MAN + 1 + 300 * MAN,
      programCost: 600 * MAN + 1, // 6,000,000.6 → 剰余の大きい方に1円
      staffCost: 300 * MAN,
      staffFte: 0.45,
    });
    expect(split.get("1-2-1")!.get(2023)).toEqual({
      totalCost: 400 * MAN + 200 * MAN,
      programCost: 400 * MAN,
      staffCost: 200 * MAN,
      staffFte: 0.3,
    });
  });
  it("均等配分で割り切れない1円は先に挙げた取組に", () => {
    const split = splitProgram(publicity);
    expect(split.get("1-1-1")!.get(2023)!.programCost).toBe(151);
    expect(split.get("1-1-2")!.get(2023)!.programCost).toBe(150);
  });
  it("配分割合に誤りがあれば、事務事業を示して集計しない", () => {
    expect(() => splitProgram({ ...childcare, initiatives: [] })).toThrow(
      "事務事業 01-03-02-01-001: 関連する取組がありません",
    );
  });
});

describe("取組・基本施策・市全体への集計", () => {
  const rollup = rollUp([childcare, publicity], measureOf);

  it("取組 1-1-1 の令和5年度は子育て支援事業の60%と広報事業の半分", () => {
    expect(rollup.initiatives.get("1-1-1")!.get(2023)).toEqual({
      totalCost: 600 * MAN + 1 + 300 * MAN + 151 + 100 * MAN,
      programCost: 600 * MAN + 1 + 151,
      staffCost: 300 * MAN + 100 * MAN,
      staffFte: 0.7,
    });
  });
  it("基本施策 1-1 はその取組の合計、市全体は全事務事業の合計と一致する", () => {
    const m = rollup.measures.get("1-1")!.get(2023)!;
    const a = rollup.initiatives.get("1-1-1")!.get(2023)!;
    const b = rollup.initiatives.get("1-1-2")!.get(2023)!;
    expect(m.totalCost).toBe(a.totalCost + b.totalCost);
    expect(rollup.municipality.get(2023)).toEqual({
      totalCost: 1_000 * MAN + 1 + 500 * MAN + 301 + 200 * MAN,
      programCost: 1_000 * MAN + 1 + 301,
      staffCost: 700 * MAN,
      staffFte: 1.25,
    });
  });
  it("事務事業のない取組も年度なしで示す", () => {
    const empty = rollUp([], measureOf);
    expect(empty.initiatives.get("1-1-2")!.size).toBe(0);
    expect(empty.municipality.size).toBe(0);
  });
  it("方向性ごとの事務事業数: 市全体では各事業を1回、基本施策ごとには関係する施策ごとに1回数える", () => {
    expect(rollup.directions.expand).toBe(1);
    expect(rollup.directions.reduce).toBe(1);
    expect(rollup.directions.none).toBe(0);
    expect(rollup.directionsByMeasure.get("1-1")).toMatchObject({ expand: 1, reduce: 1 });
    expect(rollup.directionsByMeasure.get("1-2")).toMatchObject({ expand: 1, reduce: 0 });
  });
  it("評価のない事務事業は「none」に数える", () => {
    expect(rollUp([{ ...publicity, direction: null }], measureOf).directions.none).toBe(1);
  });
  it("基本施策に属さない取組への配分は集計しない", () => {
    const stray = { ...publicity, initiatives: [{ initiativeCode: "9-9-9", share: null }] };
    expect(() => rollUp([stray], measureOf)).toThrow(
      "事務事業 01-02-01-01-004: 取組「9-9-9」の上の階層（計画の第2階層）の項目が見つかりません",
    );
  });
});

describe("集計の性質", () => {
  const initiativeCodes = [...measureOf.keys()];
  const program = (i: number) =>
    fc.record({
      key: fc.constant(`P${i}`),
      initiatives: fc.subarray(initiativeCodes, { minLength: 1 }).chain((codes) =>
        fc.oneof(
          fc.constant(codes.map((c) => ({ initiativeCode: c, share: null }))),
          fc
            .array(fc.integer({ min: 1, max: 100 }), {
              minLength: codes.length,
              maxLength: codes.length,
            })
            .map((shares) => codes.map((c, j) => ({ initiativeCode: c, share: shares[j]! }))),
        ),
      ),
      direction: fc.constantFrom<Direction | null>(...DIRECTIONS, null),
      years: fc
        .subarray([2022, 2023, 2024], { minLength: 1 })
        .chain((fys) =>
          fc.tuple(
            ...fys.map((fy) =>
              fc
                .tuple(
                  fc.integer({ min: 0, max: 1e11 }),
                  fc.integer({ min: 0, max: 1e9 }),
                  fc.integer({ min: 0, max: 2_000 }),
                )
                .map(([p, s, h]) => year(fy, p, s, h / 100)),
            ),
          ),
        ),
    });
  const programs = fc
    .integer({ min: 0, max: 8 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => program(i))));

  const sum = (list: (CostFigures | undefined)[]) =>
    list.reduce(
      (acc: CostFigures, f) =>
        f
          ? {
              totalCost: acc.totalCost + f.totalCost,
              programCost: acc.programCost + f.programCost,
              staffCost: acc.staffCost + f.staffCost,
              staffFte: Math.round(acc.staffFte * 100 + f.staffFte * 100) / 100,
            }
          : acc,
      { totalCost: 0, programCost: 0, staffCost: 0, staffFte: 0 },
    );
  const at = (levels: Iterable<YearFigures>, fy: number) => sum([...levels].map((l) => l.get(fy)));

  it("どの年度も、事務事業の合計 = 取組の合計 = 基本施策の合計 = 市全体", () => {
    fc.assert(
      fc.property(programs, (list) => {
        const r = rollUp(list, measureOf);
        for (const fy of [2022, 2023, 2024]) {
          const fromPrograms = sum(
            list
              .flatMap((p) => p.years.filter((y) => y.fiscalYear === fy))
              .map((y) => ({
                totalCost: y.programCost + y.staffCost.total,
                programCost: y.programCost,
                staffCost: y.staffCost.total,
                staffFte: y.staffFte,
              })),
          );
          expect(at(r.initiatives.values(), fy)).toEqual(fromPrograms);
          expect(at(r.measures.values(), fy)).toEqual(fromPrograms);
          expect(at([r.municipality], fy)).toEqual(fromPrograms);
        }
      }),
    );
  });
  it("各事務事業の配分は、その事業の額に過不足なく一致し、総コストは事業費＋人件費", () => {
    fc.assert(
      fc.property(programs, (list) => {
        for (const p of list) {
          const split = splitProgram(p);
          for (const y of p.years) {
            const total = at(split.values(), y.fiscalYear);
            expect(total.programCost).toBe(y.programCost);
            expect(total.staffCost).toBe(y.staffCost.total);
            expect(total.staffFte).toBe(y.staffFte);
            for (const f of split.values()) {
              const part = f.get(y.fiscalYear)!;
              expect(part.totalCost).toBe(part.programCost + part.staffCost);
            }
          }
        }
      }),
    );
  });
  it("方向性ごとの事務事業数の合計は事務事業数", () => {
    fc.assert(
      fc.property(programs, (list) => {
        const counts = Object.values(rollUp(list, measureOf).directions);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(list.length);
      }),
    );
  });
});
