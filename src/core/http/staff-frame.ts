/**
 * What every staff page shows around its content, whatever route (or error) renders it: the
 * staff navigation of the person's role and the names of the municipality's people. The staff
 * path's middleware (accounts) sets it once per request; the layout and `personName` read it
 * from the request being answered (Hono's context storage, installed by the app).
 */
import type { Context } from "hono";
import { tryGetContext } from "hono/context-storage";

export interface StaffLink {
  href: string;
  label: string;
}

export interface StaffFrame {
  /** The staff home, /{code}/manage/. */
  home: string;
  /** The staff pages the person's role may open, in the order of the staff home. */
  links: StaffLink[];
  /** The path being answered, to mark the page the person is on. */
  path: string;
  /** How the signed-in person is named, 「デモ入力担当（行革推進課）」. */
  who: string;
  /** The sign-out form of the header: where it posts and the person's CSRF token. */
  signOut: { action: string; csrf: string };
  /** Everyone of the municipality by user id: 「表示名（課名）」 (see accounts/people.ts). */
  people: ReadonlyMap<number, string>;
}

export type StaffFrameEnv = { Variables: { staffFrame: StaffFrame } };

/** The staff frame of a request (an error handler's), if a staff path set it. */
export const staffFrameOf = (c: Context): StaffFrame | undefined =>
  c.get("staffFrame") as StaffFrame | undefined;

/** The staff frame of the request being answered, if any (none outside a request). */
export function currentStaffFrame(): StaffFrame | undefined {
  const c = tryGetContext();
  return c ? staffFrameOf(c as Context) : undefined;
}
