/**
 * The forms on the staff's page of one letter: triage (kind, category, section, due date and the
 * related plan nodes), recording a timeline step (with a proposal's outcome, reason and where it
 * is reflected), and the redacted public version with its save, publish and unpublish buttons.
 * Each posts with the letter's version, and shows its own field errors.
 */
import type { Child, FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DATE_HINT, dateFieldValue } from "../../core/fiscal-year.ts";
import { CheckChoices } from "../../core/views/fields.tsx";
import { CsrfField, errorAria, FieldError } from "../../core/views/form.tsx";
import type { StaffLetterView } from "../queries.ts";
import {
  describeFinding,
  type Finding,
  findingKey,
  findPersonalData,
  MASK,
  personalDataOf,
} from "../redaction.ts";
import {
  type allowedSteps,
  CATEGORIES,
  KIND_LABELS,
  LIMITS,
  MAX_COMMENT,
  OUTCOME_LABELS,
  STEP_LABELS,
} from "../rules.ts";
import { LETTER_KINDS, OUTCOMES } from "../schema.ts";

type Section = { code: string; name: string };

/** What every form of the page gets: where it posts, the letter, and the submitted values. */
interface FormProps {
  base: string;
  csrf: string;
  l: StaffLetterView["letter"];
  /** The submitted value of a field, else the fallback. */
  s: (name: string, fallback: string) => string;
  details: ErrorDetail[] | undefined;
  /** What was just done with this form, shown under its heading. */
  notice?: Child;
}

/** Triage: classify the letter, relate it to plan nodes, assign a section and a due date. */
export const TriageForm: FC<
  FormProps & { sections: Section[]; choices: StaffLetterView["choices"]; pickedNodes: string[] }
