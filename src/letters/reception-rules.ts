/**
 * Whether a municipality receives letters through its public form: only when an admin has opened
 * the form and at least one staff member is assigned to receive the letters (no letter is sent
 * into a box nobody reads). The pure rule; the setting and the receivers are in reception.ts.
 */
import { hasRole, type Principal } from "../accounts/index.ts";

export type ReceptionState =
  | { open: true }
  /** Why the form is closed: an admin has not opened it, or nobody is assigned to receive. */
  | { open: false; reason: "closed" | "no_receiver" };

export function receptionState(s: { formOpen: boolean; receivers: number }): ReceptionState {
  if (!s.formOpen) return { open: false, reason: "closed" };
  if (s.receivers < 1) return { open: false, reason: "no_receiver" };
  return { open: true };
}

/** Who may receive letters: a member who may handle them (an editor or above; not a viewer). */
export const mayReceive = (who: Pick<Principal, "role">) => hasRole(who.role, "editor");

/** What the admin's page says about the state, in words. */
export const RECEPTION_REASONS: Record<"closed" | "no_receiver", string> = {
  closed: "受付を開始していないため、フォームは公開されていません。",
  no_receiver:
    "受付は開始していますが、たよりを受け取る職員が一人もいないため、フォームは公開されていません。受け取る職員を指定してください。",
};
