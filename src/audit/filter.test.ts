import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors.ts";
import {
  endOfTokyoDay,
  filterQuery,
  parseAuditFilter,
  startOfTokyoDay,
  tokyoIso,
} from "./filter.ts";

const detailsOf = (query: Record<string, string>) => {
  try {
    parseAuditFilter(query);
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, details: e.details };
  }
  throw new Error("no error");
};

describe("parseAuditFilter", () => {
  it("treats empty fields as no filter and trims the rest", () => {
    expect(parseAuditFilter({ record: "", actor: " planner ", action: "", from: "" })).toEqual({
      actor: "planner",
    });
  });

  it("reads dates written with slashes, dots or full-width digits", () => {
    expect(parseAuditFilter({ from: "2024/4/1", to: "２０２４．０５．０３" })).toMatchObject({
      from: "2024-04-01",
      to: "2024-05-03",
    });
  });

  it("names the parameter of a wrong date, once", () => {
    expect(detailsOf({ from: "yesterday" })).toEqual({
      status: 400,
      details: [
        {
          location: "from",
          message: "from（期間の開始日）は 2024-04-01 のように年-月-日で指定してください",
        },
      ],
    });
    expect(detailsOf({ to: "2023-02-29" }).details).toEqual([
      { location: "to", message: "to（期間の終了日）は存在しない日付です" },
    ]);
  });

  it("refuses a period that ends before it starts, and allows a single day", () => {
    expect(detailsOf({ from: "2024-05-01", to: "2024-04-30" }).details[0]?.location).toBe("to");
    expect(parseAuditFilter({ from: "2024-05-01", to: "2024-05-01" })).toMatchObject({
      from: "2024-05-01",
      to: "2024-05-01",
    });
  });

  it("checks the action name and the page number", () => {
    expect(detailsOf({ action: "'; drop table" }).details[0]?.location).toBe("action");
    expect(detailsOf({ page: "0" }).details[0]?.location).toBe("page");
    expect(detailsOf({ page: "two" }).details[0]?.location).toBe("page");
    expect(parseAuditFilter({ page: "3" }).page).toBe(3);
  });
});

describe("Japanese calendar days", () => {
  it("start at midnight in Tokyo and end, exclusive, at the next midnight", () => {
    expect(startOfTokyoDay("2024-04-01").toISOString()).toBe("2024-03-31T15:00:00.000Z");
    expect(endOfTokyoDay("2024-04-01").toISOString()).toBe("2024-04-01T15:00:00.000Z");
    expect(endOfTokyoDay("2024-12-31").toISOString()).toBe("2024-12-31T15:00:00.000Z");
  });

  it("write an instant as ISO 8601 in +09:00", () => {
    expect(tokyoIso(new Date("2024-03-31T15:00:00Z"))).toBe("2024-04-01T00:00:00+09:00");
    expect(tokyoIso(new Date("2024-04-01T14:59:59.900Z"))).toBe("2024-04-01T23:59:59+09:00");
  });
});

describe("filterQuery", () => {
  it("keeps the filters and the page for links", () => {
    expect(filterQuery({ record: "GZ-1", actor: "user:2 a@b", page: 4 })).toBe(
      "record=GZ-1&actor=user%3A2+a%40b",
    );
    expect(filterQuery({ action: "plan.import" }, 2)).toBe("action=plan.import&page=2");
    expect(filterQuery({}, 1)).toBe("");
  });
});
