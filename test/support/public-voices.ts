/**
 * A published letter to the mayor and a published town meeting with a proposal, made through the
 * same actions (and scenarios) as the audit walk: for tests that read the public API of both.
 */
import type { Db } from "../../src/core/db/client.ts";
import { scenarios as letters } from "./audit-walk/letters.ts";
import { scenarios as meetings } from "./audit-walk/meetings.ts";
import { walkEnv } from "./audit-walk.ts";

async function saved(run: Promise<{ outcome: { status: string } }>, what: string) {
  const { outcome } = await run;
  if (outcome.status !== "saved") throw new Error(`${what}: ${outcome.status}`);
}

/** Their path parameters: `{ receiptNumber, meetingId }`. */
export async function publishVoices(db: Db) {
  const env = await walkEnv(db);
  const publish = letters.savePublicVersion!;
  const letter = (await publish.prepare!(env)) as { receiptNumber: string };
  await saved(publish.run(env, letter), "letter not published");
  const meeting = meetings.publishMeeting!;
  const meetingId = (await meeting.prepare!(env)) as number;
  await saved(meetings.addMeetingProposal!.run(env, meetingId), "proposal not added");
  await saved(meeting.run(env, meetingId), "meeting not published");
  return { receiptNumber: letter.receiptNumber, meetingId };
}
