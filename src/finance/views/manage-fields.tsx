/**
 * Pieces of the finance staff forms: an amount input inside a table cell (labelled for screen
 * readers, its error below it), and the 409 page of a stale form.
 */
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { StaffEnv } from "../../accounts/index.ts";
import type { ErrorDetail } from "../../core/errors.ts";
import type { FieldChange } from "../../core/field-changes.ts";
import { type FormBody, formText } from "../../core/forms.ts";
import { municipalityOf } from "../../core/http/tenant.ts";
import { ConflictPage } from "../../core/views/conflict-page.tsx";
import { errorAria, FieldError } from "../../core/views/form.tsx";
import { Layout } from "../../core/views/layout.tsx";

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

/** The fields whose typed text differs from the saved one, as the conflict page lists them. */
function conflictRows(
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

/**
 * A stale finance form (409): the shared conflict page with the fields that differ, posting the
 * typed fields again to the form's own address over the saved version.
 */
export const FinanceConflict: FC<{
  subject: string;
  labels: [name: string, label: string][];
  typed: Record<string, string>;
  /** The saved fields (empty when nothing is saved any more). */
  saved: Record<string, string>;
  version: number;
  /** The form's address: where it is reopened and where the overwrite is posted. */
  path: string;
  csrf: string;
}> = (p) => (
  <ConflictPage
    subject={p.subject}
    changes={conflictRows(p.labels, p.typed, p.saved)}
    editPath={p.path}
    csrf={p.csrf}
    basis={[["version", String(p.version)]]}
    submitted={Object.entries(p.typed).filter(([name]) => name !== "_csrf" && name !== "version")}
  />
);

/** The answer to a stale finance form: the conflict page, 409. */
export function financeConflict(
  c: Context<StaffEnv>,
  p: Omit<Parameters<typeof FinanceConflict>[0], "csrf">,
) {
  return c.html(
    <Layout title="ほかの人が先に保存しました" municipality={municipalityOf(c)}>
      <FinanceConflict {...p} csrf={c.get("staff").csrfToken} />
    </Layout>,
    409,
  );
}

/** A submitted form's fields as text, to show again. */
export const typedOf = (form: FormBody) =>
  Object.fromEntries(Object.entries(form).map(([k, v]) => [k, formText(v)]));
