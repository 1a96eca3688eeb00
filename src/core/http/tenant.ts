import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client.ts";
import { withoutTenant } from "../db/tenant.ts";
import { municipalities } from "../db/tenant-schema.ts";
import { notFound } from "../errors.ts";

export type Municipality = typeof municipalities.$inferSelect;

/** The municipality a code names, or undefined (a code that is not six digits names none). */
export function findMunicipality(db: Db, code: string): Promise<Municipality | undefined> {
  if (!/^\d{6}$/.test(code)) return Promise.resolve(undefined);
  return withoutTenant(db, async (tx) => {
    const [row] = await tx.select().from(municipalities).where(eq(municipalities.code, code));
    return row;
  });
}

/** The municipality a URL names; an unknown code is a 404, whatever the route. */
export async function requireMunicipality(db: Db, code: string) {
  const m = await findMunicipality(db, code);
  if (!m) throw notFound(`団体コード ${code} の団体`);
  return m;
}

export type TenantEnv = { Variables: { municipality: Municipality } };

/**
 * Every page under /{code} and every API path under /municipalities/{code}: the municipality is
 * resolved once, here, for the route to read with `municipalityOf(c)`; an unknown code is a 404.
 */
export function municipalityContext(
  db: Db,
  opts: { malformed?: "not found" | "to the route" } = {},
): MiddlewareHandler<TenantEnv> {
  return async function municipalityContext(c, next) {
    const code = c.req.param("code") ?? "";
    // The API's routes answer a malformed code themselves (400, from their parameter schema).
    if (opts.malformed === "to the route" && !/^\d{6}$/.test(code)) return next();
    c.set("municipality", await requireMunicipality(db, code));
    await next();
  };
}

/** The municipality of the request, resolved by `municipalityContext`. */
export function municipalityOf(c: Context): Municipality {
  const m = c.get("municipality") as Municipality | undefined;
  if (!m) throw new Error(`${c.req.path}: the route is outside the municipality's path`);
  return m;
}
