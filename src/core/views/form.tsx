/** Form pieces shared by every staff page: the CSRF field, the error summary, a field's error. */
import type { Child, FC } from "hono/jsx";
import type { ErrorDetail } from "../errors.ts";

export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);

/**
 * The list of what is wrong, at the top of the form (GOV.UK / デジタル庁 pattern): announced to
 * screen readers and focused when the page opens. A form's errors (`details`) each link to their
 * field; a file's or a table's errors (`lines`, e.g. 「3行目 B列：…」) have no field to link to
 * and are listed as described. `children` follow the list (a note, what was not saved).
 */
export const ErrorSummary: FC<{
  message: string;
  details?: ErrorDetail[];
  fields?: string[];
  lines?: string[];
  children?: Child;
}> = ({ message, details = [], fields = [], lines = [], children }) => (
  <div class="error-summary" role="alert" tabindex={-1} autofocus>
    <h2>{message}</h2>
    {details.length || lines.length ? (
      <ul>
        {details.map((d) => (
          <li>
            {fields.includes(d.location) ? (
              <a href={`#${d.location}`}>{d.message}</a>
            ) : (
              `${d.location}: ${d.message}`
            )}
          </li>
        ))}
        {lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    ) : null}
    {children}
  </div>
);

/** The error of one field, referenced by the input's aria-describedby. */
export const FieldError: FC<{ field: string; details?: ErrorDetail[] }> = ({ field, details }) => {
  const d = details?.find((x) => x.location === field);
  return d ? (
    <p class="field-error" id={`${field}-error`}>
      {d.message}
    </p>
  ) : null;
};

/** aria attributes for an input whose field may have an error. */
export function errorAria(field: string, details?: ErrorDetail[], hint?: string) {
  const invalid = details?.some((x) => x.location === field) ?? false;
  const describedBy = [hint, invalid ? `${field}-error` : undefined].filter(Boolean).join(" ");
  return {
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

/** What a redirect after a POST reports (`?done=…`), announced as a status; nothing otherwise. */
export const DoneNotice: FC<{ messages: Record<string, string>; done?: string }> = ({
  messages,
  done,
}) =>
  done && messages[done] ? (
    <p class="notice" role="status">
      {messages[done]}
    </p>
  ) : null;
