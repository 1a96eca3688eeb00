/** Municipalities (tenants) and their section registry: what other domains may use. */
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
