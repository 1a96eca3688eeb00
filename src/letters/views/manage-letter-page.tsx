/**
 * The staff's page of one letter: what arrived (with the writer's contact details, or that they
 * were erased, and the attachments), the timeline, and the triage, step and publication forms
 * (manage-letter-forms.tsx) as the person may use them, with the notice of what was just done.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import type { StaffLetterView } from "../queries.ts";
import { isContactErased } from "../retention-rules.ts";
import { allowedSteps, KIND_LABELS } from "../rules.ts";
import { PublicVersionForm, StepForm, TriageForm } from "./manage-letter-forms.tsx";
import { categoryLabel, japaneseDate, PlainText, Timeline } from "./parts.tsx";

type Section = { code: string; name: string };

export type LetterForm = "triage" | "step" | "public";

export interface ManageLetterProps {
  code: string;
  view: StaffLetterView;
  sections: Section[];
  csrf: string;
  mayTriage: boolean;
  mayStep: boolean;
  done?: string;
  errors?: { form: LetterForm; message: string; details: ErrorDetail[] };
  submitted?: Record<string, string | string[]>;
}

/**
 * What was just done, and whether the public sees it now (`live`: the letter can be read on the
 * public page) — each message says so.
 */
export function doneMessages(l: { source: string; consentContact: boolean }, live: boolean) {
  const publicNow = live
    ? "公開中のたよりのため、公開ページにすぐ反映されています。"
    : "このたよりは公開していないため、公開ページには表示されません。";
  return {
    triaged: `分類と担当課を保存しました。${publicNow}`,
    step: `対応の記録を追加しました。投稿者へのお知らせのメールを送信予定の一覧に用意しました。${publicNow}`,
    "step-unmailed": `対応の記録を追加しました。投稿者の連絡先は削除済みのため、お知らせのメールは送りません。${publicNow}`,
    "step-nomail": `対応の記録を追加しました。${
      l.source === "meeting"
        ? "市長と語ろう会の提案で投稿者がいないため、お知らせのメールはありません。"
        : "投稿者は連絡を希望していないため、お知らせのメールは送りません。"
    }${publicNow}`,
    saved: live
      ? "公開用の文章を保存しました。公開中のため、公開ページはすでにこの文章に変わっています。"
      : "公開用の文章を保存しました（まだ公開していません。公開ページには表示されません）。",
    published: live
      ? "公開しました。公開ページに表示されています。"
      : "公開にしました。市長と語ろう会の記録が公開されると、公開ページに表示されます。",
    unpublished: "公開をやめました。公開ページには表示されなくなりました。",
  } satisfies Record<string, string>;
}

/** The section of the page each form is in, to come back to after it is sent (its id). */
export const LETTER_SECTIONS: Record<LetterForm, string> = {
  triage: "letter-triage",
  step: "letter-steps",
  public: "letter-public",
};

/** Which form's section shows a notice of what was just done. */
const DONE_FORMS: Record<keyof ReturnType<typeof doneMessages>, LetterForm> = {
  triaged: "triage",
  step: "step",
  "step-unmailed": "step",
  "step-nomail": "step",
  saved: "public",
  published: "public",
  unpublished: "public",
};

/** Where it came from: a town meeting's proposal is not a letter to the mayor. */
export const letterKindTitle = (l: { source: string }) =>
  l.source === "meeting" ? "市長と語ろう会の提案" : "市長へのたより";

