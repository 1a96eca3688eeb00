/**
 * Staff pages of the fiscal frame under /{code}/manage/finance/frame: the list, one settled or
 * budget year's lines, one scenario's assumptions. Writes go through frame-store.ts.
 */
import { type Context, Hono } from "hono";
import { type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, readVersion, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFiscalYearParam } from "../core/reporting-years.ts";
import { Layout } from "../core/views/layout.tsx";
import { financeHome, mayEdit } from "./access.ts";
import {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  FRAME_KIND_LABELS,
  FUND_KINDS,
  FUND_LABELS,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
} from "./frame.ts";
import {
  FUND_PLAN,
  fundPlanField,
  PLANNED,
  SOUNDNESS_INPUTS,
  scenarioFieldLabels,
  scenarioFields,
  yearFieldLabels,
  yearFields,
} from "./frame-form.ts";
import { loadFrame, loadScenario } from "./frame-queries.ts";
import { GROWN_EXPENDITURE_CATEGORIES, GROWN_REVENUE_CATEGORIES } from "./frame-scenario.ts";
import { saveFrameYear, saveScenario } from "./frame-store.ts";
import { permissions } from "./permissions.ts";
import { financeConflict, typedOf } from "./views/manage-fields.tsx";
import { AmountGrid, FrameForm, FrameManageIndex } from "./views/manage-frame.tsx";

const INVALID = "入力に誤りがあります。保存していません";
const kindOf = (raw: string | undefined) => {
  if (raw === undefined || raw === "" || raw === "settled") return "settled" as const;
  if (raw === "budget") return "budget" as const;
  throw new AppError("bad_request", "区分が不正です", [
    { location: "kind", message: "settled（決算）か budget（予算）を指定してください" },
  ]);
};
/** The last year a fiscal frame may plan for. */
const LAST_FRAME_YEAR = 2100;

/** A fiscal year of the frame: the medium-term frame reaches into the future. */
const yearOf = (raw: string | undefined) =>
  parseFiscalYearParam(raw, { location: "fiscalYear", last: LAST_FRAME_YEAR });

