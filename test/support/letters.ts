/** Receiving letters in a test without the public form (its rate limit), through the action. */
import type { Actor } from "../../src/core/audit.ts";
import type { Db } from "../../src/core/db/client.ts";
import type { UploadedFile } from "../../src/letters/attachments.ts";
import { receiveLetter as receiveAction, writerActor } from "../../src/letters/receive.ts";
import type { LetterInput, LetterSubmission } from "../../src/letters/rules.ts";

/** A checked letter as the public form would have sent it. */
export const submissionOf = (i: LetterInput): LetterSubmission => ({
  subject: i.subject,
  body: i.body,
  category: i.category,
  kind: i.kind,
  name: i.name,
  address: i.address ?? "",
  phone: i.phone ?? "",
  email: i.email ?? "",
  consentPublish: i.consentPublish ? "yes" : "no",
  consentContact: i.consentContact ? "yes" : "no",
  honeypot: "",
});

/** Receives a letter from the public (the action must save it): its receipt number and token. */
export async function receiveLetter(
  db: Db,
  mc: string,
  actor: Actor,
  input: LetterInput,
  files: UploadedFile[],
  opts: { statusUrl: (token: string) => string; municipalityName: string; now?: Date },
) {
  const o = await receiveAction(
    { db, municipality: mc, who: null, actor },
    { submission: submissionOf(input), files, ...opts },
  );
  if (o.status !== "saved") throw new Error(`letter not received: ${JSON.stringify(o)}`);
  return o.value;
}

/**
 * A letter whose writer consents to publication but not to contact (so no mail is ever
 * prepared for it): its receipt number.
 */
export async function receiveQuietLetter(db: Db, mc: string) {
  const { receiptNumber } = await receiveLetter(
    db,
    mc,
    writerActor(),
    {
      subject: "図書館の開館時間",
      body: "図書館を夜8時まで開けてください。",
      category: "childcare",
      kind: "request",
      name: "常陸 花子",
      address: "",
      phone: "",
      email: "",
      consentPublish: true,
      consentContact: false,
    },
    [],
    { statusUrl: (x) => x, municipalityName: "石岡市" },
  );
  return receiptNumber;
}
