/**
 * Staff: the audit trail under /{code}/manage/audit, and its CSV — for planners and admins.
 * Read only: there is no route that changes or removes an entry (the database refuses it too).
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { may, type StaffEnv } from "../accounts/index.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { datedDownload } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { type AuditFilter, PAGE_SIZE, parseAuditFilter, tokyoIso } from "./filter.ts";
import { permissions } from "./permissions.ts";
import { type AuditItem, searchAudit } from "./queries.ts";
import {
  AuditPage,
  type AuditPageProps,
  FILTER_FIELDS,
  type FilterValues,
} from "./views/audit-page.tsx";

/**
 * Only those the table allows (planners and admins) read the audit trail; the refusal keeps its
 * own wording, which names both roles.
 */
function mayRead(): MiddlewareHandler<StaffEnv> {
  return async function mayRead(c, next) {
    if (!may(c.get("staff"), permissions.read))
      throw new AppError(
        "forbidden",
        "監査ログを見られるのは企画担当（planner）と管理者（admin）の方です。",
      );
    await next();
  };
}

const CSV_HEADER = [
  "日時",
  "操作者",
  "接続元",
  "操作",
  "対象の種類",
  "対象",
  "変更前(JSON)",
  "変更後(JSON)",
];

const jsonCell = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));

const csvRow = (e: AuditItem) => [
  tokyoIso(e.at),
  e.actor,
  e.address,
  e.action,
  e.recordType,
  e.recordKey,
  jsonCell(e.before),
  jsonCell(e.after),
];

const search = (f: AuditFilter) => ({
  record: f.record,
  actor: f.actor,
  action: f.action,
  from: f.from,
  to: f.to,
});

export function auditRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const guard = [mayRead()] as const;

  const page = async (
    c: Context<StaffEnv>,
    props: Omit<AuditPageProps, "code">,
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    // Personal and sensitive: never kept by a browser or a proxy.
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout title="監査ログ" municipality={m} crumbs={[staffHome(m.code), { label: "監査ログ" }]}>
        <AuditPage code={m.code} {...props} />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/audit.csv", ...guard, async (c) => {
    const m = municipalityOf(c);
    const { encoding, ...query } = c.req.query();
    const filter = parseAuditFilter(query);
    const { items } = await searchAudit(db, m.code, search(filter));
    const sjis = encoding === "sjis";
    // The period asked for, when one was: 「2026-12-01～2026-12-07」.
    const period = filter.from || filter.to ? `${filter.from ?? ""}～${filter.to ?? ""}` : null;
    const res = csvResponse(
      toCsv(CSV_HEADER, items.map(csvRow)),
      datedDownload(
        [m.name, "監査ログ", period, sjis ? "Shift_JIS" : null],
        [m.code, "audit-log", period?.replace("～", "_to_"), sjis ? "sjis" : null],
        "csv",
      ),
      sjis ? "sjis" : "utf8",
    );
    res.headers.set("Cache-Control", "no-store");
    return res;
  });

  app.get("/:code/manage/audit", ...guard, async (c) => {
    const m = municipalityOf(c);
    const query = c.req.query();
    let filter: AuditFilter;
    try {
      filter = parseAuditFilter(query);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "bad_request") throw e;
      const values: FilterValues = Object.fromEntries(
        FILTER_FIELDS.flatMap((k) => (query[k] === undefined ? [] : [[k, query[k]]])),
      );
      return page(c, { values, errors: { message: e.message, details: e.details } }, 400);
    }
    const current = filter.page ?? 1;
    const { items, total } = await searchAudit(db, m.code, {
      ...search(filter),
      limit: PAGE_SIZE,
      offset: (current - 1) * PAGE_SIZE,
    });
    return page(c, {
      values: search(filter),
      result: { filter, items, total, page: current, size: PAGE_SIZE },
    });
  });

  return app;
}
