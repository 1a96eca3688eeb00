/**
 * The status rules as properties: for any input, and over every target form × value kind ×
 * missing baseline or year × interim targets. The plan-like cases are in achievement.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AssessmentInput,
  assess,
  STATUS_LABELS,
  type StatusCode,
  type TargetForm,
  type ValueKind,
} from "./achievement.ts";

const FORMS: TargetForm[] = ["at_least", "at_most", "below", "above", "increase", "decrease"];
const ALL_FORMS: TargetForm[] = [...FORMS, "maintain", "milestone", "manage", "tbd"];
const MIRROR: Partial<Record<TargetForm, TargetForm>> = {
  at_least: "at_most",
  at_most: "at_least",
  below: "above",
  above: "below",
  increase: "decrease",
  decrease: "increase",
};
const RANK: Record<StatusCode, number> = {
  achieved: 3,
  on_track: 2,
  behind: 1,
  not_achieved: 1, // behind and not_achieved never compete: the fiscal years decide which
  in_progress: 1,
  not_assessable: 0,
  no_data: 0,
};

const VALUE_KINDS: ValueKind[] = ["annual", "running_total", "sum_of_annual"];

function inputs(value: fc.Arbitrary<number>, forms = ALL_FORMS): fc.Arbitrary<AssessmentInput> {
  const year = fc.integer({ min: 2015, max: 2035 });
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  return fc.record({
    baseline: fc.record({ value: maybe(value), fiscalYear: maybe(year) }),
    target: fc.record({
      form: fc.constantFrom(...forms),
      value: maybe(value),
      fiscalYear: maybe(year),
      interim: fc.array(fc.record({ fiscalYear: year, value: maybe(value) }), { maxLength: 3 }),
    }),
    valueKind: fc.constantFrom(...VALUE_KINDS),
    actuals: fc.array(
      fc.record({ fiscalYear: year, value: maybe(value), done: maybe(fc.boolean()) }),
      { maxLength: 6 },
    ),
  });
}

const plainNumbers = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100),
);

describe("どんな入力でも", () => {
  it("達成率は0〜100かnullで、NaNやInfinityは出ず、例外も投げない", () => {
    fc.assert(
      fc.property(inputs(fc.double()), (input) => {
        const result = assess(input);
        if (result.achievement !== null) {
          expect(result.achievement).toBeGreaterThanOrEqual(0);
          expect(result.achievement).toBeLessThanOrEqual(100);
        }
        for (const n of [result.achievement, result.comparedValue, result.fiscalYear]) {
          if (n !== null) expect(Number.isFinite(n)).toBe(true);
        }
        expect(result.reason).not.toMatch(/NaN|Infinity|∞/);
        expect(result.status).toBe(STATUS_LABELS[result.statusCode]);
      }),
      { numRuns: 500 },
    );
  });

  it("符号を反転して以上↔以下・未満↔超・増加↔減少を入れ替えても同じ評価（鏡像対称）", () => {
    const values = fc.oneof(plainNumbers, fc.double({ noNaN: true }));
    fc.assert(
      fc.property(inputs(values, FORMS), (input) => {
        const neg = (v: number | null) => (v === null ? null : -v);
        const mirrored: AssessmentInput = {
          baseline: { ...input.baseline, value: neg(input.baseline.value) },
          target: {
            ...input.target,
            form: MIRROR[input.target.form]!,
            value: neg(input.target.value),
            interim: input.target.interim?.map((p) => ({ ...p, value: neg(p.value) })),
          },
          valueKind: input.valueKind,
          actuals: input.actuals.map((a) => ({ ...a, value: neg(a.value) })),
        };
        const [a, b] = [assess(input), assess(mirrored)];
        expect([b.statusCode, b.achievement]).toEqual([a.statusCode, a.achievement]);
      }),
      { numRuns: 500 },
    );
  });

  it("以上の目標では、実績がよいほど達成率も状態も悪くならない（単調性）", () => {
    const year = fc.integer({ min: 2015, max: 2035 });
    const args = [inputs(plainNumbers, ["at_least"]), year, plainNumbers, plainNumbers] as const;
    fc.assert(
      fc.property(...args, (input, fiscalYear, x, y) => {
        const withActual = (value: number) =>
          assess({ ...input, actuals: [...input.actuals, { fiscalYear, value }] });
        const [worse, better] = [withActual(Math.min(x, y)), withActual(Math.max(x, y))];
        expect(RANK[better.statusCode]).toBeGreaterThanOrEqual(RANK[worse.statusCode]);
        if (worse.achievement !== null && better.achievement !== null) {
          expect(better.achievement).toBeGreaterThanOrEqual(worse.achievement);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("形式 × 値の種類 × 基準値・年度の有無 × 中間目標のどの組み合わせでも", () => {
  const values = fc.oneof(plainNumbers, fc.double({ noNaN: true }));

  it("目標年度がなければ遅れにも未達にもならない", () => {
    fc.assert(
      fc.property(inputs(values), (input) => {
        const result = assess({ ...input, target: { ...input.target, fiscalYear: null } });
        expect(["behind", "not_achieved"]).not.toContain(result.statusCode);
      }),
      { numRuns: 500 },
    );
  });

  it("比べる値が数値目標を満たせば、基準値や年度がなくても達成", () => {
    fc.assert(
      fc.property(inputs(values, ["at_least", "at_most", "below", "above"]), (input) => {
        const result = assess(input);
        if (result.met === true) expect(result.statusCode).toBe("achieved");
        if (result.statusCode === "achieved") expect(result.met).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("進捗率と目安は基準値と目標年度があるときだけ示し、ないときは何がないかを言う", () => {
    fc.assert(
      fc.property(inputs(values, ["at_least", "at_most"]), (input) => {
        const result = assess(input);
        const complete = input.baseline.value !== null && input.target.fiscalYear !== null;
        if (!complete) {
          expect(result.achievement).toBeNull();
          expect(result.expected).toBeNull();
          if (result.statusCode === "in_progress") {
            expect(result.missing.length).toBeGreaterThan(0);
            expect(result.reason).toMatch(/がないため/);
          }
        }
        if (result.expected !== null) {
          expect(input.baseline.fiscalYear).not.toBeNull();
          expect(result.reason).toMatch(/目安/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("中間目標の年度にその値以上（以下の目標では以下）なら順調か達成", () => {
    const year = fc.integer({ min: 2016, max: 2029 });
    fc.assert(
      fc.property(
        plainNumbers,
        plainNumbers,
        fc.double({ min: 0, max: 1, noNaN: true }),
        year,
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<TargetForm>("at_least", "at_most"),
        fc.constantFrom(...VALUE_KINDS.filter((k) => k !== "sum_of_annual")),
        (b, t, share, interimYear, after, form, valueKind) => {
          const goal = b + (t - b) * share;
          const input: AssessmentInput = {
            baseline: { value: b, fiscalYear: 2015 },
            target: {
              form,
              value: t,
              fiscalYear: interimYear + after,
              interim: [{ fiscalYear: interimYear, value: goal }],
            },
            valueKind,
            actuals: [{ fiscalYear: interimYear, value: goal }],
          };
          expect(["on_track", "achieved"]).toContain(assess(input).statusCode);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("文字の目標は達成の印のある実績があれば達成、なければ達成にならない", () => {
    fc.assert(
      fc.property(inputs(values, ["milestone"]), (input) => {
        const result = assess(input);
        const done = input.actuals.some((a) => a.done === true);
        expect(result.statusCode === "achieved").toBe(done);
        expect(result.achievement).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
