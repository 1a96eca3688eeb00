/** Roles and sessions: the pure rules. */
import type { Role } from "./schema.ts";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "管理者",
  planner: "企画担当",
  editor: "入力担当",
  viewer: "閲覧者",
};

const RANK: Record<Role, number> = { viewer: 1, editor: 2, planner: 3, admin: 4 };

/** Roles are cumulative: a planner may do everything an editor may, an admin everything a planner may. */
export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/** Who is acting: a signed-in person or the owner of an API token, with the same rights. */
export interface Principal {
  userId: number;
  email: string;
  role: Role;
  /** The sections (codes) the person belongs to. */
  sectionCodes: string[];
}

/**
 * May this person update the records owned by these sections? An editor for their own
 * sections only; a planner or admin for every section; a viewer never.
 */
export function mayUpdateFor(who: Pick<Principal, "role" | "sectionCodes">, owners: string[]) {
  if (hasRole(who.role, "planner")) return true;
  if (!hasRole(who.role, "editor")) return false;
  return owners.some((code) => who.sectionCodes.includes(code));
}

/** The audit trail's name for a person. */
export const actorLabel = (who: Pick<Principal, "userId" | "email">) =>
  `user:${who.userId} ${who.email}`;

/** Idle expiry: a session unused this long ends. Absolute expiry: no session lives longer. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export function sessionAlive(s: { lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
  return (
    now.getTime() < s.expiresAt.getTime() &&
    now.getTime() - s.lastSeenAt.getTime() < SESSION_IDLE_MS
  );
}

/**
 * Use is recorded at most once a minute: a busy session would otherwise write on every request.
 * The idle expiry may run up to this much late, which is nothing against two hours.
 */
export const SESSION_TOUCH_MS = 60 * 1000;

export const sessionNeedsTouch = (lastSeenAt: Date, now: Date) =>
  now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_MS;

export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (email: string) => EMAIL.test(normalizeEmail(email));
