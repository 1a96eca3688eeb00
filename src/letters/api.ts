/**
 * GET /api/v1/municipalities/{code}/letters[/{receiptNumber}] and …/meetings[/{meetingId}]:
 * published letters to the mayor (the redacted version only) and published town meetings with
 * their proposals, each with its public timeline. Built from `PublicLetter`, which has no column
 * with personal data or the private status token, so neither can reach a response.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import {
  createApi,
  errorResponses,
  ListQuery,
  listOf,
  MunicipalityParam,
  page,
  z,
} from "../core/http/api.ts";
import { listMeetings, type Meeting } from "../meetings/index.ts";
import { listPublished, type PublicLetter, type TimelineStep } from "./queries.ts";
import { CATEGORIES, isReceiptNumber, OUTCOME_LABELS, STEP_LABELS } from "./rules.ts";
import { LETTER_KINDS, LETTER_SOURCES, OUTCOMES, STEP_KINDS } from "./schema.ts";
import { isoDay } from "./views/parts.tsx";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const q = (name: string, description: string) => ({
  param: { name, in: "query" as const },
  description,
});
const CATEGORY_CODES = Object.keys(CATEGORIES) as [string, ...string[]];
const describe = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k} = ${v}`)
    .join("、");

const NodeJson = z
  .object({
    code: z.string().openapi({ example: "GZ-6-01" }),
    title: z.string(),
    kind: z.string().openapi({ description: "measure / initiative / program" }),
  })
  .openapi("LetterNodeRef");

const StepJson = z
  .object({
    kind: z.enum(STEP_KINDS).openapi({ description: describe(STEP_LABELS) }),
    label: z.string(),
    occurredOn: z.string().openapi({ example: "2026-05-01", description: "日付（日本時間）" }),
    outcome: z.enum(OUTCOMES).nullable(),
    reason: z.string().nullable(),
    publicComment: z.string().nullable(),
    reflectedNode: NodeJson.nullable(),
    reflectedFromFiscalYear: z.number().int().nullable(),
  })
  .openapi("LetterStep");

export const LetterJson = z
  .object({
    receiptNumber: z.string().openapi({ example: "2026-0007" }),
    subject: z.string().openapi({ description: "公開用の件名（個人情報を除いたもの）" }),
    body: z.string().openapi({ description: "公開用の本文（個人情報を除いたもの）" }),
    kind: z.enum(LETTER_KINDS),
    proposal: z.boolean().openapi({ description: "提案型か（種類が proposal）" }),
    category: z.enum(CATEGORY_CODES).openapi({ description: describe(CATEGORIES) }),
    categoryLabel: z.string(),
    receivedOn: z.string().openapi({
      example: "2026-05-01",
      description: "受付日（日本時間）。送られた時刻は公開しません",
    }),
    fiscalYear: z.number().int().openapi({ description: "受付の年度（西暦の開始年）" }),
    status: z.enum(STEP_KINDS).openapi({ description: "最新の段階" }),
    outcome: z
      .object({
        result: z.enum(OUTCOMES).openapi({ description: describe(OUTCOME_LABELS) }),
        label: z.string(),
        reflectedNode: NodeJson.nullable().openapi({
          description: "採用・一部採用で反映した取組・事務事業",
        }),
        fromFiscalYear: z.number().int().nullable().openapi({ description: "反映する年度" }),
      })
      .nullable()
      .openapi({ description: "提案の結果（未定は null）" }),
    source: z.enum(LETTER_SOURCES).openapi({ description: "letter = たより、meeting = 語ろう会" }),
    meetingId: z.number().int().nullable(),
    nodeCodes: z.array(z.string()).openapi({ description: "関連する計画の項目のコード" }),
    steps: z.array(StepJson),
  })
  .openapi("Letter");
export type LetterJson = z.infer<typeof LetterJson>;

const nodeJson = (n: TimelineStep["reflectedNode"]) =>
  n ? { code: n.code, title: n.title, kind: n.kind } : null;

export function letterJson(l: PublicLetter): LetterJson {
  const last = l.steps.findLast((s) => s.kind === "outcome" && s.outcome === l.outcome);
  return {
    receiptNumber: l.receiptNumber,
    subject: l.subject,
    body: l.body,
    kind: l.kind,
    proposal: l.kind === "proposal",
    category: l.category,
    categoryLabel: (CATEGORIES as Record<string, string>)[l.category] ?? l.category,
    receivedOn: isoDay(l.receivedAt),
    fiscalYear: l.fiscalYear,
    status: l.status,
    outcome: l.outcome
      ? {
          result: l.outcome,
          label: OUTCOME_LABELS[l.outcome],
          reflectedNode: nodeJson(last?.reflectedNode ?? null),
          fromFiscalYear: last?.reflectedFromFiscalYear ?? null,
        }
      : null,
    source: l.source,
    meetingId: l.meeting?.id ?? null,
    nodeCodes: l.nodes.map((n) => n.code),
    steps: l.steps.map((s) => ({
      kind: s.kind,
      label: STEP_LABELS[s.kind],
      occurredOn: isoDay(s.occurredAt),
      outcome: s.outcome,
      reason: s.reason,
      publicComment: s.publicComment,
      reflectedNode: nodeJson(s.reflectedNode),
      reflectedFromFiscalYear: s.reflectedFromFiscalYear,
    })),
  };
}

export const LetterFilter = z.object({
  category: optional(z.enum(CATEGORY_CODES)).openapi(q("category", describe(CATEGORIES))),
  outcome: optional(z.enum(OUTCOMES)).openapi(q("outcome", describe(OUTCOME_LABELS))),
  node: optional(z.string().max(64)).openapi(
    q("node", "計画の項目のコード: 関連づけられた、または反映先になったたより"),
  ),
  fiscalYear: optional(z.coerce.number().int().min(1868).max(2200)).openapi(
    q("fiscalYear", "受付の年度（西暦の開始年）"),
  ),
});

export const MeetingJson = z
  .object({
    id: z.number().int(),
    heldOn: z.string().openapi({ example: "2026-05-20", description: "開催日" }),
    fiscalYear: z.number().int(),
    place: z.string(),
    theme: z.string(),
    participantGroup: z.string().openapi({ description: "参加団体（個人名は載せない）" }),
    participantCount: z.number().int(),
    summary: z.string(),
    publishedAt: z.string().nullable(),
    proposals: z.array(LetterJson).openapi({ description: "会で出された提案（公開中のもの）" }),
  })
  .openapi("Meeting");

function meetingJson(m: Meeting, proposals: PublicLetter[]): z.infer<typeof MeetingJson> {
  return {
    id: m.id,
    heldOn: m.heldOn,
    fiscalYear: m.fiscalYear,
    place: m.place,
    theme: m.theme,
    participantGroup: m.participantGroup,
    participantCount: m.participantCount,
    summary: m.summary,
    publishedAt: m.publishedAt?.toISOString() ?? null,
    // Oldest first, in the order they were raised.
    proposals: proposals
      .filter((p) => p.meeting?.id === m.id)
      .reverse()
      .map(letterJson),
  };
}

const ReceiptParams = MunicipalityParam.extend({
  receiptNumber: z
    .string()
    .max(16)
    .openapi({ param: { name: "receiptNumber", in: "path" }, example: "2026-0007" }),
});
const MeetingParams = MunicipalityParam.extend({
  meetingId: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "meetingId", in: "path" }, example: 1 }),
});

const json = <T extends z.ZodType>(description: string, schema: T) => ({
  200: { description, content: { "application/json": { schema } } },
  ...errorResponses,
});

const letterList = createRoute({
  method: "get",
  path: "/municipalities/{code}/letters",
  summary: "公開中の市長へのたより（新しい順、個人情報を除いた公開用の文章と対応の経過）",
  request: { params: MunicipalityParam, query: ListQuery.extend(LetterFilter.shape) },
  responses: json("Letters", listOf(LetterJson, "LetterList")),
});
const letterOne = createRoute({
  method: "get",
  path: "/municipalities/{code}/letters/{receiptNumber}",
  summary: "公開中の市長へのたより",
  request: { params: ReceiptParams },
  responses: json("Letter", LetterJson),
});
const meetingList = createRoute({
  method: "get",
  path: "/municipalities/{code}/meetings",
  summary: "公開中の市長と語ろう会の記録（新しい順、出された提案と対応の経過）",
  request: { params: MunicipalityParam, query: ListQuery },
  responses: json("Meetings", listOf(MeetingJson, "MeetingList")),
});
const meetingOne = createRoute({
  method: "get",
  path: "/municipalities/{code}/meetings/{meetingId}",
  summary: "公開中の市長と語ろう会の記録",
  request: { params: MeetingParams },
  responses: json("Meeting", MeetingJson),
});

export function voiceApi(db: Db) {
  const api = createApi();
  api.openapi(letterList, async (c) => {
    const { code } = c.req.valid("param");
    const query = c.req.valid("query");
    const { letters } = await listPublished(db, code, query);
    return c.json(page(letters, query, letterJson), 200);
  });
  api.openapi(letterOne, async (c) => {
    const { code, receiptNumber } = c.req.valid("param");
    const { letters } = isReceiptNumber(receiptNumber)
      ? await listPublished(db, code)
      : { letters: [] };
    const found = letters.find((l) => l.receiptNumber === receiptNumber);
    if (!found) throw notFound(`受付番号 ${receiptNumber} の公開中のたより`);
    return c.json(letterJson(found), 200);
  });
  api.openapi(meetingList, async (c) => {
    const { code } = c.req.valid("param");
    const query = c.req.valid("query");
    const meetings = await listMeetings(db, code, { publishedOnly: true });
    const { letters } = await listPublished(db, code);
    return c.json(
      page(meetings, query, (m) => meetingJson(m, letters)),
      200,
    );
  });
  api.openapi(meetingOne, async (c) => {
    const { code, meetingId } = c.req.valid("param");
    const meetings = await listMeetings(db, code, { publishedOnly: true });
    const found = meetings.find((m) => m.id === meetingId);
    if (!found) throw notFound(`市長と語ろう会の記録 ${meetingId}`);
    const { letters } = await listPublished(db, code, { meetingId });
    return c.json(meetingJson(found, letters), 200);
  });
  return api;
}
