/**
 * What an edit changes, field by field: the diff a planner reads before publishing, and the
 * test of whether a submitted form changes anything at all. Pure.
 */

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

/** How one field of a record is named and shown. */
export type FieldSpec<F> = readonly [label: string, show: (fields: F) => string];

/** The fields that differ, in the order of `specs`, each shown as text. */
export function compareFields<F>(specs: readonly FieldSpec<F>[], before: F, after: F) {
  const changes: FieldChange[] = [];
  for (const [label, show] of specs) {
    const b = show(before);
    const a = show(after);
    if (a !== b) changes.push({ label, before: b, after: a });
  }
  return changes;
}

/** JSON with object keys sorted, so that equal records compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const sameFields = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Shows a flag as the plan prints it. */
export const yesNo = (flag: boolean) => (flag ? "該当" : "—");

/** Shows an optional text, a dash for nothing. */
export const orDash = (text: string | null | undefined) => (text ? text : "—");

/** The lines of a textarea: trimmed, blank ones dropped, CRLF or LF. */
export const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** The picked codes: those listed before keep their order, new ones follow in picked order. */
export const keepOrder = (before: readonly string[], picked: readonly string[]) => [
  ...before.filter((s) => picked.includes(s)),
  ...picked.filter((s) => !before.includes(s)),
];
