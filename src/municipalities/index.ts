/** Municipalities (tenants) and their section registry: what other domains may use. */

export { permissions } from "./permissions.ts";
export {
  findMunicipality,
  listMunicipalities,
  listSections,
  listSectionsIn,
  type Municipality,
  type SectionRef,
  sectionIdsByCode,
} from "./queries.ts";
export { saveMunicipality } from "./store.ts";

/** No write a person triggers: adding a municipality is the operator's (the CLI). */
export const actions = {};
