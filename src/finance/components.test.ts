import { describe, expect, it } from "vitest";
import { fullComponents } from "../../test/support/finance-components.ts";
import { computeRatios, type SoundnessComponents } from "./components.ts";
import { componentFieldLabels, componentsFields, readComponentsForm } from "./components-form.ts";

const OKU = 100_000_000;

/** Made-up components: 標準財政規模160億円, every ratio computable. */
const FULL = fullComponents(2024);

const ratiosOf = (c: SoundnessComponents) =>
  Object.fromEntries(computeRatios(c).map((r) => [r.kind, "value" in r ? r.value : r]));

describe("構成要素からの算定", () => {
  it("そろっていれば4つの比率を soundness.ts の式で算定する", () => {
    const v = ratiosOf(FULL);
    expect(v.realDeficit).toBeCloseTo(-5, 12);
    expect(v.consolidatedRealDeficit).toBeCloseTo(-4, 12); // (1.6 − 8) ÷ 160
    expect(v.realDebtService).toBeCloseTo((12 / 150) * 100, 12); // (22 − 10) ÷ (159 − 9)
    expect(v.futureBurden).toBeCloseTo((50 / 150) * 100, 12); // (380 − 330) ÷ (160 − 10)
  });
  it("足りない比率は算定せず、何が足りないかを言う", () => {
    const { debtService: _d, futureBurden: _f, ...partial } = FULL;
    const results = computeRatios(partial);
    expect(results.filter((r) => "value" in r).map((r) => r.kind)).toEqual([
      "realDeficit",
      "consolidatedRealDeficit",
    ]);
    expect(results.find((r) => r.kind === "futureBurden")).toMatchObject({
      missing: expect.stringContaining("将来負担額の8項目"),
    });
    expect(computeRatios({}).every((r) => "missing" in r)).toBe(true);
  });
  it("式が受け付けない値（算入公債費等が標準財政規模以上）は算定せず理由を言う", () => {
    const r = computeRatios({ ...FULL, includedDebtService: 200 * OKU }).find(
      (x) => x.kind === "futureBurden",
    );
    expect(r).toMatchObject({ error: expect.stringContaining("小さすぎます") });
  });
});

describe("構成要素の入力フォーム", () => {
  const formOf = (c: SoundnessComponents, extra: Record<string, string> = {}) => ({
    ...componentsFields(c),
    source: "テスト",
    ...extra,
  });
  it("保存した値をフォームに出し、読み戻すと同じ構成要素になる", () => {
    const read = readComponentsForm(formOf(FULL, { sample: "on" }), 2024);
    expect(read).toEqual({
      ok: true,
      value: { components: FULL, sample: true, source: "テスト", note: null },
    });
  });
  it("桁区切り・全角数字・△のマイナスを読み、△は赤字額と会計の実質収支にだけ使える", () => {
    const read = readComponentsForm(
      {
        standardFiscalScale: "１６,０００,０００,０００",
        realDeficit: "△800,000,000",
        "accounts.0.name": "一般会計",
        "accounts.0.kind": "general",
        "accounts.0.deficit": "▲800,000,000",
        source: "テスト",
      },
      2024,
    );
    expect(read).toMatchObject({
      value: {
        components: {
          standardFiscalScale: 160 * OKU,
          realDeficit: -8 * OKU,
          accounts: [{ name: "一般会計", kind: "general", deficit: -8 * OKU }],
        },
      },
    });
    const bad = readComponentsForm(
      { standardFiscalScale: "△1", "futureBurden.localBondBalance": "1.5", source: "" },
      2024,
    );
    expect(!bad.ok && bad.details.map((e) => e.location)).toEqual([
      "standardFiscalScale",
      "futureBurden.localBondBalance",
      ...componentFieldLabels(2024)
        .map(([n]) => n)
        .filter((n) => n.startsWith("futureBurden.") && n !== "futureBurden.localBondBalance"),
      "source",
    ]);
  });
  it("3か年度の一部だけの入力は、足りない年度を指して断る", () => {
    const form = formOf({ debtService: FULL.debtService });
    for (const k of Object.keys(form).filter((k) => k.startsWith("debtService.1.")))
      delete (form as Record<string, string>)[k];
    const read = readComponentsForm(form, 2024);
    expect(read).toEqual({
      ok: false,
      details: [
        {
          location: "debtService.1.principalAndInterest",
          message: "実質公債費比率には3か年度分すべてが必要です",
        },
      ],
    });
  });
  it("3か年度は保存する年度とその前2年度", () => {
    const read = readComponentsForm(formOf({ debtService: FULL.debtService }), 2030);
    expect(read.ok && read.value.components.debtService?.map((y) => y.fiscalYear)).toEqual([
      2028, 2029, 2030,
    ]);
  });
});