> = ({ base, csrf, l, s, details: td, sections, choices, pickedNodes, notice }) => (
  <>
    <h2>分類と担当課</h2>
    {notice}
    <form method="post" action={`${base}/triage`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(l.version)} />
      <div>
        <label for="kind">種類</label>
        <select id="kind" name="kind" {...errorAria("kind", td)}>
          {LETTER_KINDS.map((k) => (
            <option value={k} selected={s("kind", l.kind) === k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError field="kind" details={td} />
      </div>
      <div>
        <label for="category">分野</label>
        <select id="category" name="category" {...errorAria("category", td)}>
          {Object.entries(CATEGORIES).map(([k, label]) => (
            <option value={k} selected={s("category", l.category) === k}>
              {label}
            </option>
          ))}
        </select>
        <FieldError field="category" details={td} />
      </div>
      <div>
        <label for="section">担当課</label>
        <select id="section" name="section" {...errorAria("section", td)}>
          <option value="">未定</option>
          {sections.map((x) => (
            <option value={x.code} selected={s("section", l.sectionCode ?? "") === x.code}>
              {x.name}
            </option>
          ))}
        </select>
        <FieldError field="section" details={td} />
      </div>
      <div>
        <label for="dueDate">回答期限（任意）</label>
        <p class="hint" id="dueDate-hint">
          {DATE_HINT}
        </p>
        <input
          type="text"
          id="dueDate"
          name="dueDate"
          autocomplete="off"
          value={s("dueDate", dateFieldValue(l.dueDate))}
          {...errorAria("dueDate", td, "dueDate-hint")}
        />
        <FieldError field="dueDate" details={td} />
      </div>
      <CheckChoices
        name="nodes"
        legend="関連する施策・取組（任意・複数可）"
        choices={choices.map((n) => ({ value: n.code, label: `${n.code} ${n.title}` }))}
        picked={pickedNodes}
        details={td}
      />
      <div class="actions">
        <button type="submit">分類と担当課を保存する</button>
      </div>
    </form>
  </>
);

/** Records the next step of the timeline (the writer is told when they asked to be). */
export const StepForm: FC<
  FormProps & {
    choices: StaffLetterView["choices"];
    next: ReturnType<typeof allowedSteps>;
    erased: boolean;
  }
> = ({ base, csrf, l, s, details: sd, choices, next, erased }) => (
  <>
    <h2>対応を記録する</h2>
    <p>
      記録した内容（コメント・結果・理由）は、投稿者の状況確認ページと、公開中のたよりに表示されます。
      {erased ? "投稿者の連絡先は削除済みのため、お知らせのメールは送りません。" : null}
    </p>
    <form method="post" action={`${base}/steps`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(l.version)} />
      <div>
        <label for="stepKind">段階</label>
        <select id="stepKind" name="stepKind" {...errorAria("stepKind", sd)}>
          {next.map((k) => (
            <option value={k} selected={s("stepKind", "") === k}>
              {STEP_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError field="stepKind" details={sd} />
      </div>
      {l.kind === "proposal" ? (
        <fieldset class="stack">
          <legend>提案の結果（段階が「提案の結果」のとき）</legend>
          <div>
            <label for="outcome">結果</label>
            <select id="outcome" name="outcome" {...errorAria("outcome", sd)}>
              <option value="">—</option>
              {OUTCOMES.map((o) => (
                <option value={o} selected={s("outcome", "") === o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
            <FieldError field="outcome" details={sd} />
          </div>
          <div>
            <label for="reflectedNode">反映先の取組・事務事業（採用・一部採用のとき）</label>
            <select id="reflectedNode" name="reflectedNode" {...errorAria("reflectedNode", sd)}>
              <option value="">—</option>
              {choices
                .filter((n) => n.kind === "initiative" || n.kind === "program")
                .map((n) => (
                  <option value={n.code} selected={s("reflectedNode", "") === n.code}>
                    {n.code} {n.title}
                  </option>
                ))}
            </select>
            <FieldError field="reflectedNode" details={sd} />
          </div>
          <div>
            <label for="reflectedFromFiscalYear">反映する年度（西暦、任意）</label>
            <input
              type="text"
              inputmode="numeric"
              id="reflectedFromFiscalYear"
              name="reflectedFromFiscalYear"
              value={s("reflectedFromFiscalYear", "")}
              {...errorAria("reflectedFromFiscalYear", sd)}
            />
            <FieldError field="reflectedFromFiscalYear" details={sd} />
          </div>
          <div>
            <label for="reason">理由（不採用・一部採用のときは必須、公開されます）</label>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxlength={MAX_COMMENT}
              {...errorAria("reason", sd)}
            >
              {s("reason", "")}
            </textarea>
            <FieldError field="reason" details={sd} />
          </div>
        </fieldset>
      ) : null}
      <div>
        <label for="publicComment">公開するコメント（回答のときは必須）</label>
        <textarea
          id="publicComment"
          name="publicComment"
          rows={5}
          maxlength={MAX_COMMENT}
          {...errorAria("publicComment", sd)}
        >
          {s("publicComment", "")}
        </textarea>
        <FieldError field="publicComment" details={sd} />
      </div>
      <div class="actions">
        <button type="submit">記録する</button>
      </div>
    </form>
  </>
);

/** The personal data found in the public text, each where it stands, to mask or keep. */
const Findings: FC<{
  texts: { label: string; text: string }[];
  l: StaffLetterView["letter"];
  submittedChoice: (key: string) => string | undefined;
}> = ({ texts, l, submittedChoice }) => {
  const who = personalDataOf(l);
  const seen = new Map<string, { f: Finding; label: string; text: string; times: number }>();
  for (const t of texts)
    for (const f of findPersonalData(t.text, who)) {
      const key = findingKey(f);
      const had = seen.get(key);
      if (had) had.times++;
      else seen.set(key, { f, label: t.label, text: t.text, times: 1 });
    }
  if (seen.size === 0) return null;
  const around = 20;
  return (
    <fieldset id="redaction">
      <legend>個人情報の確認（{seen.size}件）</legend>
      <p class="hint">
        公開用の文章に、個人が分かるかもしれない部分があります（黄色の部分）。それぞれ「{MASK}
        に置き換える」か「このまま載せる」を選んでから保存・公開してください。本文を直して伏せてもかまいません。
      </p>
      <ol class="stack">
        {[...seen.entries()].map(([key, { f, label, text, times }], i) => (
          <li>
            <fieldset>
              <legend>
                {describeFinding(f)}
                {f.source === "contact" ? "（投稿者の連絡先と同じ）" : ""}
              </legend>
              <p>
                {label}：{f.start > around ? "…" : ""}
                {text.slice(Math.max(0, f.start - around), f.start)}
                <mark>{f.text}</mark>
                {text.slice(f.end, f.end + around)}
                {f.end + around < text.length ? "…" : ""}
                {times > 1 ? `（ほか${times - 1}か所）` : ""}
              </p>
              <input type="hidden" name={`redactKey.${i}`} value={key} />
              <div class="radios">
                <label>
                  <input
                    type="radio"
                    name={`redact.${i}`}
                    value="mask"
                    checked={submittedChoice(key) === "mask"}
                  />
                  {MASK}に置き換える
                </label>
                <label>
                  <input
                    type="radio"
                    name={`redact.${i}`}
                    value="keep"
                    checked={submittedChoice(key) === "keep"}
                  />
                  このまま載せる（個人情報ではない、または本人の了解がある）
                </label>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
    </fieldset>
  );
};

/** The redacted public version: save, publish (with the writer's consent) or unpublish. */
export const PublicVersionForm: FC<
  FormProps & { submittedChoice: (key: string) => string | undefined }
> = ({ base, csrf, l, s, details: pd, notice, submittedChoice }) => {
  const subject = s("publicSubject", l.publicSubject ?? l.subject);
  const body = s("publicBody", l.publicBody ?? l.body);
  return (
    <>
      <h2>公開用の文章</h2>
      {notice}
      <p>
        {l.published ? "このたよりは公開中です。" : "このたよりは公開していません。"}
        {l.consentPublish
          ? "お名前・ご住所・電話番号・メールアドレスなど個人が分かる部分を伏せてから公開してください。"
          : "投稿者が公表に同意していないため、公開できません。"}
      </p>
      <form method="post" action={`${base}/public`} class="stack">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(l.version)} />
        <FieldError field="publish" details={pd} />
        <div>
          <label for="publicSubject">公開用の件名</label>
          <input
            type="text"
            id="publicSubject"
            name="publicSubject"
            maxlength={LIMITS.subject}
            value={subject}
            {...errorAria("publicSubject", pd)}
          />
          <FieldError field="publicSubject" details={pd} />
        </div>
        <div>
          <label for="publicBody">公開用の本文</label>
          <textarea
            id="publicBody"
            name="publicBody"
            rows={10}
            maxlength={LIMITS.body}
            {...errorAria("publicBody", pd)}
          >
            {body}
          </textarea>
          <FieldError field="publicBody" details={pd} />
        </div>
        <Findings
          texts={[
            { label: "件名", text: subject },
            { label: "本文", text: body },
          ]}
          l={l}
          submittedChoice={submittedChoice}
        />
        <div class="actions">
          <button type="submit" name="action" value="save">
            保存する
          </button>
          {l.consentPublish ? (
            <button type="submit" name="action" value="publish">
              保存して公開する
            </button>
          ) : null}
          {l.published ? (
            <button type="submit" name="action" value="unpublish">
              公開をやめる
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
};
