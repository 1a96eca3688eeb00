/** Staff pages of the plan tree: editing a node (planners), as a draft until published. */

import type { Db } from "../core/db/client.ts";
import { staffHome } from "../core/views/layout.tsx";
import { recordEditRoutes } from "../publishing/index.ts";
import { textField } from "./node-edit.ts";
import { NodeFieldsForm } from "./views/node-fields.tsx";

export function planManageRoutes(db: Db) {
  return recordEditRoutes(db, {
    path: "/:code/manage/plan/nodes/:nodeCode",
    param: "nodeCode",
    record: "plan_node",
    heading: (f) => `計画の項目${f.level ? `（${f.level}）` : ""}の編集: ${f.title}`,
    subject: (f, key) => `${f.level ?? ""}「${f.title}」（${key}）`,
    crumbs: (mc, key) => [
      staffHome(mc),
      { href: `/${mc}/manage/plan`, label: "計画と指標の編集" },
      { label: key },
    ],
    fieldNames: (f) => [
      "title",
      "summary",
      "description",
      "sections",
      ...f.texts.map(textField),
      "note",
    ],
    Fields: NodeFieldsForm,
  });
}
