/**
 * Staff pages of program costs: one program's costs of a fiscal year (and adding a year), its
 * budget request for the next year, and the municipality's cost settings (the budget review is
 * budget-review-routes.tsx). Writes go through cost-store.ts and budget-store.ts.
 */

import { type Context, Hono } from "hono";
import { may, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { compareFields, type FieldSpec } from "../core/field-changes.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { type FormBody, formText, requireVersion, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFiscalYearParam, yearsOf } from "../core/reporting-years.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { mayEditProgram } from "../programs/index.ts";
import { saveBudgetRequest } from "./budget-store.ts";
import { costBasis, FUNDING_LABELS, FUNDING_SOURCES, STAFF_KINDS, STAFF_LABELS } from "./cost.ts";
import { AMOUNT_LABELS, readAmount, readCostsForm, type YearCosts } from "./cost-input.ts";
import { loadCostSettings, saveCostSetting, settingsSeenOf } from "./cost-settings.ts";
import {
  checkAddableYear,
  checkCostYear,
  computedCost,
  lastCostYear,
  loadProgramCosts,
  publishProgramYear,
  saveProgramYear,
} from "./cost-store.ts";
import { permissions } from "./permissions.ts";
import { CostSettingsPage } from "./views/cost-settings-page.tsx";
import { ProgramCostsPage, programCostsPath } from "./views/program-costs-page.tsx";

export const LIST = {
  label: "事務事業評価",
  path: (code: string) => `/${code}/manage/evaluations`,
};

/** A fiscal year in a path: an integer the cost pages accept (else 400 naming it). */
/** A fiscal year of program costs in a path or form: up to next year. */
export const pathYear = (raw: string | undefined) =>
  parseFiscalYearParam(raw, { location: "fiscalYear", last: lastCostYear() });

const n = (v: number | null) => (v === null ? "—" : formatNumber(v));
const COST_SPECS: FieldSpec<YearCosts>[] = [
  ...(["initialBudget", "finalBudget", "settlement"] as const).map(
    (f): FieldSpec<YearCosts> => [AMOUNT_LABELS[f], (c) => n(c[f])],
  ),
  ...FUNDING_SOURCES.map((s): FieldSpec<YearCosts> => [FUNDING_LABELS[s], (c) => n(c.funding[s])]),
  ...STAFF_KINDS.map(
    (k): FieldSpec<YearCosts> => [`${STAFF_LABELS[k]}（人工）`, (c) => formatNumber(c.staff[k], 2)],
  ),
  ["使用する施設", (c) => c.facilities.join("\n") || "—"],
  ["リーディングプロジェクト", (c) => (c.leadingProject ? "該当" : "—")],
];

/** The fields of a year's cost settings, to compare a stale form with what is saved. */
const SETTING_SPECS: FieldSpec<{
  regular: number;
  partTime: number | null;
  settlementClosed: boolean;
}>[] = [
  ["人件費単価（正規職員）", (r) => `${formatNumber(r.regular)}円`],
  [
    "人件費単価（会計年度任用職員）",
    (r) => (r.partTime === null ? "正規職員と同じ" : `${formatNumber(r.partTime)}円`),
  ],
  ["決算", (r) => (r.settlementClosed ? "確定済み" : "未確定")],
];

export function programCostRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const YEAR = "/:code/manage/programs/:programCode/years/:fiscalYear";

  const page = async (
    c: Context<StaffEnv>,
    fy: number,
    extra: {
      done?: string;
      raw?: FormBody;
      rawOf?: "costs" | "request";
      errors?: { message: string; details: ErrorDetail[] };
    },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode")!;
    const found = await loadProgramCosts(db, m.code, programCode, fy);
    if (!found) throw new AppError("not_found", `事務事業 ${programCode} が見つかりません`);
    checkCostYear(found.program, fy);
    const who = c.get("staff");
    const p = found.program;
    const last = Math.min(lastCostYear(), p.lastFiscalYear ?? lastCostYear());
    const addable = yearsOf(p.firstFiscalYear, last)
      .filter((y) => !found.years.includes(y))
      .reverse();
    const title = `${p.name}（${fiscalYearLabel(fy)}のコスト）`;
    return c.html(
      <Layout
        title={title}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `${LIST.path(m.code)}?fy=${fy}`, label: LIST.label },
          { label: title },
        ]}
      >
        <ProgramCostsPage
          code={m.code}
          program={p}
          fiscalYear={fy}
          year={found.year}
          years={found.years}
          addable={addable}
          basis={costBasis(fy, found.settings)}
          {...(found.year
            ? computedCost(fy, found.year, found.settings)
            : { cost: null, costProblem: null, unit: null })}
          request={found.request}
          editable={mayEditProgram(who, p)}
          mayPublish={may(who, permissions.publishCosts)}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get(YEAR, (c) => page(c, pathYear(c.req.param("fiscalYear")), { done: c.req.query("done") }));

  app.post(YEAR, async (c) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode");
    const fy = pathYear(c.req.param("fiscalYear"));
    const form = await c.req.parseBody({ all: true });
    const version = requireVersion(form);
    const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
      page(c, fy, { raw: form, rawOf: "costs", errors: { message, details } }, 400);
    const read = readCostsForm(form);
    if (!read.ok) return invalid(read.details);
    const who = c.get("staff");
    const path = programCostsPath(m.code, programCode, fy);
    return answer(
      await saveProgramYear(staffContext(db, c), {
        programCode,
        fiscalYear: fy,
        costs: read.value,
        version,
      }),
      {
        saved: (r) => c.redirect(`${path}?done=${r.created ? "created" : "saved"}`, 303),
        invalid: (o) => invalid(o.details, o.message),
        conflict: ({ current }) =>
          c.html(
            <Layout title="ほかの人が先に保存しました" municipality={m}>
              <ConflictPage
                subject={`事務事業 ${programCode} の${fiscalYearLabel(fy)}のコスト`}
                editPath={path}
                postPath={path}
                csrf={who.csrfToken}
                state={`（開いたときは版 ${version}、現在は版 ${current?.version ?? 0}）`}
                currentLabel={`現在の内容（版 ${current?.version ?? 0}）`}
                basis={[["version", String(current?.version ?? 0)]]}
                changes={
                  current
                    ? compareFields(COST_SPECS, current, read.value)
                    : [{ label: "この年度", before: "（未登録）", after: "登録" }]
                }
                submitted={resubmitted(form, ["version"])}
              />
            </Layout>,
            409,
          ),
      },
    );
  });

  app.post(`${YEAR}/publish`, permit(permissions.publishCosts), async (c) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode");
    const fy = pathYear(c.req.param("fiscalYear"));
    const version = requireVersion(await c.req.parseBody());
    const path = programCostsPath(m.code, programCode, fy);
    return answer(
      await publishProgramYear(staffContext(db, c), { programCode, fiscalYear: fy, version }),
      {
        saved: () => c.redirect(`${path}?done=published`, 303),
        invalid: (o) => page(c, fy, { errors: { message: o.message, details: o.details } }, 400),
      },
    );
  });

  // Adding a fiscal year: checked here, then the (empty) form of that year.
  app.post("/:code/manage/programs/:programCode/years", async (c) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode");
    const form = await c.req.parseBody({ all: true });
    const fy = pathYear(formText(form.fiscalYear));
    await checkAddableYear(staffContext(db, c), programCode, fy);
    return c.redirect(programCostsPath(m.code, programCode, fy), 303);
  });

  app.post("/:code/manage/programs/:programCode/budget-requests/:fiscalYear", async (c) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode");
    const fy = pathYear(c.req.param("fiscalYear"));
    const form = await c.req.parseBody({ all: true });
    const version = requireVersion(form);
    const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
      page(c, fy - 1, { raw: form, rawOf: "request", errors: { message, details } }, 400);
    const amount = readAmount(formText(form.amount));
    if (amount === null || Number.isNaN(amount))
      return invalid([
        {
          location: "amount",
          message: `予算要求額は0以上の整数（円）で入力してください（「${formText(form.amount)}」）`,
        },
      ]);
    const who = c.get("staff");
    const back = programCostsPath(m.code, programCode, fy - 1);
    return answer(
      await saveBudgetRequest(staffContext(db, c), {
        programCode,
        fiscalYear: fy,
        amount,
        note: formText(form.note),
        version,
      }),
      {
        saved: () => c.redirect(`${back}?done=request`, 303),
        invalid: (o) => invalid(o.details, o.message),
        conflict: ({ current }) =>
          c.html(
            <Layout title="ほかの人が先に保存しました" municipality={m}>
              <ConflictPage
                subject={`事務事業 ${programCode} の${fiscalYearLabel(fy)}の予算要求`}
                editPath={back}
                postPath={c.req.path}
                csrf={who.csrfToken}
                state={`（開いたときは版 ${version}、現在は版 ${current?.version ?? 0}）`}
                currentLabel={`現在の内容（版 ${current?.version ?? 0}）`}
                basis={[["version", String(current?.version ?? 0)]]}
                changes={compareFields<{ amount: number | null; note: string }>(
                  [
                    ["予算要求額", (r) => n(r.amount)],
                    ["要求の説明", (r) => r.note || "—"],
                  ],
                  { amount: current?.amount ?? null, note: current?.note ?? "" },
                  { amount, note: formText(form.note).trim() },
                )}
                submitted={resubmitted(form, ["version"])}
              />
            </Layout>,
            409,
          ),
      },
    );
  });

  const SETTINGS = "/:code/manage/programs/cost-settings";
  const settingsPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; raw?: FormBody; errors?: { message: string; details: ErrorDetail[] } },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const { rows } = await loadCostSettings(db, m.code);
    const who = c.get("staff");
    return c.html(
      <Layout
        title="人件費単価と決算確定"
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: LIST.path(m.code), label: LIST.label },
          { label: "人件費単価と決算確定" },
        ]}
      >
        <CostSettingsPage
          code={m.code}
          rows={rows}
          seen={settingsSeenOf(rows)}
          editable={may(who, permissions.setCostSettings)}
          lastYear={lastCostYear()}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };
  app.get(SETTINGS, (c) => settingsPage(c, { done: c.req.query("done") }));
  app.post(SETTINGS, permit(permissions.setCostSettings), async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody({ all: true });
    const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
      settingsPage(c, { raw: form, errors: { message, details } }, 400);
    const details: ErrorDetail[] = [];
    const fy = Number(formText(form.fiscalYear).normalize("NFKC").trim());
    if (!Number.isInteger(fy))
      details.push({ location: "fiscalYear", message: "年度を西暦4桁で入力してください" });
    const regular = readAmount(formText(form.regular));
    if (regular === null || Number.isNaN(regular))
      details.push({
        location: "regular",
        message: "正規職員の人件費単価を0以上の整数（円）で入力してください",
      });
    const partTime = readAmount(formText(form.partTime));
    if (Number.isNaN(partTime))
      details.push({
        location: "partTime",
        message:
          "会計年度任用職員の人件費単価は0以上の整数（円）で入力してください（空欄: 正規職員と同じ）",
      });
    if (details.length) return invalid(details);
    const input = {
      fiscalYear: fy,
      regular: regular!,
      partTime,
      settlementClosed: formText(form.settlementClosed) === "on",
    };
    const who = c.get("staff");
    const path = `/${m.code}/manage/programs/cost-settings`;
    return answer(
      await saveCostSetting(staffContext(db, c), { ...input, seen: formText(form.seen) }),
      {
        saved: () => c.redirect(`${path}?done=saved`, 303),
        invalid: (o) => invalid(o.details, o.message),
        conflict: ({ current }) =>
          c.html(
            <Layout title="ほかの人が先に保存しました" municipality={m}>
              <ConflictPage
                subject={`${fiscalYearLabel(fy)}の人件費単価と決算確定`}
                editPath={path}
                csrf={who.csrfToken}
                basis={[["seen", current ? settingsSeenOf([current]) : ""]]}
                changes={
                  current
                    ? compareFields(SETTING_SPECS, current, input)
                    : [{ label: "この年度", before: "（未設定）", after: "設定" }]
                }
                submitted={resubmitted(form, ["version"]).filter(([name]) => name !== "seen")}
              />
            </Layout>,
            409,
          ),
      },
    );
  });

  return app;
}
