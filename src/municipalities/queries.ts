import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { municipalities, sections } from "./schema.ts";

export type Municipality = typeof municipalities.$inferSelect;
export interface SectionRef {
  code: string;
  name: string;
  kind: "section" | "group";
}

export function listMunicipalities(db: Db) {
  return db.select().from(municipalities).orderBy(asc(municipalities.code));
}

export async function findMunicipality(db: Db, code: string): Promise<Municipality | undefined> {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.code, code));
  return row;
}

export function listSections(db: Db, municipalityCode: string) {
  return db
    .select()
    .from(sections)
    .where(eq(sections.municipalityCode, municipalityCode))
    .orderBy(asc(sections.position), asc(sections.code));
}
