import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import { findMunicipality, type Municipality } from "../core/http/tenant.ts";

export { findMunicipality, type Municipality };

import { municipalities, sections } from "./schema.ts";

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

export function listSections(db: Db, municipalityCode: string) {
  return withTenant(db, municipalityCode, (tx) => listSectionsIn(tx, municipalityCode));
}

/** A municipality's sections in printed order (inside a tenant transaction). */
export function listSectionsIn(tx: Tx, municipalityCode: string) {
  return tx
    .select()
    .from(sections)
    .where(eq(sections.municipalityCode, municipalityCode))
    .orderBy(asc(sections.position), asc(sections.code));
}

/**
 * The ids of a municipality's sections by code (inside a tenant transaction): those of `codes`,
 * or all of them.
 */
export async function sectionIdsByCode(tx: Tx, municipalityCode: string, codes?: string[]) {
  const rows =
    codes?.length === 0
      ? []
      : await tx
          .select({ id: sections.id, code: sections.code })
          .from(sections)
          .where(
            codes
              ? and(eq(sections.municipalityCode, municipalityCode), inArray(sections.code, codes))
              : eq(sections.municipalityCode, municipalityCode),
          );
  return new Map(rows.map((s) => [s.code, s.id]));
}
