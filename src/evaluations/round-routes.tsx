/**
 * Staff pages of planners for program evaluation: the rating scale (/manage/evaluations/settings)
 * and the evaluation round of a fiscal year (/manage/evaluations/round). Writes go through
 * scale-store.ts and round-store.ts.
 */
import { type Context, Hono } from "hono";
import { permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { type FormBody, formText, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFiscalYearParam, reportingYear } from "../core/reporting-years.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { staffDefaultYear, staffYears } from "../reporting/index.ts";
import { ASPECTS, type Aspect, type RatingScale } from "./evaluation.ts";
import { permissions } from "./permissions.ts";
import { overduePrograms } from "./round.ts";
import {
  closeEvaluationRound,
  loadEvaluationRounds,
  openEvaluationRound,
  reopenEvaluationRound,
} from "./round-store.ts";
import { loadRatingScale, saveRatingScale } from "./scale-store.ts";
import { loadYearEvaluations } from "./staff-queries.ts";
import { EvaluationRoundPage } from "./views/round-page.tsx";
import { levelField, ScalePage } from "./views/scale-page.tsx";

const list = (code: string) => ({ href: `/${code}/manage/evaluations`, label: "事務事業評価" });

/**
 * The scale a settings form posts: its levels in form order, without those ticked for removal
 * and a blank added level; `at` maps each level back to its row in the form (for errors).
 */
export function readScaleForm(form: FormBody): { scale: RatingScale; at: number[]; rows: number } {
  const rows = Math.min(Math.max(Number(formText(form.rows)) || 0, 0), 50);
  const levels: RatingScale["levels"][number][] = [];
  const at: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (formText(form[levelField.remove(i)]) === "on") continue;
    const code = formText(form[levelField.code(i)]).trim();
    const definitions = Object.fromEntries(
      ASPECTS.map((a) => [a, formText(form[levelField.definition(i, a)]).trim()]),
    ) as Record<Aspect, string>;
    if (code === "" && ASPECTS.every((a) => definitions[a] === "")) continue;
    levels.push({ code, definitions });
    at.push(i);
  }
  return { scale: { levels }, at, rows };
}

/** scale.levels.2.code → levels.<form row>.code; the scale as a whole → levels. */
const formLocation = (location: string, at: number[]) => {
  const m = /^scale\.levels\.(\d+)\.(.+)$/.exec(location);
  return m ? `levels.${at[Number(m[1])] ?? m[1]}.${m[2]}` : "levels";
};

export function evaluationRoundRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const SETTINGS = "/:code/manage/evaluations/settings";
  const ROUND = "/:code/manage/evaluations/round";

  app.get(SETTINGS, permit(permissions.manageScale), async (c) => {
    const m = municipalityOf(c);
    const { scale, version } = await loadRatingScale(db, m.code);
    return c.html(
      <Layout
        title="評価の段階"
        municipality={m}
        crumbs={[staffHome(m.code), list(m.code), { label: "評価の段階" }]}
      >
        <ScalePage
          code={m.code}
          scale={scale}
          version={version}
          rows={scale.levels.length + 1}
          csrf={c.get("staff").csrfToken}
          done={c.req.query("done")}
        />
      </Layout>,
    );
  });

  app.post(SETTINGS, permit(permissions.manageScale), async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody({ all: true });
    const expectedVersion = requireVersion(form);
    const read = readScaleForm(form);
    const who = c.get("staff");
    const again = async (
      status: 400 | 409,
      extra: { errors?: { message: string; details: ErrorDetail[] } },
    ) => {
      const stored = await loadRatingScale(db, m.code);
      return c.html(
        <Layout
          title="評価の段階"
          municipality={m}
          crumbs={[staffHome(m.code), list(m.code), { label: "評価の段階" }]}
        >
          <ScalePage
            code={m.code}
            scale={stored.scale}
            version={status === 409 ? stored.version : expectedVersion}
            rows={read.rows}
            csrf={who.csrfToken}
            raw={form}
            current={status === 409 ? stored.scale : undefined}
            {...extra}
          />
        </Layout>,
        status,
      );
    };
    return answer(
      await saveRatingScale(staffContext(db, c), { scale: read.scale, version: expectedVersion }),
      {
        saved: () => c.redirect(`/${m.code}/manage/evaluations/settings?done=saved`, 303),
        invalid: (o) =>
          again(400, {
            errors: {
              message: o.message,
              details: o.details.map((d) => ({
                ...d,
                location: formLocation(d.location, read.at),
              })),
            },
          }),
        conflict: () => again(409, {}),
      },
    );
  });

  const roundPage = async (
    c: Context<StaffEnv>,
    extra: { typed?: { deadline: string }; errors?: { message: string; details: ErrorDetail[] } },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.query("fy"), {
      fallback: await staffDefaultYear(db, m.code),
    });
    const { years } = await staffYears(db, m.code, { chosen: fy });
    const round = (await loadEvaluationRounds(db, m.code)).find((r) => r.fiscalYear === fy);
    const rows = await loadYearEvaluations(db, m.code, fy);
    const programs = rows.map((r) => ({
      code: r.program.code,
      name: r.program.name,
      section: r.program.section,
      state: r.evaluation.state,
    }));
    return c.html(
      <Layout
        title="事務事業評価の実施"
        municipality={m}
        crumbs={[staffHome(m.code), list(m.code), { label: "事務事業評価の実施" }]}
      >
        <EvaluationRoundPage
          code={m.code}
          fiscalYear={fy}
          years={years}
          round={round}
          rows={rows}
          overdue={round ? overduePrograms(round, programs, new Date()) : []}
          csrf={c.get("staff").csrfToken}
          done={c.req.query("done")}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get(ROUND, permit(permissions.manageRounds), (c) => roundPage(c, {}));

  app.post(ROUND, permit(permissions.manageRounds), async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.query("fy"), { fallback: reportingYear() });
    const form = await c.req.parseBody();
    const step = formText(form.step);
    const ctx = staffContext(db, c);
    const deadline = formText(form.deadline);
    const outcome =
      step === "open"
        ? await openEvaluationRound(ctx, { fiscalYear: fy, deadline })
        : step === "close"
          ? await closeEvaluationRound(ctx, { fiscalYear: fy })
          : step === "reopen"
            ? await reopenEvaluationRound(ctx, { fiscalYear: fy })
            : undefined;
    if (!outcome)
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    return answer<unknown, unknown>(outcome, {
      saved: () => c.redirect(`/${m.code}/manage/evaluations/round?fy=${fy}&done=${step}`, 303),
      invalid: (o) =>
        roundPage(
          c,
          { typed: { deadline }, errors: { message: o.message, details: o.details } },
          400,
        ),
    });
  });

  return app;
}
