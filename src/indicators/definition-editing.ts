/** How an indicator definition is edited as a draft (publishing saves and discards it): who may, how its form is read. */
import type { DraftEditing } from "../publishing/index.ts";
import { type DefinitionFields, readDefinitionForm } from "./definition.ts";
import { indicatorDefinitionRecord } from "./definition-drafts.ts";
import { permissions } from "./permissions.ts";

export const definitionEditing: DraftEditing<DefinitionFields> = {
  permission: permissions.editDefinition,
  kind: indicatorDefinitionRecord,
  read: readDefinitionForm,
};
