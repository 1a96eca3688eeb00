/**
 * The budget review (事業査定) for planners: each program's request for the year after the
 * evaluated one beside its 当初予算額 and the direction of its evaluation, contradictions first
 * (budget-store.ts, budget-review.ts), as a page and as CSV (UTF-8 with BOM).
 */
import { Hono } from "hono";
import { permit, type StaffEnv } from "../accounts/index.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { datedDownload } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { reportingYear } from "../core/reporting-years.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { DIRECTION_LABELS } from "../evaluations/index.ts";
import { staffYears } from "../reporting/index.ts";
import { loadBudgetReview } from "./budget-store.ts";
import { LIST, pathYear } from "./cost-routes.tsx";
import { lastCostYear } from "./cost-store.ts";
import { permissions } from "./permissions.ts";
import { BudgetReviewPage } from "./views/budget-review-page.tsx";

export function budgetReviewRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const REVIEW = "/:code/manage/evaluations/budget-review";
  app.get(REVIEW, permit(permissions.readBudgetReview), async (c) => {
    const m = municipalityOf(c);
    const raw = c.req.query("fiscalYear");
    const fy = raw === undefined || raw === "" ? reportingYear() : pathYear(raw);
    const lines = await loadBudgetReview(db, m.code, fy);
    if (c.req.query("format") === "csv") {
      const header = [
        "事務事業コード",
        "事務事業名",
        "サンプル",
        "担当課",
        "今後の方向性",
        "方向性の根拠",
        `${fiscalYearLabel(fy)}当初予算額（円）`,
        `${fiscalYearLabel(fy + 1)}予算要求額（円）`,
        "増減額（円）",
        "増減率（%）",
        "方向性との矛盾",
      ];
      const rows = lines.map((l) => [
        l.program.code,
        l.program.name,
        l.program.sample ? "サンプル" : "",
        l.program.section.name,
        l.direction ? DIRECTION_LABELS[l.direction] : "",
        l.directionSource === "secondary"
          ? "二次評価"
          : l.directionSource === "self"
            ? "一次評価"
            : "",
        l.baseBudget,
        l.request?.amount ?? null,
        l.review?.change ?? null,
        l.review?.changeRate === null || l.review === null
          ? null
          : Number(l.review.changeRate.toFixed(1)),
        l.review?.message ?? "",
      ]);
      return csvResponse(
        toCsv(header, rows),
        datedDownload(
          [m.name, shortFiscalYearLabel(fy), "事業査定"],
          [m.code, `budget-review-${fy}`],
          "csv",
        ),
      );
    }
    return c.html(
      <Layout
        title="事業査定（予算要求と評価の方向性）"
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `${LIST.path(m.code)}?fy=${fy}`, label: LIST.label },
          { label: "事業査定" },
        ]}
      >
        <BudgetReviewPage
          code={m.code}
          fiscalYear={fy}
          years={(await staffYears(db, m.code, { chosen: fy, last: lastCostYear() - 1 })).years}
          lines={lines}
        />
      </Layout>,
    );
  });

  return app;
}
