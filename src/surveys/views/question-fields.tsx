/**
 * One question as form fields, for the public form and for staff keying in a paper form: radio
 * buttons, check boxes, a number or a text area in a fieldset whose legend is the question,
 * with its やさしい日本語 wording under it. Works without JavaScript and on narrow screens.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { FieldError } from "../../core/views/form.tsx";
import { type Answers, type Question, TEXT_LIMIT } from "../questionnaire.ts";

const Easy: FC<{ text?: string; id?: string }> = ({ text, id }) =>
  text ? (
    <span class="hint easy" id={id}>
      やさしい日本語: {text}
    </span>
  ) : null;

export const QuestionFields: FC<{
  q: Question;
  answers: Answers;
  details?: ErrorDetail[];
  /** A prefix of the ids (the paper form shows every section on one page). */
  idPrefix?: string;
}> = ({ q, answers, details, idPrefix = "" }) => {
  const id = `${idPrefix}${q.key}`;
  const invalid = details?.some((d) => d.location === q.key);
  const a = answers[q.key];
  const describedBy = [q.easy ? `${id}-easy` : "", invalid ? `${q.key}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const label = (
    <>
      {q.text}
      {q.required ? "（必須）" : ""}
    </>
  );
  if (q.kind === "numeric" || q.kind === "text")
    return (
      <div class="question" id={id}>
        <label for={`${id}-input`}>{label}</label>
        <Easy text={q.easy} id={`${id}-easy`} />
        <FieldError field={q.key} details={details} />
        {q.kind === "numeric" ? (
          <input
            type="text"
            inputmode="decimal"
            id={`${id}-input`}
            name={q.key}
            value={a === undefined ? "" : String(a)}
            aria-invalid={invalid ? "true" : undefined}
            aria-describedby={describedBy || undefined}
            autocomplete="off"
          />
        ) : (
          <textarea
            id={`${id}-input`}
            name={q.key}
            rows={5}
            maxlength={TEXT_LIMIT}
            aria-invalid={invalid ? "true" : undefined}
            aria-describedby={describedBy || undefined}
          >
            {typeof a === "string" ? a : ""}
          </textarea>
        )}
        {q.unit ? <span class="hint">単位: {q.unit}</span> : null}
      </div>
    );
  const multiple = q.kind === "multiple";
  const chosen = Array.isArray(a) ? a : typeof a === "string" ? [a] : [];
  return (
    <fieldset class="question choices" id={id} aria-describedby={describedBy || undefined}>
      <legend>
        {label}
        {multiple ? "（いくつでも）" : ""}
      </legend>
      <Easy text={q.easy} id={`${id}-easy`} />
      <FieldError field={q.key} details={details} />
      {(q.options ?? []).map((o) => (
        <div class="check">
          <input
            type={multiple ? "checkbox" : "radio"}
            id={`${id}-${o.key}`}
            name={q.key}
            value={o.key}
            checked={chosen.includes(o.key)}
          />{" "}
          <label for={`${id}-${o.key}`}>
            {o.text}
            {o.easy ? <span class="hint easy">（{o.easy}）</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
};
