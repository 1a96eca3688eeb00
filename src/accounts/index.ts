/** Staff accounts, sessions, roles and personal API tokens: what other domains may use. */
export { listUsers } from "./actions.ts";
export {
  bearerToken,
  requireRole,
  type StaffEnv,
  staffSession,
  type TokenEnv,
} from "./middleware.ts";
export { hasRole, mayUpdateFor, type Principal, ROLE_LABELS } from "./rules.ts";
