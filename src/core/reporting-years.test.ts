import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { fiscalYearOf } from "./fiscal-year.ts";
import { parseFiscalYearParam } from "./reporting-years.ts";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, message: e.message, details: e.details };
    throw e;
  }
  throw new Error("not refused");
};

describe("a fiscal year in a URL or form", () => {
  const now = fiscalYearOf(new Date());

  it("reads 西暦4桁 from 1990 to this fiscal year, and an empty one as the fallback", () => {
    expect(parseFiscalYearParam("2024")).toBe(2024);
    expect(parseFiscalYearParam(String(now))).toBe(now);
    expect(parseFiscalYearParam("", { fallback: 2023 })).toBe(2023);
    expect(parseFiscalYearParam(undefined, { fallback: 2023 })).toBe(2023);
  });

  it("refuses with 400 a year outside the range, or none without a fallback, naming the parameter", () => {
    expect(refusal(() => parseFiscalYearParam("1989"))).toMatchObject({
      status: 400,
      message: "年度 1989 は選べません",
      details: [{ location: "fy" }],
    });
    expect(refusal(() => parseFiscalYearParam(String(now + 1)))).toMatchObject({ status: 400 });
    expect(refusal(() => parseFiscalYearParam("R6", { location: "fiscalYear" }))).toMatchObject({
      details: [{ location: "fiscalYear" }],
    });
    expect(refusal(() => parseFiscalYearParam(undefined))).toMatchObject({ status: 400 });
  });

  it("goes as far as a domain allows: next year for costs, the future for the fiscal frame", () => {
    expect(parseFiscalYearParam(String(now + 1), { last: now + 1 })).toBe(now + 1);
    expect(parseFiscalYearParam("2040", { last: 2100 })).toBe(2040);
  });
});
