import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDigit, validateMunicipalityCode } from "./municipality-code.ts";

describe("全国地方公共団体コード", () => {
  it("082058 (石岡市) is valid", () => {
    expect(validateMunicipalityCode("082058")).toEqual({ ok: true, code: "082058" });
  });

  it("131016 (千代田区), 011002 (札幌市) and 010006 (北海道) are valid", () => {
    for (const code of ["131016", "011002", "010006"]) {
      expect(validateMunicipalityCode(code)).toEqual({ ok: true, code });
    }
  });

  it("the check digit of 08205 is 8", () => {
    expect(checkDigit("08205")).toBe(8);
  });

  it("a remainder of 0 gives check digit 1 and a remainder of 1 gives 0", () => {
    // 0×6 + 0×5 + 0×4 + 1×3 + 4×2 = 11 → remainder 0 → 11 − 0 = 11 → 1
    expect(checkDigit("00014")).toBe(1);
    // 0×6 + 0×5 + 0×4 + 0×3 + 6×2 = 12 → remainder 1 → 11 − 1 = 10 → 0
    expect(checkDigit("00006")).toBe(0);
  });

  it("a wrong check digit is reported with the correct code", () => {
    expect(validateMunicipalityCode("082057")).toEqual({
      ok: false,
      message: "全国地方公共団体コード 082057 の検査数字が誤っています（正しくは 082058）",
    });
  });

  it("full-width digits are accepted and normalized", () => {
    expect(validateMunicipalityCode("０８２０５８")).toEqual({ ok: true, code: "082058" });
    expect(checkDigit("０８２０５")).toBe(8);
  });

  it("a code that is not six digits gets its own message", () => {
    const result = validateMunicipalityCode("08205-8");
    expect(result).toEqual({
      ok: false,
      message: "全国地方公共団体コード「08205-8」は6桁の数字で入力してください",
    });
    expect(validateMunicipalityCode("0820588").ok).toBe(false);
  });

  it("a five-digit code is refused with a hint that includes the check digit", () => {
    const result = validateMunicipalityCode("08205");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("検査数字を付けると 082058");
  });

  it("an empty code is refused", () => {
    expect(validateMunicipalityCode(" ")).toEqual({
      ok: false,
      message: "全国地方公共団体コードが入力されていません",
    });
  });

  it("checkDigit refuses anything but five digits", () => {
    expect(() => checkDigit("0820")).toThrow(RangeError);
    expect(() => checkDigit("08a05")).toThrow(RangeError);
  });

  it("exactly one of the ten last digits is valid for every five-digit prefix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), (n) => {
        const prefix = String(n).padStart(5, "0");
        const valid = [..."0123456789"].filter((d) => validateMunicipalityCode(prefix + d).ok);
        expect(valid).toEqual([String(checkDigit(prefix))]);
      }),
      { numRuns: 500 },
    );
  });

  it("validation never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof validateMunicipalityCode(text).ok).toBe("boolean");
      }),
    );
  });
});
