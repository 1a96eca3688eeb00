import { describe, expect, it } from "vitest";
import { halfWidthDigits, parseDate, parseTime, readCell } from "./cells.ts";

const MC = "082058";

describe("dates", () => {
  it("reads 西暦 and 和暦 as YYYY-MM-DD", () => {
    expect(parseDate("2023-04-01")).toEqual({ ok: true, value: "2023-04-01" });
    expect(parseDate("2023/4/1")).toEqual({ ok: true, value: "2023-04-01" });
    expect(parseDate("２０２３年４月１日")).toEqual({ ok: true, value: "2023-04-01" });
    expect(parseDate("令和5年4月1日")).toEqual({ ok: true, value: "2023-04-01" });
    expect(parseDate("令和元年5月1日")).toEqual({ ok: true, value: "2019-05-01" });
    expect(parseDate("R5.4.1")).toEqual({ ok: true, value: "2023-04-01" });
    expect(parseDate("H31/4/30")).toEqual({ ok: true, value: "2019-04-30" });
    expect(parseDate("昭和64年1月7日")).toEqual({ ok: true, value: "1989-01-07" });
  });

  it("refuses days that do not exist or belong to another era, quoting the cell", () => {
    expect(parseDate("2023-02-30")).toEqual({
      ok: false,
      problem: '存在しない日付です（"2023-02-30"）',
    });
    const wrongEra = parseDate("平成31年5月1日");
    expect(wrongEra.ok).toBe(false);
    expect(!wrongEra.ok && wrongEra.problem).toContain("2019-05-01 は令和です");
    expect(parseDate("令和元年4月1日").ok).toBe(false);
    expect(parseDate("来週").ok).toBe(false);
  });
});

describe("times", () => {
  it("reads hh:mm, full-width digits and 時分", () => {
    expect(parseTime("9:00")).toEqual({ ok: true, value: "09:00" });
    expect(parseTime("０９：３０")).toEqual({ ok: true, value: "09:30" });
    expect(parseTime("17時15分")).toEqual({ ok: true, value: "17:15" });
    expect(parseTime("24:00")).toEqual({ ok: true, value: "24:00" });
    expect(parseTime("25:00").ok).toBe(false);
    expect(parseTime("9:75").ok).toBe(false);
  });
});

describe("cells by column type", () => {
  it("normalises full-width digits in text and reads numbers", () => {
    expect(halfWidthDigits("０２９９－２３－１１１１")).toBe("0299－23－1111");
    expect(readCell("０２９９", "text", MC)).toEqual({ ok: true, value: "0299" });
    expect(readCell("１２", "int", MC)).toEqual({ ok: true, value: 12 });
    expect(readCell("1.5", "int", MC).ok).toBe(false);
    expect(readCell("-1", "int", MC).ok).toBe(false);
    expect(readCell("", "int", MC)).toEqual({ ok: true, value: null });
  });

  it("checks latitude and longitude ranges", () => {
    expect(readCell("36.19", "lat", MC)).toEqual({ ok: true, value: 36.19 });
    expect(readCell("140.28", "lon", MC)).toEqual({ ok: true, value: 140.28 });
    const bad = readCell("140.28", "lat", MC);
    expect(!bad.ok && bad.problem).toContain("緯度は -90〜90");
  });

  it("checks the municipality code's check digit and that it is this municipality's", () => {
    expect(readCell("０８２０５８", "code", MC)).toEqual({ ok: true, value: "082058" });
    const wrongDigit = readCell("082050", "code", MC);
    expect(!wrongDigit.ok && wrongDigit.problem).toContain(
      "検査数字が誤っています（正しくは 082058）",
    );
    const other = readCell("082015", "code", MC);
    expect(!other.ok && other.problem).toContain(
      "この団体の全国地方公共団体コード 082058 と違います",
    );
  });

  it("reads 有/無, URLs, and date cells of a workbook", () => {
    expect(readCell("有", "yn", MC)).toEqual({ ok: true, value: "有" });
    expect(readCell("あり", "yn", MC).ok).toBe(false);
    expect(readCell("https://example.jp/a", "url", MC).ok).toBe(true);
    expect(readCell("example.jp", "url", MC).ok).toBe(false);
    expect(readCell(new Date(Date.UTC(2023, 3, 1)), "date", MC)).toEqual({
      ok: true,
      value: "2023-04-01",
    });
    expect(readCell(new Date(Date.UTC(1899, 11, 30, 8, 30)), "time", MC)).toEqual({
      ok: true,
      value: "08:30",
    });
  });
});
