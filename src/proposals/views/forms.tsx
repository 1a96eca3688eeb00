/**
 * Staff proposals (職員提案制度): the submission form and the committee's criteria form, and what
 * the proposal pages' forms share (a form's errors, the submitted values and reading them back).
 * Staff pages only: nothing here is public.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { SectionChoices } from "../../core/views/fields.tsx";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import { japaneseDate } from "../../letters/index.ts";
import { type Criterion, PROPOSAL_LIMITS, SCORE_MAX, SCORE_MIN } from "../rules.ts";

export type Section = { code: string; name: string };
export type Errors = { form: string; message: string; details: ErrorDetail[] };
export type Submitted = Record<string, string | string[]>;

export const textOf = (submitted: Submitted | undefined) => (k: string, d: string) => {
  const v = submitted?.[k];
  return typeof v === "string" ? v : d;
};

const FORM_FIELDS = [
  "title",
  "problem",
  "proposal",
  "expectedEffect",
  "expectedHours",
  "expectedYen",
  "sections",
  "applicant",
  "groupName",
  "memberNames",
];

/** A saved draft the form resumes: its fields as typed, and the version it is at. */
export interface DraftValues {
  id: number;
  version: number;
  updatedAt: Date;
  fields: Submitted;
}

export const ProposalFormPage: FC<{
  code: string;
  sections: Section[];
  csrf: string;
  errors?: Errors;
  submitted?: Submitted;
  draft?: DraftValues;
  done?: string;
}> = ({ code, sections, csrf, errors, submitted: typed, draft, done }) => {
  const d = errors?.details;
  const submitted = typed ?? draft?.fields;
  const s = textOf(submitted);
  const picked = Array.isArray(submitted?.sections)
    ? submitted.sections
    : typeof submitted?.sections === "string"
      ? [submitted.sections]
      : [];
  const applicant = s("applicant", "individual");
  return (
    <>
      <h1>{draft ? "職員提案の下書き" : "職員提案を出す"}</h1>
      <DoneNotice
        messages={{
          draft:
            "下書きを保存しました。自分だけが見られます。提出するまで審査されず、提案数にも数えません。",
        }}
        done={done}
      />
      {errors ? (
        <ErrorSummary message={errors.message} details={errors.details} fields={FORM_FIELDS} />
      ) : null}
      <p class="hint">
        途中までの内容は「下書きとして保存」で残せます（空欄があってもかまいません）。「提案を出す」ときに、すべての項目をまとめて確かめます。
        {draft ? `この下書きは${japaneseDate(draft.updatedAt)}に保存したものです。` : ""}
      </p>
      <form
        method="post"
        action={
          draft ? `/${code}/manage/proposals/drafts/${draft.id}` : `/${code}/manage/proposals/new`
        }
        class="stack"
      >
        <CsrfField token={csrf} />
        {draft ? <input type="hidden" name="version" value={String(draft.version)} /> : null}
        <div>
          <label for="title">提案の名称</label>
          <input
            type="text"
            id="title"
            name="title"
            maxlength={PROPOSAL_LIMITS.title}
            value={s("title", "")}
            {...errorAria("title", d)}
          />
          <FieldError field="title" details={d} />
        </div>
        <div>
          <label for="problem">現状の問題点</label>
          <textarea
            id="problem"
            name="problem"
            rows={5}
            maxlength={PROPOSAL_LIMITS.text}
            {...errorAria("problem", d)}
          >
            {s("problem", "")}
          </textarea>
          <FieldError field="problem" details={d} />
        </div>
        <div>
          <label for="proposal">提案の内容</label>
          <textarea
            id="proposal"
            name="proposal"
            rows={8}
            maxlength={PROPOSAL_LIMITS.text}
            {...errorAria("proposal", d)}
          >
            {s("proposal", "")}
          </textarea>
          <FieldError field="proposal" details={d} />
        </div>
        <div>
          <label for="expectedEffect">期待される効果</label>
          <textarea
            id="expectedEffect"
            name="expectedEffect"
            rows={4}
            maxlength={PROPOSAL_LIMITS.effect}
            {...errorAria("expectedEffect", d)}
          >
            {s("expectedEffect", "")}
          </textarea>
          <FieldError field="expectedEffect" details={d} />
        </div>
        <div>
          <label for="expectedHours">削減できる時間（年間・時間、任意）</label>
          <input
            type="text"
            inputmode="numeric"
            id="expectedHours"
            name="expectedHours"
            value={s("expectedHours", "")}
            {...errorAria("expectedHours", d)}
          />
          <FieldError field="expectedHours" details={d} />
        </div>
        <div>
          <label for="expectedYen">削減できる金額（年間・円、任意）</label>
          <input
            type="text"
            inputmode="numeric"
            id="expectedYen"
            name="expectedYen"
            value={s("expectedYen", "")}
            {...errorAria("expectedYen", d)}
          />
          <FieldError field="expectedYen" details={d} />
        </div>
        <SectionChoices
          sections={sections}
          picked={picked}
          details={d}
          legend="関係する課（複数可）"
        />
        <fieldset class="stack">
          <legend>提案者</legend>
          <FieldError field="applicant" details={d} />
          <div>
            <input
              type="radio"
              id="applicant-individual"
              name="applicant"
              value="individual"
              checked={applicant === "individual"}
            />
            <label for="applicant-individual">個人で提案する</label>
          </div>
          <div>
            <input
              type="radio"
              id="applicant-group"
              name="applicant"
              value="group"
              checked={applicant === "group"}
            />
            <label for="applicant-group">グループで提案する</label>
          </div>
          <div>
            <label for="groupName">グループ名（グループのとき）</label>
            <input
              type="text"
              id="groupName"
              name="groupName"
              maxlength={PROPOSAL_LIMITS.groupName}
              value={s("groupName", "")}
              {...errorAria("groupName", d)}
            />
            <FieldError field="groupName" details={d} />
          </div>
          <div>
            <label for="memberNames">メンバーの氏名（グループのとき、1行に1人）</label>
            <textarea
              id="memberNames"
              name="memberNames"
              rows={4}
              maxlength={PROPOSAL_LIMITS.members}
              {...errorAria("memberNames", d)}
            >
              {s("memberNames", "")}
            </textarea>
            <FieldError field="memberNames" details={d} />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" name="action" value="submit">
            提案を出す
          </button>
          <button type="submit" name="action" value="draft" formnovalidate class="secondary">
            下書きとして保存
          </button>
        </div>
      </form>
    </>
  );
};

