/**
 * The registry as the public pages and files show it: each indicator's 担当課 are the sections
 * that report it (owners.ts: those named for it, else those of the plan's nodes it measures), the
 * same the staff pages name, so a citizen and a member of staff read the same section.
 */
import type { Db } from "../core/db/client.ts";
import { listSections } from "../municipalities/index.ts";
import { ownersInMunicipality } from "./owners.ts";
import { loadRegistry } from "./queries.ts";

export async function loadPublicRegistry(db: Db, mc: string) {
  const [registry, owners, sections] = await Promise.all([
    loadRegistry(db, mc),
    ownersInMunicipality(db, mc),
    listSections(db, mc),
  ]);
  const kinds = new Map(sections.map((s) => [s.code, s.kind]));
  return {
    ...registry,
    located: registry.located.map((l) => ({
      ...l,
      record: {
        ...l.record,
        sections: (owners.get(l.record.id) ?? []).map((o) => ({
          code: o.code,
          name: o.name,
          kind: kinds.get(o.code) ?? ("section" as const),
        })),
      },
    })),
  };
}
