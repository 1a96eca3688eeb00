import { eq } from "drizzle-orm";
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
