/** Registries (台帳) that feed the indicators: what other domains may use. */
import { linkRegistryIndicator, setRegistryUse } from "./settings.ts";
import { addRecord, editRecord, retireRecord } from "./store.ts";

export {
  type FieldDef,
  isRegistryKey,
  REGISTRIES,
  REGISTRY_KEYS,
  type RegistryDef,
  type RegistryKey,
} from "./definitions.ts";
export { loadDemoRegistries } from "./demo.ts";
export { checkRecord, type RecordInput, readDay, SAMPLE_WORD, showField } from "./fields.ts";
export { computeYears, counted, floorAreaByYear } from "./formulas.ts";
export { permissions } from "./permissions.ts";
export { loadRecords, registryTotals } from "./queries.ts";
export { recomputeRegistries, recomputeRegistry } from "./recompute.ts";
export { offeredRegistries, readOffered, readRegistry, registryIn } from "./settings.ts";
export {
  insertRecords,
  type RecordWrite,
  readRecords,
  type StoredRecord,
  writeRecords,
} from "./store.ts";

/**
 * The writes a person makes (each one audit entry, and the indicator recomputed): records, and
 * an admin's choice of the registries kept and the indicators they feed.
 */
export const actions = {
  addRecord,
  editRecord,
  retireRecord,
  setRegistryUse,
  linkRegistryIndicator,
};
