/** Receiving letters in a test without the public form (its rate limit), through the action. */
import type { Actor } from "../../src/core/audit.ts";
import type { Db } from "../../src/core/db/client.ts";
import type { UploadedFile } from "../../src/letters/attachments.ts";
import { receiveLetter as receiveAction } from "../../src/letters/receive.ts";
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
