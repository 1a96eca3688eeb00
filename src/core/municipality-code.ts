/**
 * 全国地方公共団体コード: five digits (two for the prefecture, three for the municipality)
 * followed by a check digit. The check digit is (11 − (Σ digitᵢ × weightᵢ mod 11)) mod 10
 * with weights 6, 5, 4, 3, 2 — i.e. the last digit of 11 minus the remainder.
 */

export type MunicipalityCodeResult = { ok: true; code: string } | { ok: false; message: string };

const WEIGHTS = [6, 5, 4, 3, 2] as const;
const LABEL = "全国地方公共団体コード";

/** Full-width digits become ASCII digits; surrounding spaces are dropped. */
function normalize(text: string): string {
  return text.normalize("NFKC").trim();
}

/** The check digit for the first five digits of a code, e.g. "08205" → 8. */
export function checkDigit(first5: string): number {
  const digits = normalize(first5);
  if (!/^\d{5}$/.test(digits)) {
    throw new RangeError(`${LABEL}の検査数字は5桁の数字から計算します（「${first5}」）`);
  }
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(digits[i]) * weight;
  });
  return (11 - (sum % 11)) % 10;
}

/** Checks the length and the check digit; returns the normalized six-digit code. */
export function validateMunicipalityCode(code: string): MunicipalityCodeResult {
  const original = typeof code === "string" ? code : String(code ?? "");
  const digits = normalize(original);
  if (digits === "") return { ok: false, message: `${LABEL}が入力されていません` };
  if (!/^\d{6}$/.test(digits)) {
    const hint = /^\d{5}$/.test(digits)
      ? `（検査数字を付けると ${digits}${checkDigit(digits)}）`
      : "";
    return {
      ok: false,
      message: `${LABEL}「${original}」は6桁の数字で入力してください${hint}`,
    };
  }
  const first5 = digits.slice(0, 5);
  const expected = `${first5}${checkDigit(first5)}`;
  if (expected !== digits) {
    return {
      ok: false,
      message: `${LABEL} ${digits} の検査数字が誤っています（正しくは ${expected}）`,
    };
  }
  return { ok: true, code: digits };
}
