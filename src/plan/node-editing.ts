/** How a plan node is edited as a draft (publishing saves and discards it): who may, how its form is read. */
import type { DraftEditing } from "../publishing/index.ts";
import { planNodeRecord } from "./node-drafts.ts";
import { type NodeFields, readNodeForm } from "./node-edit.ts";
import { permissions } from "./permissions.ts";

export const nodeEditing: DraftEditing<NodeFields> = {
  permission: permissions.editNode,
  kind: planNodeRecord,
  read: readNodeForm,
};
