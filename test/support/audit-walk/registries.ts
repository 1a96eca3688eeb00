/**
 * Registries in the audit walk: an editor adds, edits and retires a facility. The demo's
 * facilities are samples (and feed no indicator), so each record is one too. An admin stops
 * using a registry without records and unlinks another's indicator.
 */
import { actions } from "../../../src/registries/index.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

const FACILITY = {
  registry: "facilities",
  name: "サンプル集会所",
  fields: { category: "市民文化系施設", floorArea: "320", builtYear: "1995" },
  sample: true,
};

async function added(env: WalkEnv) {
  const o = await actions.addRecord(env.as.editor, FACILITY);
  if (o.status !== "saved") throw new Error(`facility not added: ${o.status}`);
  return o.value.id;
}

export const scenarios: Scenarios = {
  setRegistryUse: {
    run: async (env) => ({
      outcome: await actions.setRegistryUse(env.as.admin, {
        registry: "card-applications",
        on: false,
      }),
      changed: [["registry_setting", "card-applications"]],
    }),
  },
  linkRegistryIndicator: {
    run: async (env) => ({
      outcome: await actions.linkRegistryIndicator(env.as.admin, {
        registry: "training-sessions",
        indicatorCode: "",
        version: 1,
      }),
      changed: [["registry_setting", "training-sessions"]],
    }),
  },
  addRecord: {
    run: async (env) => {
      const outcome = await actions.addRecord(env.as.editor, FACILITY);
      return {
        outcome,
        changed:
          outcome.status === "saved" ? [["registry_record", `facilities/${outcome.value.id}`]] : [],
      };
    },
  },
  editRecord: {
    prepare: added,
    run: async (env, id) => ({
      outcome: await actions.editRecord(env.as.editor, {
        ...FACILITY,
        fields: { ...FACILITY.fields, floorArea: "350" },
        id: id as number,
        version: 1,
      }),
      changed: [["registry_record", `facilities/${id}`]],
    }),
  },
  retireRecord: {
    prepare: added,
    run: async (env, id) => ({
      outcome: await actions.retireRecord(env.as.editor, {
        registry: "facilities",
        id: id as number,
        version: 1,
        retiredOn: "2026-03-31",
        reason: "近くの公民館に集約",
      }),
      changed: [["registry_record", `facilities/${id}`]],
    }),
  },
};
