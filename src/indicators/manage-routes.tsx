/** Staff pages of indicators under /{code}/manage: entering actuals, editing definitions. */

import { type Context, Hono } from "hono";
import { may, mayUpdateFor, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, notFound } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { formText, readVersion, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFiscalYearParam, reportingYear } from "../core/reporting-years.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { recordEditRoutes } from "../publishing/index.ts";
import { closureOf, indicatorYears } from "../reporting/index.ts";
import { publishRunningActual, readRunning } from "./computed-actuals.ts";
import { DEFINITION_FIELDS } from "./definition.ts";
import { discardActualDraft, loadEntryState, saveActual } from "./drafts.ts";
import { withRefusalDetails } from "./entry.ts";
import { permissions } from "./permissions.ts";
import { challengeWording, loadRegistry } from "./queries.ts";
import { ConflictPage } from "./views/conflict-page.tsx";
import { DefinitionFieldsForm } from "./views/definition-fields.tsx";
import { EntryPage, type EntryPageProps } from "./views/entry-page.tsx";
import { RunningPage } from "./views/running-page.tsx";

export async function findRecord(db: Db, mc: string, code: string) {
  const { located } = await loadRegistry(db, mc);
  const found = located.find((x) => x.record.code === code);
  if (!found) throw notFound(`指標 ${code}`);
  return found.record;
}

