/** Staff accounts, sessions, roles and personal API tokens: what other domains may use. */
export { listUsers } from "./actions.ts";
export { staffContext, tokenContext } from "./context.ts";
export {
  bearerToken,
  checkedUpload,
  managePath,
  type StaffEnv,
  type TokenEnv,
} from "./middleware.ts";
export {
  assertMay,
  definePermissions,
  forbiddenFor,
  may,
  type Permission,
  permissions,
  permit,
  refusal,
} from "./permissions.ts";
export { hasRole, mayUpdateFor, type Principal, ROLE_LABELS } from "./rules.ts";

import { changeRole } from "./actions.ts";
import { signOut, signOutEverywhere } from "./sessions.ts";
import { createToken, revokeToken } from "./tokens.ts";

/** The writes a signed-in person takes on their own account, and an admin's change of a role. */
export const actions = { changeRole, createToken, revokeToken, signOut, signOutEverywhere };
