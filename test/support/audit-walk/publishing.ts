/**
 * Publishing in the audit walk: a planner saves and discards a plan node's draft, and publishes
 * the drafts of a node and of an indicator definition.
 */
import { discardDraft, publish, saveDraft } from "../../../src/publishing/index.ts";
import type { Scenarios } from "../audit-walk.ts";
import { definitionForm, nodeForm, openDefinition, openNode } from "../walk-drafts.ts";

export const scenarios: Scenarios = {
  saveDraft: {
    run: async (env) => {
      const { fields, expected } = await openNode(env, "GZ-1");
      const form = nodeForm({ ...fields, title: `${fields.title}（見直し）` });
      const outcome = await saveDraft(env.as.planner, {
        record: "plan_node",
        key: "GZ-1",
        form,
        expected,
      });
      return { outcome, changed: [["plan_node", "GZ-1"]] };
    },
  },
  discardDraft: {
    prepare: async (env) => {
      const { fields, expected } = await openDefinition(env, "GZ-2-O1");
      const form = definitionForm({ ...fields, name: `${fields.name}（案）` });
      const outcome = await saveDraft(env.as.planner, {
        record: "indicator",
        key: "GZ-2-O1",
        form,
        expected,
      });
      if (outcome.status !== "saved" || !outcome.value.draft) throw new Error(outcome.status);
      return outcome.value.draft.version;
    },
    run: async (env, draftVersion) => {
      const outcome = await discardDraft(env.as.planner, {
        record: "indicator",
        key: "GZ-2-O1",
        draftVersion: draftVersion as number,
      });
      return { outcome, changed: [["indicator", "GZ-2-O1"]] };
    },
  },
  publish: {
    prepare: async (env) => {
      const node = await openNode(env, "GZ-3");
      const saveNode = await saveDraft(env.as.planner, {
        record: "plan_node",
        key: "GZ-3",
        form: nodeForm({ ...node.fields, title: `${node.fields.title}（公開）` }),
        expected: node.expected,
      });
      const def = await openDefinition(env, "GZ-3-O1");
      const saveDef = await saveDraft(env.as.planner, {
        record: "indicator",
        key: "GZ-3-O1",
        form: definitionForm({ ...def.fields, name: `${def.fields.name}（公開）` }),
        expected: def.expected,
      });
      if (saveNode.status !== "saved" || saveDef.status !== "saved")
        throw new Error(`${saveNode.status} ${saveDef.status}`);
      const drafts = [saveNode.value.draft!, saveDef.value.draft!];
      return new Map(drafts.map((d) => [d.id, d.version] as const));
    },
    run: async (env, definitions) => {
      const outcome = await publish(env.as.planner, {
        actuals: new Map(),
        definitions: definitions as Map<number, number>,
      });
      return {
        outcome,
        changed: [
          ["plan_node", "GZ-3"],
          ["indicator", "GZ-3-O1"],
        ],
      };
    },
  },
};
