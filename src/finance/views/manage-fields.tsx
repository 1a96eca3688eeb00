/**
 * Pieces of the finance staff forms: an amount input inside a table cell (labelled for screen
 * readers, its error below it), and what a stale form would change, for the 409 page.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import type { FieldChange } from "../../core/field-changes.ts";
import { errorAria, FieldError } from "../../core/views/form.tsx";

/** An input in a table cell; `label` is its accessible name (row and column together). */
export const CellInput: FC<{
  name: string;
  label: string;
  value: string;
  details?: ErrorDetail[];
  size?: number;
}> = ({ name, label, value, details, size }) => (
  <>
    <input
      type="text"
      id={name}
      name={name}
      inputmode="numeric"
      autocomplete="off"
      aria-label={label}
      size={size ?? 16}
      value={value}
      {...errorAria(name, details)}
    />
    <FieldError field={name} details={details} />
  </>
);

/**
 * What a stale form would change (core/views/conflict-page.tsx): every named field whose typed
 * text differs from the saved one.
 */
export function conflictRows(
  labels: [name: string, label: string][],
  typed: Record<string, string>,
  saved: Record<string, string>,
): FieldChange[] {
  const norm = (s: string | undefined) => (s ?? "").replace(/[,\s]/g, "");
  const shown = (s: string | undefined) => s || "（空欄）";
  return labels
    .filter(([name]) => norm(typed[name]) !== norm(saved[name]))
    .map(([name, label]) => ({ label, after: shown(typed[name]), before: shown(saved[name]) }));
}

/** The typed fields to post again from the conflict page (without the token and the version). */
export const resubmitted = (typed: Record<string, string>): [string, string][] =>
  Object.entries(typed).filter(([name]) => name !== "_csrf" && name !== "version");
