import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  eraOfFiscalYear,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearRange,
  formatJapaneseDay,
  parseFiscalYear,
  parseJapaneseDate,
  shortFiscalYearLabel,
} from "./fiscal-year.ts";

function fy(text: string): number | string {
  const result = parseFiscalYear(text);
  return result.ok ? result.fiscalYear : result.message;
}

describe("a fiscal year runs from April to March", () => {
  it("a date in March 2022 belongs to FY2021", () => {
    expect(fiscalYearOf(new Date(2022, 2, 31))).toBe(2021);
  });

  it("April 1, 2021 is the first day of FY2021", () => {
    expect(fiscalYearOf(new Date(2021, 3, 1))).toBe(2021);
    expect(fiscalYearOf(new Date(2021, 2, 31, 23, 59))).toBe(2020);
  });

  it("FY2021 runs from 2021-04-01 to 2022-03-31", () => {
    expect(fiscalYearRange(2021)).toEqual({ start: "2021-04-01", end: "2022-03-31" });
  });

  it("an invalid date has no fiscal year", () => {
    expect(() => fiscalYearOf(new Date("not a date"))).toThrow(RangeError);
  });

  it("every day inside a fiscal year's range belongs to that fiscal year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 0, max: 364 }),
        (y, d) => {
          const start = new Date(`${fiscalYearRange(y).start}T12:00:00`);
          const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d, 12);
          expect(fiscalYearOf(day)).toBe(y);
        },
      ),
    );
  });
});

describe("era names come from the Japanese calendar", () => {
  it("FY2021 is 令和3年度", () => {
    expect(eraOfFiscalYear(2021)).toEqual({ era: "令和", year: 3 });
  });

  it("FY2019 is 令和元年度 although 令和 began in May", () => {
    expect(eraOfFiscalYear(2019)).toEqual({ era: "令和", year: 1 });
  });

  it("FY1989 is 平成元年度 and FY1988 is 昭和63年度", () => {
    expect(eraOfFiscalYear(1989)).toEqual({ era: "平成", year: 1 });
    expect(eraOfFiscalYear(1988)).toEqual({ era: "昭和", year: 63 });
  });

  it("labels read 令和3年度（2021） with full-width parentheses", () => {
    expect(fiscalYearLabel(2021)).toBe("令和3年度（2021）");
    expect(shortFiscalYearLabel(2021)).toBe("令和3年度");
  });

  it("the first year of an era is written 元", () => {
    expect(fiscalYearLabel(2019)).toBe("令和元年度（2019）");
    expect(shortFiscalYearLabel(1989)).toBe("平成元年度");
  });
});

describe("reading fiscal years as the city writes them", () => {
  it("令和3年度 is FY2021", () => {
    expect(fy("令和3年度")).toBe(2021);
  });

  it("令和元年度 is FY2019", () => {
    expect(fy("令和元年度")).toBe(2019);
  });

  it("令和元度, a typo in the city's plan, is still FY2019", () => {
    expect(fy("令和元度")).toBe(2019);
  });

  it("R3, R3年度 and full-width Ｒ３ are FY2021", () => {
    expect(fy("R3")).toBe(2021);
    expect(fy("R3年度")).toBe(2021);
    expect(fy("Ｒ３")).toBe(2021);
    expect(fy("r3")).toBe(2021);
  });

  it("H30年度 and 平成30年度 are FY2018", () => {
    expect(fy("H30年度")).toBe(2018);
    expect(fy("平成30年度")).toBe(2018);
  });

  it("平成31年度 is FY2019, the same year as 令和元年度", () => {
    expect(fy("平成31年度")).toBe(2019);
  });

  it("plans written before 2019 may say 平成32年度, which is FY2020", () => {
    expect(fy("平成32年度")).toBe(2020);
  });

  it("昭和63年度 is FY1988", () => {
    expect(fy("昭和63年度")).toBe(1988);
    expect(fy("S63")).toBe(1988);
  });

  it("2021年度, 2021 and full-width ２０２１年度 are FY2021", () => {
    expect(fy("2021年度")).toBe(2021);
    expect(fy("2021")).toBe(2021);
    expect(fy("２０２１年度")).toBe(2021);
  });

  it("surrounding and inner spaces are ignored", () => {
    expect(fy(" 令和 3 年度 ")).toBe(2021);
  });

  it("a full label 令和3年度（2021） reads back as FY2021", () => {
    expect(fy("令和3年度（2021）")).toBe(2021);
  });

  it("a label whose era year and Western year disagree is refused", () => {
    expect(fy("令和3年度（2022）")).toContain("一致しません");
  });

  it("unreadable text is refused with a message naming it", () => {
    expect(parseFiscalYear("来年度")).toEqual({
      ok: false,
      message: "「来年度」を年度として読み取れません（例: 令和3年度、R3、2021年度）",
    });
    expect(fy("X3")).toContain("「X3」");
    expect(fy("令和0年度")).toContain("「令和0年度」");
    expect(fy("21年度")).toContain("「21年度」");
  });

  it("empty text is refused", () => {
    expect(fy("  ")).toBe("年度が入力されていません");
  });

  it("every label from 1990 to 2100 reads back as its fiscal year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        expect(fy(fiscalYearLabel(year))).toBe(year);
        expect(fy(shortFiscalYearLabel(year))).toBe(year);
      }),
      { numRuns: 300 },
    );
  });

  it("parsing never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof parseFiscalYear(text).ok).toBe("boolean");
      }),
    );
  });
});

describe("parseJapaneseDate and formatJapaneseDay", () => {
  it("reads dates as people write them, in 和暦 too", () => {
    expect(parseJapaneseDate("2027-04-15")).toEqual({ ok: true, date: "2027-04-15" });
    expect(parseJapaneseDate("令和9年4月15日")).toEqual({ ok: true, date: "2027-04-15" });
    expect(parseJapaneseDate("Ｒ９．４．１５")).toEqual({ ok: true, date: "2027-04-15" });
    expect(parseJapaneseDate("令和元年5月1日")).toEqual({ ok: true, date: "2019-05-01" });
  });
  it("refuses days that do not exist, wrong eras and impossible future dates", () => {
    expect(parseJapaneseDate("2023-02-30").ok).toBe(false);
    expect(parseJapaneseDate("平成31年5月1日")).toMatchObject({ ok: false });
    const future = parseJapaneseDate("令和9年4月15日", { latest: "2026-12-07" });
    expect(future).toEqual({
      ok: false,
      message: "令和9年4月15日は先の日付です。令和8年12月7日までの日付を入力してください",
    });
  });
  it("shows ISO dates in 和暦", () => {
    expect(formatJapaneseDay("2027-04-15")).toBe("令和9年4月15日");
    expect(formatJapaneseDay("2019-05-01", { weekday: true })).toBe("令和元年5月1日（水）");
    expect(formatJapaneseDay("2003-09-30")).toBe("平成15年9月30日");
  });
});
