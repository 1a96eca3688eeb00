/** Staff pages of reporting rounds: my updates, the rounds, a round's overview, the outbox. */
import { type Context, Hono } from "hono";
import { may, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formList, formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { datedDownload } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { listOutbox } from "../core/outbox.ts";
import type { Outcome } from "../core/outcome.ts";
import { parseFiscalYearParam, reportingYear } from "../core/reporting-years.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import type { Located } from "../indicators/index.ts";
import { loadRegistry } from "../indicators/index.ts";
import { listSections } from "../municipalities/index.ts";
import { levelAt, levelLabelOf, nodeTitle } from "../plan/index.ts";
import { loadMyUpdates } from "./my-updates.ts";
import { roundOverview } from "./overview.ts";
import { permissions } from "./permissions.ts";
import { loadRoundState, loadRounds } from "./queries.ts";
import { actualLocked, closeSummary } from "./rules.ts";
import { staffYears } from "./staff-year.ts";
import { closeRound, openRound, reopenIndicator, sendReminders } from "./store.ts";
import { ClosePage } from "./views/close-page.tsx";
import { OutboxPage } from "./views/outbox-page.tsx";
import { RoundPage, type RoundPageProps } from "./views/round-page.tsx";
import { type IndicatorChoiceGroup, RoundsPage } from "./views/rounds-page.tsx";
import { UpdatesPage } from "./views/updates-page.tsx";

/** Every indicator, grouped by its measure in plan order, for choosing a round's set. */
function indicatorGroups(located: Located[]): IndicatorChoiceGroup[] {
  const groups = new Map<string, IndicatorChoiceGroup>();
  for (const { record, home: at } of located) {
    const label = at?.measure
      ? `${at.plan.title} ${nodeTitle(at.measure)}`
      : (at?.plan.title ?? "計画外");
    const group = groups.get(label) ?? { label, indicators: [] };
    group.indicators.push({ code: record.code, name: record.name });
    groups.set(label, group);
  }
  return [...groups.values()];
}

export function roundRoutes(db: Db, opts: { delivering: boolean }) {
  const app = new Hono<StaffEnv>();
  const manage = permit(permissions.manageRounds);

  // "My updates": the indicators this person reports for a fiscal year, missing ones first.
  // By default the year of the open round with the nearest deadline, else the last closed year.
  app.get("/:code/manage/updates", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const { fy, round, rows } = await loadMyUpdates(db, m.code, who, c.req.query("fy"));
    const { years } = await staffYears(db, m.code, { chosen: fy });
    return c.html(
      <Layout
        title="実績値の入力"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "実績値の入力" }]}
      >
        <UpdatesPage
          code={m.code}
          fiscalYear={fy}
          years={years}
          rows={rows}
          everySection={may(who, permissions.seeEverySection)}
          round={round ? { deadline: round.deadline, closed: round.closedAt !== null } : undefined}
          now={new Date()}
        />
      </Layout>,
    );
  });

  const roundsPage = async (
    c: Context<StaffEnv>,
    extra: Pick<Parameters<typeof RoundsPage>[0], "submitted" | "errors"> = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const { defaultYear, years } = await staffYears(db, m.code);
    return c.html(
      <Layout
        title="実績値の報告"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "実績値の報告" }]}
      >
        <RoundsPage
          code={m.code}
          rounds={await loadRounds(db, m.code)}
          choices={indicatorGroups((await loadRegistry(db, m.code)).located)}
          years={years}
          defaultYear={defaultYear}
          mayManage={may(who, permissions.manageRounds)}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/rounds", (c) => roundsPage(c));

  app.post("/:code/manage/rounds", async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody({ all: true });
    const submitted = {
      fiscalYear: formText(form.fiscalYear),
      deadline: formText(form.deadline),
      scope: formText(form.scope),
      indicators: formList(form.indicators),
    };
    const outcome = await openRound(staffContext(db, c), {
      fiscalYear: submitted.fiscalYear,
      deadline: submitted.deadline,
      indicatorCodes: submitted.scope === "chosen" ? submitted.indicators : undefined,
    });
    return answer(outcome, {
      saved: ({ fiscalYear }) =>
        c.redirect(`/${m.code}/manage/rounds/${fiscalYear}?done=opened`, 303),
      invalid: (o) =>
        roundsPage(c, { submitted, errors: { message: o.message, details: o.details } }, 400),
    });
  });

  const roundPage = async (
    c: Context<StaffEnv>,
    extra: Pick<RoundPageProps, "done" | "errors"> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const [state, sections] = await Promise.all([
      loadRoundState(db, m.code, fy),
      listSections(db, m.code),
    ]);
    if (!state.round) throw new AppError("not_found", `${fy}年度の報告はありません`);
    const round = state.round;
    const overview = roundOverview(round, state.indicators, state.nodes, state.entered, new Date());
    const members = new Set(round.indicatorIds);
    const planOf = new Map(state.plans.map((p) => [p.id, p]));
    return c.html(
      <Layout
        title="実績値の報告"
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/rounds`, label: "実績値の報告" },
          { label: String(fy) },
        ]}
      >
        <RoundPage
          code={m.code}
          round={round}
          overview={overview}
          sectionNames={new Map(sections.map((s) => [s.code, s.name]))}
          measureNames={
            new Map(
              state.nodes
                .filter((n) => n.kind === "measure")
                .map((n) => [
                  n.id,
                  `${levelAt(planOf.get(n.planId) ?? { levels: null }, 1).label}${n.number ?? ""} ${n.title}`,
                ]),
            )
          }
          levels={{ policy: levelLabelOf(state.plans, 0), measure: levelLabelOf(state.plans, 1) }}
          locked={state.indicators.filter(
            (i) => members.has(i.id) && actualLocked(fy, i.id, state.rounds, state.reopenings),
          )}
          mayManage={may(who, permissions.manageRounds)}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/rounds/:fy", (c) => roundPage(c, { done: c.req.query("done") }));

  app.get("/:code/manage/rounds/:fy/status.csv", async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const [state, sections] = await Promise.all([
      loadRoundState(db, m.code, fy),
      listSections(db, m.code),
    ]);
    if (!state.round) throw new AppError("not_found", `${fy}年度の報告はありません`);
    const names = new Map(sections.map((s) => [s.code, s.name]));
    const entered = new Set(state.entered.map((e) => e.indicatorId));
    const members = new Set(state.round.indicatorIds);
    const rows = state.indicators
      .filter((i) => members.has(i.id))
      .map((i) => [
        i.code,
        i.name,
        i.sectionCodes.map((s) => names.get(s) ?? s).join("、"),
        entered.has(i.id) ? "入力済み" : "未入力",
        state.round!.deadline,
      ]);
    const sjis = c.req.query("encoding") === "sjis";
    return csvResponse(
      toCsv(["コード", "指標名", "担当課", "状況", "入力期限"], rows),
      datedDownload(
        [m.name, shortFiscalYearLabel(fy), "実績値の入力状況", sjis ? "Shift_JIS" : null],
        [m.code, `round-${fy}-status`, sjis ? "sjis" : null],
        "csv",
      ),
      sjis ? "sjis" : "utf8",
    );
  });

  /** An action on a round from its page: done → back to the page, refused → the page again. */
  const act = (
    path: string,
    done: string | ((o: { status: "saved" | "unchanged"; value: unknown }) => string),
    run: (
      c: Context<StaffEnv>,
      fy: number,
      form: Record<string, unknown>,
    ) => Promise<Outcome<unknown>>,
  ) =>
    app.post(`/:code/manage/rounds/:fy/${path}`, manage, async (c) => {
      const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
      const form = await c.req.parseBody();
      const again = (o: { message: string; details?: ErrorDetail[] }, status: 400 | 409) =>
        roundPage(c, { errors: { message: o.message, details: o.details ?? [] } }, status);
      const back = (status: "saved" | "unchanged", value: unknown) =>
        c.redirect(
          `/${c.req.param("code")}/manage/rounds/${fy}?done=${typeof done === "string" ? done : done({ status, value })}`,
          303,
        );
      return answer(await run(c, fy, form), {
        saved: (value) => back("saved", value),
        unchanged: (value) => back("unchanged", value),
        invalid: (o) => again(o, 400),
        conflict: (o) => again(o, 409),
      });
    });

  /** The confirmation before closing, also shown again when closing is refused. */
  const closePage = async (
    c: Context<StaffEnv>,
    errors?: { message: string; details: ErrorDetail[] },
  ) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const state = await loadRoundState(db, m.code, fy);
    if (!state.round) throw new AppError("not_found", `${fiscalYearLabel(fy)}の報告はありません`);
    // A closed round has nothing to confirm: its page says so.
    if (state.round.closedAt && !errors) return c.redirect(`/${m.code}/manage/rounds/${fy}`, 303);
    const now = new Date();
    const { total } = roundOverview(state.round, state.indicators, state.nodes, state.entered, now);
    return c.html(
      <Layout
        title="報告の締切の確認"
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/rounds`, label: "実績値の報告" },
          { href: `/${m.code}/manage/rounds/${fy}`, label: String(fy) },
          { label: "締切の確認" },
        ]}
      >
        <ClosePage
          code={m.code}
          fiscalYear={fy}
          deadline={state.round.deadline}
          summary={closeSummary(total, state.round.deadline, now)}
          missing={total.total - total.done}
          drafts={state.drafts}
          closed={state.round.closedAt !== null}
          csrf={c.get("staff").csrfToken}
          errors={errors}
        />
      </Layout>,
      errors ? 409 : 200,
    );
  };

  app.get("/:code/manage/rounds/:fy/close", manage, (c) => closePage(c));
  app.post("/:code/manage/rounds/:fy/close", manage, async (c) => {
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    return answer(await closeRound(staffContext(db, c), { fiscalYear: fy }), {
      saved: () => c.redirect(`/${c.req.param("code")}/manage/rounds/${fy}?done=closed`, 303),
      invalid: (o) => closePage(c, { message: o.message, details: o.details }),
      conflict: (o) => closePage(c, { message: o.message, details: [] }),
    });
  });
  act("reopen", "reopened", (c, fy, form) =>
    reopenIndicator(staffContext(db, c), {
      fiscalYear: fy,
      indicatorCode: formText(form.indicator),
      reason: formText(form.reason),
    }),
  );
  // Says how many reminders were really prepared, or that none was due.
  act(
    "reminders",
    (o) => (o.status === "saved" ? `reminded-${Number(o.value)}` : "reminded-none"),
    (c) => sendReminders(staffContext(db, c), { municipalityName: municipalityOf(c).name }),
  );

  app.get("/:code/manage/outbox", manage, async (c) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout
        title="お知らせメールの送信予定"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "お知らせメール" }]}
      >
        <OutboxPage entries={await listOutbox(db, m.code)} delivering={opts.delivering} />
      </Layout>,
    );
  });

  return app;
}
