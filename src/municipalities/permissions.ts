/**
 * Municipalities have no staff action: a municipality is added by the platform's operator
 * (`shisaku municipality add`, actions.ts) and its sections by the plan import.
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("municipalities", {});
