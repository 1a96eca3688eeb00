import { describe, expect, it } from "vitest";
import { contentDisposition, datedDownload, datedFileName } from "./content-disposition.ts";

describe("Content-Disposition", () => {
  it("gives a Japanese name as UTF-8 with an ASCII fallback", () => {
    expect(contentDisposition("石岡市_実績値.csv")).toBe(
      `attachment; filename="_______.csv"; filename*=UTF-8''${encodeURIComponent("石岡市_実績値.csv")}`,
    );
  });

  it("never lets a quote or backslash end the fallback early, and escapes RFC 5987's reserved characters", () => {
    const header = contentDisposition("a\"b\\c (1)*'.xlsx");
    expect(header).toBe(
      `attachment; filename="a_b_c (1)*'.xlsx"; filename*=UTF-8''a%22b%5Cc%20%281%29%2A%27.xlsx`,
    );
  });

  it("shows a file inline with the fallback it is given", () => {
    expect(contentDisposition("シート.pdf", { kind: "inline", fallback: "sheet.pdf" })).toBe(
      `inline; filename="sheet.pdf"; filename*=UTF-8''${encodeURIComponent("シート.pdf")}`,
    );
  });
});

describe("datedFileName", () => {
  it("names an export by what it holds, its section and the day in Japan", () => {
    const at = new Date("2026-12-06T15:30:00Z"); // 7 December in Japan
    expect(datedFileName(["実績値", "行革推進課"], "xlsx", at)).toBe(
      "実績値_行革推進課_2026-12-07.xlsx",
    );
    expect(datedFileName(["実績値", null, ""], "csv", at)).toBe("実績値_2026-12-07.csv");
    expect(datedFileName(["課 A/B"], "csv", at)).toBe("課_A_B_2026-12-07.csv");
  });
});

describe("datedDownload", () => {
  it("names a download and its ASCII fallback alike, and the header carries both", () => {
    const at = new Date("2026-12-06T15:30:00Z"); // 7 December in Japan
    const name = datedDownload(
      ["石岡市", "令和7年度", "実績値の入力状況"],
      ["082058", "round-2025-status"],
      "csv",
      at,
    );
    expect(name).toEqual({
      name: "石岡市_令和7年度_実績値の入力状況_2026-12-07.csv",
      fallback: "082058_round-2025-status_2026-12-07.csv",
    });
    expect(contentDisposition(name)).toBe(
      `attachment; filename="082058_round-2025-status_2026-12-07.csv"; filename*=UTF-8''${encodeURIComponent(name.name)}`,
    );
  });
});
