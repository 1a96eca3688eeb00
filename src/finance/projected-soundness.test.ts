import { describe, expect, it } from "vitest";
import { assumptions, budget2024, settled2023 } from "../../test/support/finance-frame.ts";
import { project } from "./frame-projection.ts";
import { basicScenario } from "./frame-scenario.ts";
import { NO_INPUTS, projectedSoundness } from "./projected-soundness.ts";
import { singleYearRealDebtServiceRatio } from "./soundness.ts";

const years = [2025, 2026, 2027];
const each = (v: number) => Object.fromEntries(years.map((y) => [y, v]));

describe("推計の実質公債費比率", () => {
  it("前提に準元利償還金・特定財源・算入公債費等がなければ算定せず、そう言う", () => {
    const s = basicScenario(assumptions);
    const projected = project([settled2023, budget2024], s, 2027);
    const out = projectedSoundness(s, projected);
    expect([...out.values()]).toEqual(years.map(() => ({ reason: NO_INPUTS })));
  });
  it("準元利償還金・特定財源・算入公債費等は0以上の整数（円）でなければ前提として受け付けない", () => {
    const inputs = {
      quasiPrincipalAndInterest: each(300_000_000),
      specificRevenue: each(100_000_000),
      includedDebtService: each(1_500_000_000),
    };
    expect(() =>
      basicScenario({
        ...assumptions,
        soundnessInputs: { ...inputs, specificRevenue: { 2026: -1 } },
      }),
    ).toThrow(/soundnessInputs\.specificRevenue\[2026\]/);
    expect(() =>
      basicScenario({
        ...assumptions,
        soundnessInputs: { ...inputs, includedDebtService: { 2025: 0.5 } },
      }),
    ).toThrow(/soundnessInputs\.includedDebtService\[2025\]/);
  });
  it("3か年度すべてが推計で前提がそろう年度だけ、推計の公債費で3か年平均をとる", () => {
    const s = basicScenario({
      ...assumptions,
      soundnessInputs: {
        quasiPrincipalAndInterest: each(300_000_000),
        specificRevenue: each(100_000_000),
        includedDebtService: each(1_500_000_000),
      },
    });
    const projected = project([settled2023, budget2024], s, 2027);
    const out = projectedSoundness(s, projected);
    expect(out.get(2025)).toMatchObject({ reason: expect.stringContaining("決算・予算の年度") });
    expect(out.get(2026)).toMatchObject({ reason: expect.stringContaining("決算・予算の年度") });
    const expected =
      projected
        .map((y) =>
          singleYearRealDebtServiceRatio({
            principalAndInterest: y.expenditure.debtService,
            quasiPrincipalAndInterest: 300_000_000,
            specificRevenue: 100_000_000,
            includedDebtService: 1_500_000_000,
            standardFiscalScale: 19_000_000_000,
          }),
        )
        .reduce((a, b) => a + b) / 3;
    expect(out.get(2027)).toEqual({ value: expected });
  });
  it("ある年度の前提が欠ければ、その年度を含む平均は欠けた項目を言う", () => {
    const s = basicScenario({
      ...assumptions,
      soundnessInputs: {
        quasiPrincipalAndInterest: each(300_000_000),
        specificRevenue: { 2025: 1, 2027: 1 },
        includedDebtService: each(1_500_000_000),
      },
    });
    const out = projectedSoundness(s, project([settled2023, budget2024], s, 2027));
    expect(out.get(2027)).toEqual({ reason: "2026年度の特定財源が推計の前提にありません" });
  });
});
