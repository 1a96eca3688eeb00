/**
 * Permissions: every domain declares, in its own permissions.ts, the least role each of its
 * actions needs (a table of action → role; roles are cumulative, rules.ts). The routes check an
 * action with `permit` (middleware) or `assertMay`; the tests read the same tables.
 */
import type { MiddlewareHandler } from "hono";
import { AppError } from "../core/errors.ts";
import { forbidden } from "../core/outcome.ts";
import type { StaffEnv } from "./middleware.ts";
import { hasRole, ROLE_LABELS } from "./rules.ts";
import type { Role } from "./schema.ts";

/** One action a person may or may not take: its name, its least role and what it is called. */
export interface Permission {
  readonly domain: string;
  readonly action: string;
  readonly role: Role;
  /** What the action is called in the refusal, e.g. 「評価の段階の設定」 (default 「この操作」). */
  readonly what?: string;
}

type Grant = Role | { role: Role; what: string };

/**
 * A domain's table of actions and the least role each needs, e.g.
 * `definePermissions("reporting", { manageRounds: { role: "planner", what: "報告の管理" } })`.
 */
export function definePermissions<const T extends Record<string, Grant>>(
  domain: string,
  table: T,
): { readonly [K in keyof T]: Permission } {
  return Object.fromEntries(
    Object.entries(table).map(([action, grant]) => [
      action,
      typeof grant === "string" ? { domain, action, role: grant } : { domain, action, ...grant },
    ]),
  ) as { [K in keyof T]: Permission };
}

/** May a person with this role take the action? */
export const may = (who: { role: Role }, permission: Permission) =>
  hasRole(who.role, permission.role);

/** The one refusal of an action a person's role does not allow (403). */
export function forbiddenFor(permission: Permission) {
  return new AppError(
    "forbidden",
    `${permission.what ?? "この操作"}は${ROLE_LABELS[permission.role]}（${permission.role}）以上の役割の方ができます`,
  );
}

/** Refuses (403) a person whose role does not allow the action. */
export function assertMay(who: { role: Role }, permission: Permission) {
  if (!may(who, permission)) throw forbiddenFor(permission);
}

/** Middleware on a staff route (after the manage path's session): refuses a person who may not. */
export function permit(permission: Permission): MiddlewareHandler<StaffEnv> {
  return async function permit(c, next) {
    assertMay(c.get("staff"), permission);
    await next();
  };
}

/** The accounts' own actions: every member manages their own API tokens; an admin, the roles. */
export const permissions = definePermissions("accounts", {
  createToken: { role: "viewer", what: "APIトークンの発行" },
  revokeToken: { role: "viewer", what: "APIトークンの取り消し" },
  changeRole: { role: "admin", what: "職員の役割の変更" },
});

/** An action's answer to a person whose role does not allow it (a forbidden Outcome), or undefined. */
export const refusal = (who: { role: Role }, permission: Permission) =>
  may(who, permission) ? undefined : forbidden(forbiddenFor(permission).message);
