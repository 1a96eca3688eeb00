/** The ActionContext (core/outcome.ts) of a staff page or of an API call made with a token. */
import type { Context } from "hono";
import type { Db } from "../core/db/client.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext } from "../core/outcome.ts";
import type { StaffEnv, TokenEnv } from "./middleware.ts";
import type { Principal } from "./rules.ts";
import type { SignedIn } from "./sessions.ts";

/** A signed-in person acting on a staff page of the municipality in the URL. */
export const staffContext = (db: Db, c: Context<StaffEnv>): ActionContext<SignedIn> => ({
  db,
  municipality: municipalityOf(c).code,
  who: c.get("staff"),
  actor: c.get("actor"),
});

/** The owner of a personal API token acting through the API. */
export const tokenContext = (db: Db, c: Context<TokenEnv>): ActionContext<Principal> => ({
  db,
  municipality: municipalityOf(c).code,
  who: c.get("principal"),
  actor: c.get("actor"),
});
