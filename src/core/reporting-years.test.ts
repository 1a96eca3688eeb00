import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { fiscalYearOf } from "./fiscal-year.ts";
import { defaultStaffYear, parseFiscalYearParam, staffYearChoices } from "./reporting-years.ts";

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
    expect(refusal(() => parseFiscalYearParam("R66", { location: "fiscalYear" }))).toMatchObject({
      details: [{ location: "fiscalYear" }],
    });
    expect(refusal(() => parseFiscalYearParam(undefined))).toMatchObject({ status: 400 });
  });

  it("reads a year written in 和暦 as the same year", () => {
    expect(parseFiscalYearParam("令和6年度")).toBe(2024);
    expect(parseFiscalYearParam("R6")).toBe(2024);
    expect(parseFiscalYearParam("２０２４")).toBe(2024);
  });

  it("goes as far as a domain allows: next year for costs, the future for the fiscal frame", () => {
    expect(parseFiscalYearParam(String(now + 1), { last: now + 1 })).toBe(now + 1);
    expect(parseFiscalYearParam("2040", { last: 2100 })).toBe(2040);
  });
});

describe("defaultStaffYear", () => {
  const now = new Date(2026, 11, 7); // 令和8年度
  it("opens on the open round's year, the earliest deadline first", () => {
    expect(
      defaultStaffYear(
        {
          open: [
            { fiscalYear: 2024, deadline: "2026-12-20" },
            { fiscalYear: 2025, deadline: "2026-12-15" },
          ],
          due: [2023, 2024, 2025],
        },
        now,
      ),
    ).toBe(2025);
  });
  it("else on the latest year with work due, never a future one", () => {
    // A submitted 令和7年度 evaluation is not hidden behind 令和6年度.
    expect(defaultStaffYear({ open: [], due: [2024, 2025, 2027] }, now)).toBe(2025);
  });
  it("else on the year that ended last", () => {
    expect(defaultStaffYear({ open: [], due: [] }, now)).toBe(2025);
    expect(defaultStaffYear({ open: [], due: [2030] }, now)).toBe(2025);
  });
  it("or on the plans' last year when every plan ended before (安城市 2016–2023)", () => {
    expect(defaultStaffYear({ open: [], due: [], plansEnd: 2023 }, now)).toBe(2023);
    expect(defaultStaffYear({ open: [], due: [], plansEnd: 2031 }, now)).toBe(2025);
    expect(defaultStaffYear({ open: [], due: [], plansEnd: null }, now)).toBe(2025);
    expect(defaultStaffYear({ open: [], due: [2024], plansEnd: 2023 }, now)).toBe(2024);
  });
});

describe("the years a staff year picker offers", () => {
  const now = new Date("2026-12-07T00:00:00Z"); // 令和8年度

  it("runs over a plan of 2016–2023 and not past it, newest first", () => {
    expect(staffYearChoices({ periods: [{ from: 2016, to: 2023 }], last: 2026 }, now)).toEqual([
      2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016,
    ]);
  });

  it("takes in the open round's year and the chosen year beyond the plans", () => {
    expect(
      staffYearChoices({ periods: [{ from: 2016, to: 2023 }], include: [2025], last: 2026 }, now),
    ).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
  });

  it("spans every plan, and a plan without an end runs to this year", () => {
    expect(
      staffYearChoices(
        {
          periods: [
            { from: 2022, to: 2031 },
            { from: 2018, to: 2021 },
          ],
          last: 2026,
        },
        now,
      ),
    ).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018]);
    expect(staffYearChoices({ periods: [{ from: 2024, to: null }], last: 2026 }, now)).toEqual([
      2026, 2025, 2024,
    ]);
  });

  it("without a plan period offers five years before the year that ended last to this year, or earlier years asked for", () => {
    expect(staffYearChoices({ periods: [], last: 2026 }, now)).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021, 2020,
    ]);
    expect(staffYearChoices({ periods: [{ from: null, to: null }], last: 2026 }, now)).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021, 2020,
    ]);
    expect(staffYearChoices({ periods: [], include: [2018], last: 2026 }, now)).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018,
    ]);
  });

  it("offers no year before 1990 or after the last, whatever is asked", () => {
    expect(
      staffYearChoices({ periods: [{ from: 1985, to: 1992 }], include: [2030], last: 2026 }, now),
    ).toEqual([1992, 1991, 1990]);
  });

  it("begins a plan at its baseline year, and takes the open round's year only while a plan runs", () => {
    // 安城市: 2016–2023, baselines of 2014: the round of 令和7年度 is not this plan's.
    const anjo = { from: 2016, to: 2023, baseline: 2014, named: { first: 2014, last: 2023 } };
    expect(staffYearChoices({ periods: [anjo], open: [2025], last: 2026 }, now)).toEqual([
      2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015, 2014,
    ]);
    const running = { from: 2021, to: 2030, baseline: 2020 };
    expect(staffYearChoices({ periods: [running], open: [2025], last: 2025 }, now)).toEqual([
      2025, 2024, 2023, 2022, 2021, 2020,
    ]);
    // 熊野市: only the end printed; the plan begins at its baseline.
    expect(
      staffYearChoices({ periods: [{ from: null, to: 2017, baseline: 2012 }], last: 2026 }, now),
    ).toEqual([2017, 2016, 2015, 2014, 2013, 2012]);
  });

  it("runs a plan without a printed period over its figures' years once they all lie before today's window", () => {
    // 小矢部市: baseline 平成12年, actuals to 平成15年, no period printed.
    const oyabe = { from: null, to: null, baseline: 2000, named: { first: 2000, last: 2003 } };
    expect(staffYearChoices({ periods: [oyabe], open: [2026], last: 2025 }, now)).toEqual([
      2003, 2002, 2001, 2000,
    ]);
    // Ishioka: no period, targets of 2027 and 2031: still running, today's window.
    const ishioka = { from: null, to: null, baseline: 2019, named: { first: 2019, last: 2031 } };
    expect(staffYearChoices({ periods: [ishioka], open: [2026], last: 2026 }, now)).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021, 2020,
    ]);
  });
});
