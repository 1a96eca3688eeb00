/**
 * Staff pages of program evaluation: "my evaluations" of a fiscal year, and one program's
 * evaluation form, whose every button posts to the same path with a `step` and the version the
 * page was opened on. Writes go through evaluation-store.ts; who may do what is workflow.ts.
 */

import { type Context, Hono } from "hono";
import { may, mayUpdateFor, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import type { FieldChange } from "../core/field-changes.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, formList, formText, optionalText, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { Checked } from "../core/outcome.ts";
import { parseFiscalYearParam, reportingYear } from "../core/reporting-years.ts";
import { issuesToDetails } from "../core/validation.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { staffDefaultYear, staffYears } from "../reporting/index.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type Direction,
} from "./evaluation.ts";
import {
  SecondaryEvaluationInput,
  SelfEvaluationInput,
  toSecondaryEvaluation,
  toSelfEvaluation,
} from "./evaluation-input.ts";
import { changeEvaluation, type EvaluationChange } from "./evaluation-store.ts";
import { permissions } from "./permissions.ts";
import { selfEvaluationClosed } from "./round.ts";
import { loadEvaluationRounds } from "./round-store.ts";
import { loadRatingScale } from "./scale-store.ts";
import {
  loadEvaluationForm,
  loadYearEvaluations,
  runsIn,
  type StaffEvaluation,
} from "./staff-queries.ts";
import { EvaluationEditPage, PUBLISH_CONFIRM } from "./views/evaluation-edit-page.tsx";
import { directionText } from "./views/evaluation-parts.tsx";
import { MyEvaluationsPage } from "./views/my-evaluations-page.tsx";
import { ACTION_LABELS, availableActions, editableParts, STATE_LABELS } from "./workflow.ts";

const LIST = "事務事業評価";
const STEPS = ["save", "submit", "saveSecondary", "review", "publish", "sendBack"] as const;
type Step = (typeof STEPS)[number];

function readSelf(form: FormBody): Checked<ReturnType<typeof toSelfEvaluation>> {
  const parsed = SelfEvaluationInput.safeParse({
    ratings: Object.fromEntries(ASPECTS.map((a) => [a, optionalText(form[`ratings.${a}`])])),
    findings: formText(form.findings),
    direction: optionalText(form.direction),
    reason: formText(form.reason),
  });
  return parsed.success
    ? { ok: true, value: toSelfEvaluation(parsed.data) }
    : { ok: false, details: issuesToDetails(parsed.error) };
}

function readSecondary(form: FormBody): Checked<ReturnType<typeof toSecondaryEvaluation>> {
  const parsed = SecondaryEvaluationInput.safeParse({
    direction: optionalText(form["secondary.direction"]),
    comment: formText(form["secondary.comment"]),
  });
  return parsed.success
    ? { ok: true, value: toSecondaryEvaluation(parsed.data) }
    : {
        ok: false,
        details: issuesToDetails(parsed.error).map((d) => ({
          ...d,
          location: `secondary.${d.location}`,
        })),
      };
}

/** The change a step of the form asks for, or the errors of its fields. */
function changeOf(
  step: Step,
  form: FormBody,
  ref: { programCode: string; fiscalYear: number; version: number },
): Checked<EvaluationChange> {
  if (step === "save" || step === "submit") {
    const self = readSelf(form);
    if (!self.ok) return self;
    return {
      ok: true,
      value: {
        self: self.value,
        action: step === "submit" ? "submit" : undefined,
        ...ref,
      },
    };
  }
  if (step === "saveSecondary" || step === "review") {
    const secondary = readSecondary(form);
    if (!secondary.ok) return secondary;
    return {
      ok: true,
      value: {
        secondary: secondary.value,
        action: step === "review" ? "review" : undefined,
        ...ref,
      },
    };
  }
  return {
    ok: true,
    value: { action: step, comment: formText(form.comment).trim() || undefined, ...ref },
  };
}

const shownDirection = (raw: string) =>
  (DIRECTIONS as readonly string[]).includes(raw) ? DIRECTION_LABELS[raw as Direction] : raw || "—";

/** The submitted fields beside the current ones, for the conflict page. */
function conflictRows(form: FormBody, current: StaffEvaluation, expected: number): FieldChange[] {
  const { self, secondary } = current.content;
  const fields: [string, string, string][] = [
    ...ASPECTS.map((a): [string, string, string] => [
      `ratings.${a}`,
      ASPECT_LABELS[a],
      self.ratings[a] ?? "—",
    ]),
    ["findings", "評価の所見", self.findings || "—"],
    ["direction", "今後の方向性（一次評価）", directionText(self.direction)],
    ["reason", "方向性の理由", self.reason || "—"],
    [
      "secondary.direction",
      "今後の方向性（二次評価）",
      directionText(secondary?.direction ?? null),
    ],
    ["secondary.comment", "二次評価のコメント", secondary?.comment || "—"],
    ["comment", "差し戻しの理由", "—"],
  ];
  const step = formText(form.step) as Step;
  const action = step === "save" || step === "saveSecondary" ? undefined : step;
  return [
    {
      label: "状態",
      after: `版 ${expected} を開いて「${action ? ACTION_LABELS[action] : "保存"}」`,
      before: `版 ${current.version}・${STATE_LABELS[current.state]}`,
    },
    ...fields
      .filter(([name]) => form[name] !== undefined)
      .map(([name, label, now]) => {
        const typed = formText(form[name]);
        return {
          label,
          after: name.endsWith("direction") ? shownDirection(typed) : typed || "—",
          before: now,
        };
      }),
  ];
}

