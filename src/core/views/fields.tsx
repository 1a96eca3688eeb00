/**
 * Labelled form fields for staff edit pages: a label, an optional hint, the input with its
 * error wired to aria-describedby, and the error text below. A field's name is its id.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../errors.ts";
import { type FormBody, formList, formText } from "../forms.ts";
import { errorAria, FieldError } from "./form.tsx";

interface FieldProps {
  name: string;
  label: string;
  value: string;
  details?: ErrorDetail[];
  hint?: string;
  required?: boolean;
}

export const TextField: FC<
  FieldProps & { multiline?: boolean; rows?: number; inputmode?: "decimal" | "numeric" }
> = ({ name, label, value, details, hint, required, multiline, rows, inputmode }) => {
  const hintId = hint ? `${name}-hint` : undefined;
  const attrs = { id: name, name, required, ...errorAria(name, details, hintId) };
  return (
    <div>
      <label for={name}>
        {label}
        {required ? "" : "（任意）"}
      </label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...attrs} rows={rows ?? 4}>
          {value}
        </textarea>
      ) : (
        <input {...attrs} type="text" inputmode={inputmode} autocomplete="off" value={value} />
      )}
      <FieldError field={name} details={details} />
    </div>
  );
};

export const CheckField: FC<{ name: string; label: string; checked: boolean }> = ({
  name,
  label,
  checked,
}) => (
  <div class="check">
    <input type="checkbox" id={name} name={name} checked={checked} />{" "}
    <label for={name}>{label}</label>
  </div>
);

/**
 * Check boxes for choosing several of a list, grouped under a legend: what a `<select multiple>`
 * would ask with Ctrl held, usable by keyboard, touch and screen reader alike. The fieldset
 * carries the field's name as its id, so the error summary's link lands on it.
 */
export const CheckChoices: FC<{
  name: string;
  legend: string;
  hint?: string;
  choices: { value: string; label: string }[];
  picked: string[];
  details?: ErrorDetail[];
}> = ({ name, legend, hint, choices, picked, details }) => {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset id={name} class="choices" {...errorAria(name, details, hintId)}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError field={name} details={details} />
      {choices.map((c) => (
        <div class="check">
          <input
            type="checkbox"
            id={`${name}-${c.value}`}
            name={name}
            value={c.value}
            checked={picked.includes(c.value)}
          />{" "}
          <label for={`${name}-${c.value}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
};

/** Check boxes for choosing several of a municipality's sections (担当課). */
export const SectionChoices: FC<{
  sections: { code: string; name: string }[];
  picked: string[];
  details?: ErrorDetail[];
  legend?: string;
}> = ({ sections, picked, details, legend = "担当課（任意・複数可）" }) => (
  <CheckChoices
    name="sections"
    legend={legend}
    choices={sections.map((s) => ({ value: s.code, label: s.name }))}
    picked={picked}
    details={details}
  />
);

/**
 * What the fields of a form show: what was typed when a submitted form comes back with errors,
 * else the saved values.
 */
export function shownValues(raw: FormBody | undefined) {
  return {
    text: (name: string, value: string | null) => (raw ? formText(raw[name]) : (value ?? "")),
    flag: (name: string, value: boolean) => (raw ? formText(raw[name]) === "on" : value),
    list: (name: string, value: string[]) => (raw ? formList(raw[name]) : value),
  };
}
