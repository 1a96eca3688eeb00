/**
 * Staff pages of public finance under /{code}/manage/finance: the index, one fiscal year's
 * soundness components (saving computes the ratios), and the fiscal frame (frame-manage-routes).
 * Who may write is access.ts; writes go through soundness-store.ts / frame-store.ts.
 */
import { type Context, Hono } from "hono";
import { type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, readVersion, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { personName } from "../core/people.ts";
import { parseFiscalYearParam, reportingYear } from "../core/reporting-years.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { financeHome, mayEdit } from "./access.ts";
import { computeRatios } from "./components.ts";
import { componentFieldLabels, componentsFields } from "./components-form.ts";
import { RATIO_KINDS } from "./finance-file.ts";
import { frameManageRoutes } from "./frame-manage-routes.tsx";
import { permissions } from "./permissions.ts";
import { loadSoundness } from "./queries.ts";
import {
  computedRatio,
  formatRatio,
  type RatioKind,
  reportedRatio,
  type SurplusDisplay,
} from "./soundness.ts";
import { componentsOf, loadComponentsRows, saveComponents } from "./soundness-store.ts";
import { financeConflict, typedOf } from "./views/manage-fields.tsx";
import { FinanceManageIndex, type SoundnessYear } from "./views/manage-index.tsx";
import { type RatioStatus, SoundnessForm } from "./views/manage-soundness.tsx";

export function financeManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  app.get("/:code/manage/finance", async (c) => {
    const m = municipalityOf(c);
    const [{ ratios }, rows] = await Promise.all([
      loadSoundness(db, m.code),
      loadComponentsRows(db, m.code),
    ]);
    const fys = new Set([
      reportingYear(),
      ...ratios.map((r) => r.fiscalYear),
      ...rows.map((r) => r.fiscalYear),
    ]);
    const years: SoundnessYear[] = [...fys]
      .sort((a, b) => b - a)
      .map((fy) => {
        const of = ratios.filter((r) => r.fiscalYear === fy);
        const count = (o: string) => of.filter((r) => r.origin === o).length;
        const row = rows.find((r) => r.fiscalYear === fy);
        return {
          fiscalYear: fy,
          ratios: [
            count("computed") ? `算定値 ${count("computed")}` : "",
            count("reported") ? `公表値 ${count("reported")}` : "",
          ]
            .filter(Boolean)
            .join("・"),
          components: row ? (row.sample ? "sample" : "entered") : "none",
        };
      });
    return c.html(
      <Layout
        title="財政の入力"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "財政の入力" }]}
      >
        <FinanceManageIndex
          code={m.code}
          years={years}
          mayEdit={await mayEdit(db, m.code, c.get("staff"), permissions.saveComponents)}
        />
      </Layout>,
    );
  });

  const FORM = "/:code/manage/finance/soundness/:fiscalYear";

  const formPage = async (
    c: Context<StaffEnv>,
    fy: number,
    submitted?: {
      form: FormBody;
      errors: { message: string; details: { location: string; message: string }[] };
    },
  ) => {
    const m = municipalityOf(c);
    const [{ settings, ratios }, rows] = await Promise.all([
      loadSoundness(db, m.code),
      loadComponentsRows(db, m.code),
    ]);
    const row = rows.find((r) => r.fiscalYear === fy);
    const components = componentsOf(row);
    const surplusDisplay = (settings?.surplusDisplay ?? "minus") as SurplusDisplay;
    const results = computeRatios(components);
    const statuses: RatioStatus[] = RATIO_KINDS.map((kind: RatioKind) => {
      const r = ratios.find((x) => x.fiscalYear === fy && x.kind === kind);
      const res = results.find((x) => x.kind === kind)!;
      const shown = (ratio: Parameters<typeof formatRatio>[0]) =>
        `${formatRatio(ratio, { surplusDisplay })}%`;
      return {
        kind,
        stored: r
          ? {
              origin: r.origin,
              display: shown(
                r.origin === "computed" && r.value !== null
                  ? computedRatio(kind, r.value)
                  : reportedRatio(kind, r.value),
              ),
            }
          : null,
        fromComponents:
          "value" in res
            ? `${shown(computedRatio(kind, res.value))}（算定値）`
            : "missing" in res
              ? `算定できません（未入力: ${res.missing}）`
              : `算定できません: ${res.error}`,
      };
    });
    const typed = submitted ? typedOf(submitted.form) : undefined;
    const values = typed ?? {
      ...componentsFields(components),
      source: row?.source ?? "",
      note: row?.note ?? "",
    };
    const labels = componentFieldLabels(fy);
    return c.html(
      <Layout
        title={`財政健全化判断比率の構成要素（${fiscalYearLabel(fy)}）`}
        municipality={m}
        crumbs={[...financeHome(m.code), { label: `構成要素（${fiscalYearLabel(fy)}）` }]}
      >
        <SoundnessForm
          code={m.code}
          fiscalYear={fy}
          values={values}
          sample={typed ? typed.sample === "on" : (row?.sample ?? false)}
          version={typed ? (readVersion(typed) ?? 0) : (row?.version ?? 0)}
          csrf={c.get("staff").csrfToken}
          ratios={statuses}
          updated={
            row
              ? `${row.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}（${personName(row.updatedBy)}）`
              : null
          }
          mayEdit={await mayEdit(db, m.code, c.get("staff"), permissions.saveComponents)}
          errors={submitted?.errors}
          fieldNames={labels.map(([n]) => n)}
          done={c.req.query("done")}
        />
      </Layout>,
      submitted ? 400 : 200,
    );
  };

  app.get(FORM, (c) =>
    formPage(
      c,
      parseFiscalYearParam(c.req.param("fiscalYear"), {
        fallback: reportingYear(),
        location: "fiscalYear",
      }),
    ),
  );

  app.post(FORM, async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fiscalYear"), {
      fallback: reportingYear(),
      location: "fiscalYear",
    });
    const form = (await c.req.parseBody()) as FormBody;
    const outcome = await saveComponents(staffContext(db, c), {
      fiscalYear: fy,
      version: requireVersion(form),
      form,
    });
    return answer(outcome, {
      saved: () => c.redirect(`/${m.code}/manage/finance/soundness/${fy}?done=saved`, 303),
      invalid: (o) => formPage(c, fy, { form, errors: { message: o.message, details: o.details } }),
      conflict: ({ current }) =>
        financeConflict(c, {
          subject: `${fiscalYearLabel(fy)}の財政健全化判断比率の構成要素`,
          labels: componentFieldLabels(fy),
          typed: typedOf(form),
          saved: current
            ? {
                ...componentsFields(componentsOf(current)),
                sample: current.sample ? "on" : "",
                source: current.source,
                note: current.note ?? "",
              }
            : {},
          version: current?.version ?? 0,
          path: `/${m.code}/manage/finance/soundness/${fy}`,
        }),
    });
  });

  app.route("/", frameManageRoutes(db));
  return app;
}