const pairsOf = (form: FormBody) =>
  Object.entries(form).flatMap(([name, v]) =>
    name === "_csrf" || name === "version"
      ? []
      : formList(v).map((x): [string, string] => [name, String(x)]),
  );

export function evaluationManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const FORM = "/:code/manage/programs/:programCode/evaluations/:fiscalYear";

  app.get("/:code/manage/evaluations", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const fy = parseFiscalYearParam(c.req.query("fy"), {
      fallback: await staffDefaultYear(db, m.code),
    });
    // Only an editor's list is limited to their sections (a viewer reads every section's).
    const everySection = !may(who, permissions.editSelf) || may(who, permissions.everySection);
    const rows = (await loadYearEvaluations(db, m.code, fy)).filter(
      (r) => everySection || mayUpdateFor(who, [r.program.section.code]),
    );
    const { years } = await staffYears(db, m.code, { chosen: fy });
    const round = (await loadEvaluationRounds(db, m.code)).find((r) => r.fiscalYear === fy);
    return c.html(
      <Layout title={LIST} municipality={m} crumbs={[staffHome(m.code), { label: LIST }]}>
        <MyEvaluationsPage
          code={m.code}
          fiscalYear={fy}
          years={years}
          rows={rows}
          everySection={everySection}
          mayManage={may(who, permissions.manageRounds)}
          round={round}
        />
      </Layout>,
    );
  });

  const page = async (
    c: Context<StaffEnv>,
    extra: { done?: string; raw?: FormBody; errors?: { message: string; details: ErrorDetail[] } },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode")!;
    const fy = parseFiscalYearParam(c.req.param("fiscalYear"), {
      fallback: reportingYear(),
      location: "fiscalYear",
    });
    const found = await loadEvaluationForm(db, m.code, programCode, fy);
    if (!found || !runsIn(found.program, fy))
      throw new AppError(
        "not_found",
        `事務事業 ${programCode} の${fiscalYearLabel(fy)}の評価が見つかりません`,
      );
    const who = c.get("staff");
    const sections = { sectionCodes: [found.program.section.code] };
    const title = `${found.program.name}（${fiscalYearLabel(fy)}）`;
    const [{ scale }, rounds] = await Promise.all([
      loadRatingScale(db, m.code),
      loadEvaluationRounds(db, m.code),
    ]);
    const round = rounds.find((r) => r.fiscalYear === fy);
    const closed = selfEvaluationClosed(round, who.role);
    const editable = editableParts(found.evaluation.state, who, sections);
    return c.html(
      <Layout
        title={title}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/evaluations?fy=${fy}`, label: LIST },
          { label: title },
        ]}
      >
        <EvaluationEditPage
          code={m.code}
          program={found.program}
          fiscalYear={fy}
          evaluation={found.evaluation}
          sentBack={found.sentBack}
          editable={{ ...editable, self: editable.self && !closed }}
          actions={availableActions(found.evaluation.state, who, sections).filter(
            (a) => !(closed && a === "submit"),
          )}
          scale={scale}
          closedRound={closed && editable.self && round ? { deadline: round.deadline } : undefined}
          sheet={found.sheet}
          origin={new URL(c.req.url).origin}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get(FORM, (c) => page(c, { done: c.req.query("done") }));

  app.post(FORM, async (c) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode");
    const fy = parseFiscalYearParam(c.req.param("fiscalYear"), {
      fallback: reportingYear(),
      location: "fiscalYear",
    });
    const form = await c.req.parseBody({ all: true });
    const step = formText(form.step) as Step;
    if (!STEPS.includes(step))
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    const version = requireVersion(form);
    const change = changeOf(step, form, { programCode, fiscalYear: fy, version });
    const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
      page(c, { raw: form, errors: { message, details } }, 400);
    if (!change.ok) return invalid(change.details);
    // Publishing cannot be undone: the page asks for the box to be ticked (required in the
    // browser; checked here too, for a browser that does not check it).
    if (step === "publish" && formText(form[PUBLISH_CONFIRM]) !== "on")
      return invalid(
        [
          {
            location: PUBLISH_CONFIRM,
            message:
              "公表後は変更できません。「公表後は変更できないことを確認しました」にチェックを入れてから公表してください",
          },
        ],
        "まだ公表していません",
      );
    const who = c.get("staff");
    const editPath = `/${m.code}/manage/programs/${encodeURIComponent(programCode)}/evaluations/${fy}`;
    return answer(await changeEvaluation(staffContext(db, c), change.value), {
      saved: () => c.redirect(`${editPath}?done=${step}`, 303),
      invalid: (o) => invalid(o.details, o.message),
      conflict: ({ message, current: { evaluation: current, stale } }) => {
        // What the state does not allow: the error page with the rule's message.
        if (!stale) throw new AppError("conflict", message);
        return c.html(
          <Layout title="ほかの人が先に保存しました" municipality={m}>
            <ConflictPage
              subject={`事務事業 ${programCode} の${fiscalYearLabel(fy)}の評価`}
              state={`（現在は版 ${current.version}・${STATE_LABELS[current.state]}）`}
              currentLabel={`現在の内容（版 ${current.version}）`}
              editPath={editPath}
              csrf={who.csrfToken}
              changes={conflictRows(form, current, version)}
              basis={[["version", String(current.version)]]}
              submitted={pairsOf(form)}
            />
          </Layout>,
          409,
        );
      },
    });
  });

  return app;
}
