/**
 * Town meetings with the mayor (市長と語ろう会), public and staff pages, and the public page of
 * the proposals that touched one measure (/{code}/measures/{nodeCode}/letters). That page lives
 * here, not in the plan module, so that plan never imports voice: the measure page only links to it.
 */
import { type Context, Hono } from "hono";
import { type Principal, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { notFound, recordIdOf } from "../core/errors.ts";
import { compareFields, type FieldSpec } from "../core/field-changes.ts";
import { formatJapaneseDay } from "../core/fiscal-year.ts";
import { type FormBody, formText, formTexts, requireVersion, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext, Outcome } from "../core/outcome.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { listPublished, MeasureLettersPage } from "../letters/index.ts";
import { indexNodes, levelAt, loadPlans, measureTitle } from "../plan/index.ts";
import {
  addMeetingProposal,
  findMeeting,
  listMeetings,
  meetingProposalsForStaff,
  publishMeeting,
  recordMeeting,
  updateMeeting,
} from "./meetings.ts";
import { permissions } from "./permissions.ts";
import type { MeetingSubmission } from "./rules.ts";
import { ManageMeetingPage, ManageMeetingsPage } from "./views/manage-pages.tsx";
import { PublicMeetingPage, PublicMeetingsPage } from "./views/public-pages.tsx";

const meetingSubmission = (form: FormBody): MeetingSubmission => ({
  heldOn: formText(form.heldOn),
  place: formText(form.place),
  theme: formText(form.theme),
  participantGroup: formText(form.participantGroup),
  participantCount: formText(form.participantCount),
  summary: formText(form.summary),
});

/** The fields of a meeting record as the conflict page compares them. */
const MEETING_FIELDS: FieldSpec<
  Omit<MeetingSubmission, "participantCount"> & { participantCount: number | string }
>[] = [
  ["開催日", (f) => f.heldOn],
  ["会場", (f) => f.place],
  ["テーマ", (f) => f.theme],
  ["参加団体", (f) => f.participantGroup],
  ["参加者数", (f) => String(f.participantCount)],
  ["概要", (f) => f.summary],
];

/** A meeting id from the path: a positive whole number, or a 404. */
const meetingIdOf = (raw: string) => recordIdOf(raw, "市長と語ろう会の記録");

export function meetingRoutes(db: Db) {
  const app = new Hono();
  const crumbs = (code: string, label?: string) => [
    { href: `/${code}/`, label: "ホーム" },
    ...(label
      ? [{ href: `/${code}/meetings`, label: "市長と語ろう会" }, { label }]
      : [{ label: "市長と語ろう会" }]),
  ];

  app.get("/:code/meetings", async (c) => {
    const m = municipalityOf(c);
    const meetings = await listMeetings(db, m.code, { publishedOnly: true });
    return c.html(
      <Layout title="市長と語ろう会" municipality={m} crumbs={crumbs(m.code)}>
        <PublicMeetingsPage code={m.code} meetings={meetings} />
      </Layout>,
    );
  });

  app.get("/:code/meetings/:meetingId", async (c) => {
    const m = municipalityOf(c);
    const id = meetingIdOf(c.req.param("meetingId"));
    const meeting = await findMeeting(db, m.code, id, { publishedOnly: true });
    if (!meeting) throw notFound(`市長と語ろう会の記録 ${id}`);
    const { letters } = await listPublished(db, m.code, { meetingId: id });
    return c.html(
      <Layout
        title={`市長と語ろう会「${meeting.theme}」`}
        municipality={m}
        crumbs={crumbs(m.code, meeting.theme)}
      >
        <PublicMeetingPage code={m.code} meeting={meeting} proposals={[...letters].reverse()} />
      </Layout>,
    );
  });

  app.get("/:code/measures/:nodeCode/letters", async (c) => {
    const m = municipalityOf(c);
    const index = indexNodes(await loadPlans(db, m.code));
    const ctx = index.byCode.get(c.req.param("nodeCode"));
    if (ctx?.node.kind !== "measure")
      throw notFound(`${ctx ? levelAt(ctx.plan, 1).label : "基本施策"} ${c.req.param("nodeCode")}`);
    const measure = ctx.node;
    const under = (code: string) => index.byCode.get(code)?.measure?.code === measure.code;
    const { letters } = await listPublished(db, m.code);
    const touched = letters.filter(
      (l) =>
        l.nodes.some((n) => under(n.code)) ||
        l.steps.some((s) => s.reflectedNode && under(s.reflectedNode.code)),
    );
    return c.html(
      <Layout
        title={`${measureTitle(measure)}に寄せられた提案`}
        municipality={m}
        crumbs={[
          { href: `/${m.code}/`, label: m.name },
          { href: `/${m.code}/measures/${measure.code}`, label: measureTitle(measure) },
          { label: "寄せられた提案と対応" },
        ]}
      >
        <MeasureLettersPage code={m.code} measure={measure} letters={touched} />
      </Layout>,
    );
  });

  return app;
}

export function meetingManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const manage = permit(permissions.manage);
  type Errors = { form: string; message: string; details: { location: string; message: string }[] };

  const listPage = async (
    c: Context<StaffEnv>,
    extra: { errors?: Errors; submitted?: Record<string, string> } = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const meetings = await listMeetings(db, m.code, { publishedOnly: false });
    return c.html(
      <Layout
        title="市長と語ろう会の記録"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "市長と語ろう会の記録" }]}
      >
        <ManageMeetingsPage
          code={m.code}
          meetings={meetings}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  const meetingPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; errors?: Errors; submitted?: Record<string, string> } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const m = municipalityOf(c);
    const id = meetingIdOf(c.req.param("meetingId")!);
    const meeting = await findMeeting(db, m.code, id, { publishedOnly: false });
    if (!meeting) throw notFound(`市長と語ろう会の記録 ${id}`);
    const proposals = await meetingProposalsForStaff(db, m.code, id);
    return c.html(
      <Layout
        title={`市長と語ろう会「${meeting.theme}」`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/meetings`, label: "市長と語ろう会の記録" },
          { label: meeting.theme },
        ]}
      >
        <ManageMeetingPage
          code={m.code}
          meeting={meeting}
          proposals={proposals}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/meetings", manage, (c) => listPage(c));

  app.post("/:code/manage/meetings", manage, async (c) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    return answer(await recordMeeting(staffContext(db, c), meetingSubmission(form)), {
      saved: (id) => c.redirect(`/${m.code}/manage/meetings/${id}?done=recorded`, 303),
      invalid: (o) =>
        listPage(
          c,
          {
            errors: { form: "meeting", message: o.message, details: o.details },
            submitted: formTexts(form),
          },
          400,
        ),
    });
  });

  app.get("/:code/manage/meetings/:meetingId", manage, (c) =>
    meetingPage(c, { done: c.req.query("done") }),
  );

  /** Answers an action on one meeting: back to its page, or the page with the form's errors. */
  const act = (path: string, form: string, done: string, run: ActOn) =>
    app.post(`/:code/manage/meetings/:meetingId${path}`, manage, async (c) => {
      const m = municipalityOf(c);
      const id = meetingIdOf(c.req.param("meetingId"));
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      return answer(await run(staffContext(db, c), id, body), {
        saved: () => c.redirect(`/${m.code}/manage/meetings/${id}?done=${done}`, 303),
        invalid: (o) =>
          meetingPage(
            c,
            {
              errors: { form, message: o.message, details: o.details },
              submitted: formTexts(body),
            },
            400,
          ),
        conflict: (o) => meetingPage(c, { errors: { form, message: o.message, details: [] } }, 409),
      });
    });

  // A correction made on an older version: the shared conflict page, field by field.
  app.post("/:code/manage/meetings/:meetingId", manage, async (c) => {
    const m = municipalityOf(c);
    const id = meetingIdOf(c.req.param("meetingId"));
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const submission = meetingSubmission(body);
    const path = `/${m.code}/manage/meetings/${id}`;
    return answer(
      await updateMeeting(staffContext(db, c), { id, version: requireVersion(body), submission }),
      {
        saved: () => c.redirect(`${path}?done=updated`, 303),
        invalid: (o) =>
          meetingPage(
            c,
            {
              errors: { form: "meeting", message: o.message, details: o.details },
              submitted: formTexts(body),
            },
            400,
          ),
        conflict: (o) =>
          c.html(
            <Layout title="ほかの人が先に保存しました" municipality={m}>
              <ConflictPage
                subject={`${formatJapaneseDay(o.current.heldOn)}の市長と語ろう会の記録`}
                state={`（現在は版 ${o.current.version}）`}
                editPath={path}
                csrf={c.get("staff").csrfToken}
                basis={[["version", String(o.current.version)]]}
                changes={compareFields(MEETING_FIELDS, o.current, submission)}
                submitted={resubmitted(body, ["version"])}
              />
            </Layout>,
            409,
          ),
      },
    );
  });

  act("/publish", "publish", "published", (ctx, id, body) =>
    publishMeeting(ctx, { id, version: requireVersion(body) }),
  );

  act("/proposals", "proposal", "proposal", (ctx, id, body) =>
    addMeetingProposal(ctx, {
      meetingId: id,
      submission: {
        subject: formText(body.subject),
        body: formText(body.body),
        category: formText(body.category),
      },
    }),
  );

  return app;
}

type ActOn = (
  ctx: ActionContext<Principal>,
  id: number,
  body: FormBody,
) => Promise<Outcome<unknown, unknown>>;
