/** The audit walk's scenarios of accounts (test/support/audit-walk.ts). */
import { addUser, changeRole } from "../../../src/accounts/actions.ts";
import { signIn, signOut, signOutEverywhere } from "../../../src/accounts/sessions.ts";
import { createToken, revokeToken } from "../../../src/accounts/tokens.ts";
import type { Scenarios } from "../audit-walk.ts";
import { DEMO } from "../staff.ts";

export const scenarios: Scenarios = {
  changeRole: {
    // A member of their own: the demo accounts keep their roles for the other scenarios.
    prepare: (env) =>
      addUser(env.db, { municipality: env.mc, email: "role-walk@city.example", role: "editor" }),
    async run(env) {
      const outcome = await changeRole(env.as.admin, {
        email: "role-walk@city.example",
        role: "viewer",
        basis: "editor",
      });
      return { outcome, changed: [["membership", "role-walk@city.example"]] };
    },
  },
  createToken: {
    async run(env) {
      const outcome = await createToken(env.as.editor, { label: "監査の確認" });
      if (outcome.status !== "saved") return { outcome, changed: [] };
      return { outcome, changed: [["api_token", String(outcome.value.id)]] };
    },
  },
  revokeToken: {
    async prepare(env) {
      const created = await createToken(env.as.editor, { label: "取り消す" });
      if (created.status !== "saved") throw new Error(`createToken: ${created.status}`);
      return created.value.id;
    },
    async run(env, id) {
      const outcome = await revokeToken(env.as.editor, { id: id as number });
      return { outcome, changed: [["api_token", String(id)]] };
    },
  },
  signOut: {
    // A session of its own: the demo accounts' contexts stay as they are.
    prepare: (env) => signIn(env.db, env.mc, DEMO.viewer),
    async run(env, token) {
      const outcome = await signOut(env.as.viewer, { token: token as string });
      return { outcome, changed: [["session", DEMO.viewer.email]] };
    },
  },
  signOutEverywhere: {
    prepare: (env) => signIn(env.db, env.mc, DEMO.viewer),
    async run(env) {
      const outcome = await signOutEverywhere(env.as.viewer);
      return { outcome, changed: [["session", DEMO.viewer.email]] };
    },
  },
};