export const CriteriaPage: FC<{
  code: string;
  criteria: Criterion[];
  csrf: string;
  done?: boolean;
  errors?: Errors;
}> = ({ code, criteria, csrf, done, errors }) => {
  const rows = [
    ...criteria,
    ...Array.from(
      { length: Math.max(0, Math.min(3, PROPOSAL_LIMITS.criteria - criteria.length)) },
      () => ({
        name: "",
        description: null,
      }),
    ),
  ];
  return (
    <>
      <h1>職員提案の審査の観点</h1>
      {done ? (
        <p class="notice" role="status">
          審査の観点を保存しました。
        </p>
      ) : null}
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <p>
        審査会の委員は、観点ごとに{SCORE_MIN}〜{SCORE_MAX}
        点で採点します。名前を空にした行は削除されます（すでに付けた点数は、その観点の名前のまま残ります）。
      </p>
      <form method="post" action={`/${code}/manage/proposals/criteria`} class="stack">
        <CsrfField token={csrf} />
        {rows.map((c, i) => (
          <fieldset class="stack">
            <legend>観点 {i + 1}</legend>
            <div>
              <label for={`name${i}`}>名前</label>
              <input
                type="text"
                id={`name${i}`}
                name={`name${i}`}
                maxlength={PROPOSAL_LIMITS.criterion}
                value={c.name}
              />
            </div>
            <div>
              <label for={`description${i}`}>説明（任意）</label>
              <input
                type="text"
                id={`description${i}`}
                name={`description${i}`}
                maxlength={PROPOSAL_LIMITS.criterionDescription}
                value={c.description ?? ""}
              />
            </div>
          </fieldset>
        ))}
        <div class="actions">
          <button type="submit">審査の観点を保存する</button>
        </div>
      </form>
    </>
  );
};
