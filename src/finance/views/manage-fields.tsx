/**
 * Pieces of the finance staff forms: an amount input inside a table cell (labelled for screen
 * readers, its error below it), and the 409 page showing what was typed beside what is saved.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
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

export interface ConflictRow {
  label: string;
  yours: string;
  current: string;
}

/** What a stale form would have changed, beside what another person saved meanwhile. */
export const FinanceConflict: FC<{ subject: string; rows: ConflictRow[]; reopen: string }> = ({
  subject,
  rows,
  reopen,
}) => (
  <>
    <h1>ほかの人が先に保存しました</h1>
    <p class="lead">
      {subject}
      は、このページを開いた後に変更されています。あなたの入力はまだ保存していません。
      違いを確かめてから、ページを開き直して入力し直してください。
    </p>
    <div class="table-wrap">
      <table>
        <caption>あなたの入力と現在の内容（違う項目）</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">あなたの入力</th>
            <th scope="col">現在の内容</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.yours || "（空欄）"}</td>
              <td>{r.current || "（空欄）"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <p>
      <a class="button" href={reopen}>
        現在の内容でページを開き直す
      </a>
    </p>
  </>
);

/** The rows of a conflict: every named field whose typed text differs from the saved one. */
export function conflictRows(
  labels: [name: string, label: string][],
  typed: Record<string, string>,
  saved: Record<string, string>,
): ConflictRow[] {
  const norm = (s: string | undefined) => (s ?? "").replace(/[,\s]/g, "");
  return labels
    .filter(([name]) => norm(typed[name]) !== norm(saved[name]))
    .map(([name, label]) => ({ label, yours: typed[name] ?? "", current: saved[name] ?? "" }));
}
