/** The audit walk's scenarios of letters to the mayor (src/letters/index.ts `actions`). */
import { fiscalYearInJapan } from "../../../src/core/fiscal-year.ts";
import { actions } from "../../../src/letters/index.ts";
import { writerActor } from "../../../src/letters/receive.ts";
import { statusLinkActor } from "../../../src/letters/retention.ts";
import type { LetterSubmission } from "../../../src/letters/rules.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

const LETTER: LetterSubmission = {
  subject: "公園にベンチを",
  body: "散歩の途中で休める場所がほしいです。",
  category: "other",
  kind: "request",
  name: "監査 太郎",
  address: "",
  phone: "",
  email: "walk.writer@example.invalid",
  consentPublish: "yes",
  consentContact: "yes",
  honeypot: "",
};

/** The public's context: nobody signed in, the form or the status link as the actor. */
const publicContext = (env: WalkEnv, actor = writerActor()) => ({
  db: env.db,
  municipality: env.mc,
  who: null,
  actor,
});

const receive = (env: WalkEnv) =>
  actions.receiveLetter(publicContext(env), {
    submission: LETTER,
    files: [],
    statusUrl: (token) => `http://localhost/${env.mc}/letters/status/${token}`,
    municipalityName: "石岡市",
  });

/** A new letter from the public (its own audit entry is written before the walk counts). */
async function received(env: WalkEnv) {
  const o = await receive(env);
  if (o.status !== "saved") throw new Error(`letter not received: ${o.status}`);
  return o.value;
}

const SHARE_THIS_YEAR = ["indicator_actual", `GZ-6-R3/${fiscalYearInJapan(new Date())}`] as const;

export const scenarios: Scenarios = {
  receiveLetter: {
    run: async (env) => {
      const outcome = await receive(env);
      return {
        outcome,
        // The letter, and this year's 提案型割合 (集計中) computed from the letters.
        changed:
          outcome.status === "saved"
            ? [["letter", outcome.value.receiptNumber], SHARE_THIS_YEAR]
            : [],
      };
    },
  },
  triageLetter: {
    prepare: received,
    run: async (env, letter) => {
      const { receiptNumber } = letter as { receiptNumber: string };
      return {
        outcome: await actions.triageLetter(env.as.planner, {
          receipt: receiptNumber,
          version: 1,
          kind: "proposal",
          category: "other",
          section: "",
          dueDate: "2026-06-30",
          nodes: [],
        }),
        // A new kind changes this year's 提案型割合 (集計中).
        changed: [["letter", receiptNumber], SHARE_THIS_YEAR],
      };
    },
  },
  addStep: {
    prepare: received,
    run: async (env, letter) => {
      const { receiptNumber } = letter as { receiptNumber: string };
      return {
        outcome: await actions.addStep(env.as.planner, {
          receipt: receiptNumber,
          version: 1,
          submission: {
            kind: "considering",
            outcome: "",
            reason: "",
            publicComment: "担当課で検討しています。",
            reflectedNode: "",
            reflectedFromFiscalYear: "",
          },
          municipalityName: "石岡市",
        }),
        changed: [["letter", receiptNumber]],
      };
    },
  },
  savePublicVersion: {
    prepare: received,
    run: async (env, letter) => {
      const { receiptNumber } = letter as { receiptNumber: string };
      return {
        outcome: await actions.savePublicVersion(env.as.planner, {
          receipt: receiptNumber,
          version: 1,
          publicSubject: "公園にベンチを",
          publicBody: "散歩の途中で休める場所がほしい。",
          mode: "publish",
        }),
        changed: [["letter", receiptNumber]],
      };
    },
  },
  eraseContact: {
    prepare: received,
    run: async (env, letter) => {
      const { receiptNumber, token } = letter as { receiptNumber: string; token: string };
      return {
        outcome: await actions.eraseContact(publicContext(env, statusLinkActor()), { token }),
        changed: [["letter", receiptNumber]],
      };
    },
  },
  setLetterForm: {
    // The demo's form is open: the admin closes it.
    run: async (env) => ({
      outcome: await actions.setLetterForm(env.as.admin, { open: false }),
      changed: [["letter_reception", env.mc]],
    }),
  },
  setReceiver: {
    run: async (env) => ({
      outcome: await actions.setReceiver(env.as.admin, {
        userId: env.as.editor.who.userId,
        receiver: true,
      }),
      changed: [["letter_receiver", env.as.editor.who.email]],
    }),
  },
};
