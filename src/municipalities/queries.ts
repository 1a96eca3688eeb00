import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import { municipalities, sections } from "./schema.ts";

export type Municipality = typeof municipalities.$inferSelect;
export interface SectionRef {
  code: string;
  name: string;
  kind: "section" | "group";
}

/** The public directory of municipalities. */
export function listMunicipalities(db: Db) {
  return withoutTenant(db, (tx) =>
    tx.select().from(municipalities).orderBy(asc(municipalities.code)),
  );
}

export function findMunicipality(db: Db, code: string): Promise<Municipality | undefined> {
  return withoutTenant(db, async (tx) => {
    const [row] = await tx.select().from(municipalities).where(eq(municipalities.code, code));
    return row;
  });
}

export function listSections(db: Db, municipalityCode: string) {
  return withTenant(db, municipalityCode, (tx) =>
    tx
      .select()
      .from(sections)
      .where(eq(sections.municipalityCode, municipalityCode))
      .orderBy(asc(sections.position), asc(sections.code)),
  );
}
