/**
 * The audit trail's filter: one definition for the page and the CSV. Pure — parses the query
 * string, turns calendar days (Asia/Tokyo) into instants, and writes the query back for links.
 */
import { z } from "zod";
import { AppError } from "../core/errors.ts";
import { parseJapaneseDate } from "../core/fiscal-year.ts";
import { issuesToDetails } from "../core/validation.ts";

/** Rows per page of the viewer. */
export const PAGE_SIZE = 50;

/** Surrounding spaces are dropped; an empty form field means no filter. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const s = typeof v === "string" ? v.trim() : v;
    return s === "" || s === null ? undefined : s;
  }, schema.optional());

const isRealDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** 2024-04-01, also written 2024/4/1, 令和6年4月1日, R6.4.1 or in full-width digits. */
const day = (name: string, what: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      const read = parseJapaneseDate(v);
      return read.ok ? read.date : v.normalize("NFKC");
    },
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, {
        message: `${name}（${what}）は 2024-04-01 のように年-月-日で指定してください`,
        abort: true,
      })
      .refine(isRealDay, { message: `${name}（${what}）は存在しない日付です` }),
  );

const text = (name: string, what: string) =>
  z.string().max(200, { message: `${name}（${what}）は200文字以内で指定してください` });

export const AuditFilter = z
  .object({
    record: optional(text("record", "対象")),
    actor: optional(text("actor", "操作者")),
    action: optional(
      z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, {
        message: "action（操作）は plan.import のような操作の名前で指定してください",
      }),
    ),
    from: optional(day("from", "期間の開始日")),
    to: optional(day("to", "期間の終了日")),
    page: optional(
      z.coerce
        .number({ message: "page（ページ）は1以上の整数で指定してください" })
        .int({ message: "page（ページ）は1以上の整数で指定してください" })
        .min(1, { message: "page（ページ）は1以上の整数で指定してください" })
        .max(1_000_000, { message: "page（ページ）が大きすぎます" }),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "to（期間の終了日）は from（期間の開始日）と同じ日か、それより後にしてください",
  });
export type AuditFilter = z.infer<typeof AuditFilter>;

/** The filter of a query string, or a 400 whose details name each wrong parameter. */
export function parseAuditFilter(query: Record<string, string | undefined>): AuditFilter {
  const result = AuditFilter.safeParse(query);
  if (result.success) return result.data;
  const details = issuesToDetails(result.error);
  throw new AppError(
    "bad_request",
    `絞り込み条件が不正です: ${[...new Set(details.map((d) => d.location))].join(", ")}`,
    details,
  );
}

/** Japan has had no daylight saving time since 1951: a calendar day starts at 00:00+09:00. */
const TOKYO_OFFSET = "+09:00";

/** The first instant of a calendar day (YYYY-MM-DD) in Asia/Tokyo. */
export const startOfTokyoDay = (day: string) => new Date(`${day}T00:00:00${TOKYO_OFFSET}`);

/** The first instant after a calendar day in Asia/Tokyo (the end, exclusive). */
export const endOfTokyoDay = (day: string) =>
  new Date(startOfTokyoDay(day).getTime() + 24 * 60 * 60 * 1000);

/** An instant as ISO 8601 in Japan time: 2024-05-01T09:30:00+09:00. */
export function tokyoIso(at: Date): string {
  const local = new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString();
  return `${local.slice(0, 19)}${TOKYO_OFFSET}`;
}

/** The query string of a filter (without `page` unless given), for links and the CSV. */
export function filterQuery(f: AuditFilter, page?: number): string {
  const q = new URLSearchParams();
  for (const key of ["record", "actor", "action", "from", "to"] as const) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  if (page && page > 1) q.set("page", String(page));
  return q.toString();
}
