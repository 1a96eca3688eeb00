/**
 * The registry as the public pages and files show it: each indicator's 担当課 are the sections
 * that report it (owners.ts: those named for it, else those of the plan's nodes it measures), the
 * same the staff pages name, so a citizen and a member of staff read the same section.
 *
 * Computed once per version of the municipality's indicators and shared by every page and the
 * API (treat it as read-only). A publish of values brings it up to date without reading the
 * owners again: values do not move owners, and the indicators it did not change keep their
 * objects, so what is kept per record (a rendered table row) stays valid.
 */
import { feedOf } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { listSections } from "../municipalities/index.ts";
import { ownersInMunicipality } from "./owners.ts";
import { loadRegistry } from "./queries.ts";

type Registry = Awaited<ReturnType<typeof loadRegistry>>;
type Located = Registry["located"][number];
type Owners = Awaited<ReturnType<typeof ownersInMunicipality>>;
type SectionKind = Awaited<ReturnType<typeof listSections>>[number]["kind"];

/** An indicator's record with its reporting sections. */
function withSections(l: Located, owners: Owners, kinds: Map<string, SectionKind>) {
  return {
    ...l,
    record: {
      ...l.record,
      sections: (owners.get(l.record.id) ?? []).map((o) => ({
        code: o.code,
        name: o.name,
        kind: kinds.get(o.code) ?? ("section" as const),
      })),
    },
  };
}

interface Memo {
  registry: Omit<Registry, "located"> & { located: ReturnType<typeof withSections>[] };
  owners: Owners;
  kinds: Map<string, SectionKind>;
}

export async function loadPublicRegistry(db: Db, mc: string) {
  const compute = async (): Promise<Memo> => {
    const [registry, owners, sections] = await Promise.all([
      loadRegistry(db, mc),
      ownersInMunicipality(db, mc),
      listSections(db, mc),
    ]);
    const kinds = new Map(sections.map((s) => [s.code, s.kind]));
    return {
      registry: {
        ...registry,
        located: registry.located.map((l) => withSections(l, owners, kinds)),
      },
      owners,
      kinds,
    };
  };
  // Published values of `ids` changed: those records again (from the registry, patched the same
  // way), every other one as it was.
  const patch = async (old: Memo, ids: ReadonlySet<number>): Promise<Memo> => {
    const registry = await loadRegistry(db, mc);
    const before = new Map(old.registry.located.map((l) => [l.record.id, l]));
    const located = registry.located.map((l) => {
      const kept = before.get(l.record.id);
      return kept && !ids.has(l.record.id) ? kept : withSections(l, old.owners, old.kinds);
    });
    return { ...old, registry: { ...registry, located } };
  };
  const memo = await feedOf(db).memo(mc, "public-registry", compute, {
    topics: ["indicators"],
    patch,
  });
  return memo.registry;
}
