/** The municipality's people as pages name them: 「表示名（課名）」 by user id (core/people.ts). */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { personTitle } from "../core/people.ts";
import { sections } from "../municipalities/schema.ts";
import { membershipSections, memberships, users } from "./schema.ts";

/** Every member (also a disabled one: records still name them) by user id. */
export function peopleOf(db: Db, municipality: string): Promise<Map<number, string>> {
  return withTenant(db, municipality, (tx) => peopleIn(tx, municipality));
}

/** peopleOf inside a transaction already bound to the municipality. */
export async function peopleIn(tx: Tx, municipality: string): Promise<Map<number, string>> {
  const rows = await tx
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      section: sections.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      membershipSections,
      and(
        eq(membershipSections.userId, memberships.userId),
        eq(membershipSections.municipalityCode, municipality),
      ),
    )
    .leftJoin(sections, eq(sections.id, membershipSections.sectionId))
    .where(eq(memberships.municipalityCode, municipality))
    .orderBy(users.id, sections.code);
  const byId = new Map<number, { displayName: string; email: string; sections: string[] }>();
  for (const r of rows) {
    const p = byId.get(r.userId) ?? { displayName: r.displayName, email: r.email, sections: [] };
    if (r.section) p.sections.push(r.section);
    byId.set(r.userId, p);
  }
  return new Map([...byId].map(([id, p]) => [id, personTitle(p)]));
}