export const ManageLetterPage: FC<ManageLetterProps> = ({
  code,
  view,
  sections,
  csrf,
  mayTriage,
  mayStep,
  done,
  errors,
  submitted,
}) => {
  const l = view.letter;
  const base = `/${code}/manage/letters/${l.receiptNumber}`;
  const errorsOf = (form: LetterForm) => (errors?.form === form ? errors.details : undefined);
  const s = (name: string, fallback: string) => {
    const v = submitted?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const pickedNodes = Array.isArray(submitted?.nodes)
    ? submitted.nodes
    : typeof submitted?.nodes === "string"
      ? [submitted.nodes]
      : view.nodes.map((n) => n.code);
  const next = allowedSteps(l.status, l.kind);
  const td = errorsOf("triage");
  const sd = errorsOf("step");
  const pd = errorsOf("public");
  const erased = isContactErased(l);
  // The notice goes in the section acted on: the redirect comes back to it (…#letter-steps), so
  // the page keeps its place and the notice is where the person is looking.
  const noticeIn = (form: LetterForm) =>
    done !== undefined && DONE_FORMS[done as keyof typeof DONE_FORMS] === form ? (
      <DoneNotice messages={doneMessages(l, view.publiclyVisible)} done={done} />
    ) : null;
  return (
    <>
      <h1>
        {letterKindTitle(l)} {l.receiptNumber}「{l.subject}」
      </h1>
      {errors ? (
        <ErrorSummary
          message={errors.message}
          details={errors.details}
          fields={[
            "kind",
            "category",
            "section",
            "dueDate",
            "nodes",
            "stepKind",
            "outcome",
            "reason",
            "reflectedNode",
            "reflectedFromFiscalYear",
            "publicComment",
            "publicSubject",
            "publicBody",
          ]}
        />
      ) : null}
      <h2>届いた内容（職員のみ）</h2>
      <dl>
        <dt>受付日</dt>
        <dd>{japaneseDate(l.receivedAt)}</dd>
        <dt>種類・分野</dt>
        <dd>
          {KIND_LABELS[l.kind]}・{categoryLabel(l.category)}
        </dd>
        {l.source === "meeting" ? (
          <>
            <dt>出された場</dt>
            <dd>
              {/* The meeting's page is for planners (who triage). */}
              {mayTriage ? (
                <a href={`/${code}/manage/meetings/${l.meetingId}`}>市長と語ろう会の記録</a>
              ) : (
                "市長と語ろう会"
              )}
              （参加者の個人情報は記録しません）
            </dd>
          </>
        ) : (
          <>
            {erased ? (
              <>
                <dt>お名前・ご連絡先</dt>
                <dd>
                  {view.contactErasedAt
                    ? `連絡先は削除済み（${japaneseDate(view.contactErasedAt)}）`
                    : "連絡先は削除済み"}
                </dd>
              </>
            ) : (
              <>
                <dt>お名前</dt>
                <dd>{l.writerName}</dd>
                <dt>ご住所</dt>
                <dd>{l.writerAddress ?? "—"}</dd>
                <dt>電話番号</dt>
                <dd>{l.writerPhone ?? "—"}</dd>
                <dt>メールアドレス</dt>
                <dd>{l.writerEmail ?? "—"}</dd>
              </>
            )}
            <dt>内容の公表</dt>
            <dd>{l.consentPublish ? "同意あり" : "同意なし（公開できません）"}</dd>
            <dt>市からの連絡</dt>
            <dd>{l.consentContact ? "希望する" : "希望しない"}</dd>
          </>
        )}
        <dt>添付ファイル</dt>
        <dd>
          {view.files.length ? (
            <ul>
              {view.files.map((f) => (
                <li>
                  <a href={`${base}/attachments/${f.id}`}>{f.name}</a>（{f.contentType}、
                  {Math.ceil(f.size / 1024)}KB）
                </li>
              ))}
            </ul>
          ) : (
            "なし"
          )}
        </dd>
      </dl>
      <PlainText text={l.body} />

      {mayTriage ? (
        <section id={LETTER_SECTIONS.triage}>
          <TriageForm
            base={base}
            csrf={csrf}
            l={l}
            s={s}
            details={td}
            sections={sections}
            choices={view.choices}
            pickedNodes={pickedNodes}
            notice={noticeIn("triage")}
          />
        </section>
      ) : null}

      <section id={LETTER_SECTIONS.step}>
        <h2>対応の経過</h2>
        {noticeIn("step")}
        <Timeline code={code} steps={view.steps} linkNodes={false} />
        {mayStep && next.length ? (
          <StepForm
            base={base}
            csrf={csrf}
            l={l}
            s={s}
            details={sd}
            choices={view.choices}
            next={next}
            erased={erased}
          />
        ) : null}
      </section>

      {mayTriage ? (
        <section id={LETTER_SECTIONS.public}>
          <PublicVersionForm
            base={base}
            csrf={csrf}
            l={l}
            s={s}
            details={pd}
            notice={noticeIn("public")}
            submittedChoice={(key) => {
              for (let i = 0; typeof submitted?.[`redactKey.${i}`] === "string"; i++)
                if (submitted[`redactKey.${i}`] === key) {
                  const v = submitted[`redact.${i}`];
                  return typeof v === "string" ? v : undefined;
                }
              return undefined;
            }}
          />
        </section>
      ) : null}
    </>
  );
};