export function indicatorManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  app.get("/:code/manage/running-actuals", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    return c.html(
      <Layout
        title="集計中の値"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "集計中の値" }]}
      >
        <RunningPage
          code={m.code}
          rows={await readRunning(db, m.code)}
          csrf={who.csrfToken}
          mayPublish={may(who, permissions.publishRunning)}
          done={c.req.query("done")}
        />
      </Layout>,
    );
  });

  app.post("/:code/manage/running-actuals/:indicator/:fy/publish", async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const indicatorCode = c.req.param("indicator");
    const form = await c.req.parseBody();
    const outcome = await publishRunningActual(staffContext(db, c), {
      indicatorCode,
      fiscalYear: fy,
      version: requireVersion(form),
    });
    return answer(outcome, {
      saved: () =>
        c.redirect(
          `/${m.code}/manage/running-actuals?done=${encodeURIComponent(`${indicatorCode} ${fiscalYearLabel(fy)}`)}`,
          303,
        ),
      invalid: (o) => {
        throw new AppError("bad_request", o.message, o.details);
      },
    });
  });

  /** The entry page, also shown again (with a status) when a submit has errors. */
  const entryPage = async (
    c: Context<StaffEnv>,
    chosen: number | undefined,
    extra: Pick<EntryPageProps, "submitted" | "errors" | "done"> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const code = c.req.param("indicator")!;
    const [record, state] = await Promise.all([
      findRecord(db, m.code, code),
      loadEntryState(db, m.code, code),
    ]);
    // The years of the indicator's plan (from its baseline), those holding its values and the
    // open round's year while the plan runs: the one rule of the staff year pickers.
    const { defaultYear, years } = await indicatorYears(db, m.code, state.indicatorId, {
      chosen,
      held: [...state.years.keys()],
    });
    const fy = chosen ?? defaultYear;
    const closed = await closureOf(db, m.code, fy, state.indicatorId);
    return c.html(
      <Layout
        title={`実績値の入力: ${record.name}`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/updates?fy=${fy}`, label: "実績値の入力" },
          { label: record.name },
        ]}
      >
        <EntryPage
          code={m.code}
          record={record}
          state={state}
          fiscalYear={fy}
          years={[...years].reverse()}
          csrf={who.csrfToken}
          definitionPath={
            may(who, permissions.editDefinition)
              ? `/${m.code}/manage/indicators/${encodeURIComponent(code)}/definition`
              : undefined
          }
          mayEdit={mayUpdateFor(
            who,
            state.owners.map((o) => o.code),
          )}
          closed={closed}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/indicators/:indicator", async (c) =>
    entryPage(c, c.req.query("fy") ? parseFiscalYearParam(c.req.query("fy")) : undefined, {
      done: c.req.query("done"),
    }),
  );

  app.post("/:code/manage/indicators/:indicator/actuals/:fy", async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const code = c.req.param("indicator");
    const form = await c.req.parseBody();
    const submitted = {
      value: formText(form.value),
      text: formText(form.text),
      done: formText(form.done),
      asOf: formText(form.asOf),
      estimate: formText(form.estimate) === "true" ? "true" : "",
      note: formText(form.note),
      reason: formText(form.reason),
    };
    const published = readVersion(form, "publishedVersion");
    const draft = readVersion(form, "draftVersion");
    if (published === undefined || draft === undefined)
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    const outcome = await saveActual(staffContext(db, c), {
      indicatorCode: code,
      fiscalYear: fy,
      ...submitted,
      expected: { published, draft },
    });
    return answer(withRefusalDetails(outcome), {
      saved: ({ draft }) =>
        c.redirect(
          `/${m.code}/manage/indicators/${encodeURIComponent(code)}?fy=${fy}&done=${draft ? "saved" : "unchanged"}#entry`,
          303,
        ),
      invalid: (o) =>
        entryPage(c, fy, { submitted, errors: { message: o.message, details: o.details } }, 400),
      conflict: async ({ message, current }) => {
        // The round closed while the person typed: the page again, read-only, with the typed
        // value kept and the reason.
        if (current.reason === "year_closed")
          return entryPage(
            c,
            fy,
            { submitted, errors: { message, details: current.details ?? [] } },
            409,
          );
        if (current.reason !== "stale") throw new AppError("conflict", message, current.details);
        return c.html(
          <Layout title="ほかの人が先に保存しました" municipality={m}>
            <ConflictPage
              code={m.code}
              record={await findRecord(db, m.code, code)}
              fiscalYear={fy}
              published={current.published}
              draft={current.draft}
              submitted={submitted}
              csrf={c.get("staff").csrfToken}
            />
          </Layout>,
          409,
        );
      },
    });
  });

  app.post("/:code/manage/indicators/:indicator/actuals/:fy/discard", async (c) => {
    const m = municipalityOf(c);
    const fy = parseFiscalYearParam(c.req.param("fy"), { fallback: reportingYear() });
    const code = c.req.param("indicator");
    const form = await c.req.parseBody();
    const outcome = await discardActualDraft(staffContext(db, c), {
      indicatorCode: code,
      fiscalYear: fy,
      draftVersion: requireVersion(form, "draftVersion"),
    });
    return answer(withRefusalDetails(outcome), {
      saved: () =>
        c.redirect(
          `/${m.code}/manage/indicators/${encodeURIComponent(code)}?fy=${fy}&done=discarded#entry`,
          303,
        ),
      invalid: (o) => {
        throw new AppError("bad_request", o.message, o.details);
      },
    });
  });

  // Editing an indicator's definition (planners), as a draft until published.
  app.route(
    "/",
    recordEditRoutes(db, {
      path: "/:code/manage/indicators/:indicator/definition",
      param: "indicator",
      record: "indicator",
      heading: (f) => `指標の定義の編集: ${f.name}`,
      subject: (f, key) => `指標「${f.name}」（${key}）の定義`,
      crumbs: (mc, key) => [
        staffHome(mc),
        { href: `/${mc}/manage/plan`, label: "計画と指標の編集" },
        { label: key },
      ],
      fieldNames: () => [...DEFINITION_FIELDS],
      Fields: DefinitionFieldsForm,
      // The 「チャレンジ」 flag only where the municipality's plans know it, in their words.
      labels: (db, mc) =>
        withTenant(db, mc, async (tx): Promise<Record<string, string>> => {
          const w = await challengeWording(tx, mc);
          return w.uses ? { challenge: w.label } : {};
        }),
    }),
  );

  return app;
}
