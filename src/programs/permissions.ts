/** Who may take the actions of programs' master data (section ownership is checked in the action). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("programs", {
  /** 目的・対象・手段 need only the program's section (programEditRefusal); every field: name, section, period and the initiatives served. */
  editAllMaster: { role: "planner", what: "事務事業の基本情報（目的・対象・手段のほか）の変更" },
});
