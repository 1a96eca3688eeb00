import { findMunicipality } from "../../municipalities/queries.ts";
import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";

/** The municipality a URL names; an unknown code is a 404, whatever the route. */
export async function requireMunicipality(db: Db, code: string) {
  const m = /^\d{6}$/.test(code) ? await findMunicipality(db, code) : undefined;
  if (!m) throw notFound(`団体コード ${code} の団体`);
  return m;
}