export function frameManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const crumbs = (code: string, label: string) => [
    ...financeHome(code),
    { href: `/${code}/manage/finance/frame`, label: "財政フレーム" },
    { label },
  ];

  app.get("/:code/manage/finance/frame", async (c) => {
    const m = municipalityOf(c);
    const report = await loadFrame(db, m.code);
    return c.html(
      <Layout
        title="財政フレームの入力"
        municipality={m}
        crumbs={[...financeHome(m.code), { label: "財政フレーム" }]}
      >
        <FrameManageIndex
          code={m.code}
          years={report.years}
          scenarios={report.scenarios.map((s) => s.row)}
          mayEdit={await mayEdit(db, m.code, c.get("staff"), permissions.saveFrameYear)}
        />
      </Layout>,
    );
  });

  app.get("/:code/manage/finance/frame/years", (c) => {
    const fy = yearOf(c.req.query("fy"));
    const kind = kindOf(c.req.query("kind"));
    return c.redirect(`/${c.req.param("code")}/manage/finance/frame/years/${fy}?kind=${kind}`, 303);
  });

  const YEAR = "/:code/manage/finance/frame/years/:fiscalYear";
  const yearPage = async (
    c: Context<StaffEnv>,
    typed?: Record<string, string>,
    errors?: ErrorDetail[],
  ) => {
    const m = municipalityOf(c);
    const fy = yearOf(c.req.param("fiscalYear"));
    const kind = kindOf(c.req.query("kind"));
    const report = await loadFrame(db, m.code);
    const row = report.years.find((y) => y.fiscalYear === fy && y.kind === kind);
    const values = typed ?? (row ? yearFields(row) : {});
    const label = `${fiscalYearLabel(fy)}（${FRAME_KIND_LABELS[kind]}）`;
    const funds = (
      <fieldset>
        <legend>基金</legend>
        <AmountGrid
          caption="基金の年度末現在高と、その年度の積立・取崩し（円）"
          columns={[
            { key: "closing", label: "年度末現在高" },
            { key: "deposits", label: "積立" },
            { key: "drawdowns", label: "取崩し" },
          ]}
          rows={FUND_KINDS.map((f) => ({ key: f, label: FUND_LABELS[f] }))}
          name={(r, col) => `funds.${r}.${col}`}
          values={values}
          details={errors}
        />
      </fieldset>
    );
    return c.html(
      <Layout title={`財政フレーム ${label}`} municipality={m} crumbs={crumbs(m.code, label)}>
        <FrameForm
          title={`財政フレーム ${label}`}
          lead={`金額は円単位で入力します（桁区切りのカンマ可）。${row ? "" : "この年度はまだありません。保存すると追加します。"}`}
          action={`/${m.code}/manage/finance/frame/years/${fy}?kind=${kind}`}
          values={values}
          version={typed ? (readVersion(typed) ?? 0) : (row?.version ?? 0)}
          csrf={c.get("staff").csrfToken}
          mayEdit={await mayEdit(db, m.code, c.get("staff"), permissions.saveFrameYear)}
          errors={errors ? { message: INVALID, details: errors } : undefined}
          fieldNames={yearFieldLabels().map(([n]) => n)}
          done={c.req.query("done")}
          groups={[
            {
              legend: "歳入（円）",
              fields: [
                ...REVENUE_CATEGORIES.map((k): [string, string] => [
                  `revenue.${k}`,
                  REVENUE_LABELS[k],
                ]),
                ["extraordinaryFiscalBonds", "うち臨時財政対策債（地方債の内数）"],
              ],
            },
            {
              legend: "歳出（円）",
              fields: EXPENDITURE_CATEGORIES.map((k): [string, string] => [
                `expenditure.${k}`,
                EXPENDITURE_LABELS[k],
              ]),
            },
            {
              legend: "人口と標準財政規模",
              fields: [
                ["population", "人口（人）"],
                ["standardFiscalScale", "標準財政規模（円）"],
              ],
            },
          ]}
          table={funds}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get(YEAR, (c) => yearPage(c));
  app.post(YEAR, async (c) => {
    const m = municipalityOf(c);
    const fy = yearOf(c.req.param("fiscalYear"));
    const kind = kindOf(c.req.query("kind"));
    const form = (await c.req.parseBody()) as FormBody;
    const typed = typedOf(form);
    const reopen = `/${m.code}/manage/finance/frame/years/${fy}?kind=${kind}`;
    const outcome = await saveFrameYear(staffContext(db, c), {
      fiscalYear: fy,
      kind,
      version: requireVersion(form),
      form,
    });
    return answer(outcome, {
      saved: () => c.redirect(`${reopen}&done=saved`, 303),
      invalid: (o) => yearPage(c, typed, o.details),
      conflict: ({ current }) =>
        financeConflict(c, {
          subject: `財政フレームの${fiscalYearLabel(fy)}（${FRAME_KIND_LABELS[kind]}）`,
          labels: yearFieldLabels(),
          typed,
          saved: current ? yearFields(current) : {},
          version: current?.version ?? 0,
          path: reopen,
        }),
    });
  });

  const SCENARIO = "/:code/manage/finance/frame/scenarios/:scenario";
  const scenarioPage = async (
    c: Context<StaffEnv>,
    typed?: Record<string, string>,
    errors?: ErrorDetail[],
  ) => {
    const m = municipalityOf(c);
    const { row, years } = await loadScenario(db, m.code, c.req.param("scenario")!);
    const values = typed ?? scenarioFields(row, years);
    const derived = row.derivedFrom;
    const pct = (fields: [string, string][]) => fields;
    const groups = derived
      ? [
          {
            legend: `${derived.scenario}との差（%ポイント）`,
            fields: pct([
              ["deltas.cityTaxGrowthDelta", "市税の伸び率の差（0以下）"],
              ["deltas.socialAssistanceGrowthDelta", "扶助費の伸び率の差（0以上）"],
            ]),
          },
        ]
      : [
          { legend: "推計の期間", fields: pct([["untilFiscalYear", "推計の最終年度（西暦）"]]) },
          {
            legend: "歳入の伸び率（%、年率）",
            fields: GROWN_REVENUE_CATEGORIES.map((k): [string, string] => [
              `revenueGrowth.${k}`,
              REVENUE_LABELS[k],
            ]),
          },
          {
            legend: "歳出の伸び率（%、年率）",
            fields: GROWN_EXPENDITURE_CATEGORIES.map((k): [string, string] => [
              `expenditureGrowth.${k}`,
              EXPENDITURE_LABELS[k],
            ]),
          },
          ...(row.assumptions.population?.kind === "rate"
            ? [
                {
                  legend: "人口",
                  fields: pct([
                    ["population.base", "基準年度の人口（人）"],
                    ["population.annualRate", "人口の年率（%）"],
                  ]),
                },
              ]
            : []),
        ];
    const table = derived ? null : (
      <div class="planned">
        <h2>年度ごとの計画額（円、空欄は伸び率・償還ルールで推計）</h2>
        <AmountGrid
          caption="推計する年度ごとの計画額"
          columns={years.map((fy) => ({ key: String(fy), label: fiscalYearLabel(fy) }))}
          rows={PLANNED.map(([key, label]) => ({ key, label }))}
          name={(r, col) => `${r}.${col}`}
          values={values}
          details={errors}
        />
        <h2>基金の積立・取崩しの計画（円、空欄は計画なし）</h2>
        <AmountGrid
          caption="推計する年度ごとの基金の積立・取崩しの計画額"
          columns={years.map((fy) => ({ key: String(fy), label: fiscalYearLabel(fy) }))}
          rows={FUND_PLAN.map(([key, label]) => ({ key, label }))}
          name={(r, col) => fundPlanField(r, col)}
          values={values}
          details={errors}
        />
        <h2>推計の実質公債費比率の算定に使う額（円）</h2>
        <p>
          3つとも入力した年度（と標準財政規模のある年度）が3か年度続くと、推計の実質公債費比率を公開ページに推計値として表示します。
        </p>
        <AmountGrid
          caption="推計する年度ごとの準元利償還金・特定財源・算入公債費等"
          columns={years.map((fy) => ({ key: String(fy), label: fiscalYearLabel(fy) }))}
          rows={SOUNDNESS_INPUTS.map(([key, label]) => ({ key, label }))}
          name={(r, col) => `soundnessInputs.${r}.${col}`}
          values={values}
          details={errors}
        />
      </div>
    );
    return c.html(
      <Layout title={`推計の前提: ${row.name}`} municipality={m} crumbs={crumbs(m.code, row.name)}>
        <FrameForm
          title={`推計の前提: ${row.name}`}
          lead={
            derived
              ? `${row.name}は${derived.scenario}の前提から市税と扶助費の伸び率だけを変えたものです。${derived.scenario}を保存するとこちらも計算し直します。`
              : "伸び率は%で入力します（例: 1.2 は年1.2%、減少は −0.5）。推計は保存した前提から毎回計算します。"
          }
          action={`/${m.code}/manage/finance/frame/scenarios/${encodeURIComponent(row.name)}`}
          values={values}
          version={typed ? (readVersion(typed) ?? 0) : row.version}
          csrf={c.get("staff").csrfToken}
          mayEdit={await mayEdit(db, m.code, c.get("staff"), permissions.saveScenario)}
          errors={errors ? { message: INVALID, details: errors } : undefined}
          fieldNames={scenarioFieldLabels(years).map(([n]) => n)}
          done={c.req.query("done")}
          groups={groups}
          table={table}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get(SCENARIO, (c) => scenarioPage(c));
  app.post(SCENARIO, async (c) => {
    const m = municipalityOf(c);
    const name = c.req.param("scenario");
    const form = (await c.req.parseBody()) as FormBody;
    const typed = typedOf(form);
    const reopen = `/${m.code}/manage/finance/frame/scenarios/${encodeURIComponent(name)}`;
    const outcome = await saveScenario(staffContext(db, c), {
      name,
      version: requireVersion(form),
      form,
    });
    return answer(outcome, {
      saved: () => c.redirect(`${reopen}?done=saved`, 303),
      invalid: (o) => scenarioPage(c, typed, o.details),
      conflict: async ({ current }) => {
        const { years } = await loadScenario(db, m.code, name);
        return financeConflict(c, {
          subject: `推計の前提「${name}」`,
          labels: scenarioFieldLabels(years),
          typed,
          saved: current ? scenarioFields(current, years) : {},
          version: current?.version ?? 0,
          path: reopen,
        });
      },
    });
  });

  return app;
}
