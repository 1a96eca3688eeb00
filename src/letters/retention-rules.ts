/**
 * Retention of a letter writer's contact details: the pure rules. A letter's contact details
 * (name, address, phone, e-mail) are erased a number of days after the letter was closed, or at
 * once when the writer asks through the private status link. The letter's text, its handling
 * timeline, its redacted public version and its status stay.
 *
 * No migration is needed to record it: the name column is NOT NULL and holds the marker
 * `ERASED_NAME` once erased (the other three are set to null), and the moment of erasure is the
 * time of the `letter.contact_erased` audit entry.
 */
import type { LetterSource, Outcome, StepKind } from "./schema.ts";

/** What the name column holds once the contact details are erased. */
export const ERASED_NAME = "（削除済み）";

/** The audit action of an erasure. */
export const CONTACT_ERASED = "letter.contact_erased";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Contact {
  writerName: string;
  writerAddress: string | null;
  writerPhone: string | null;
  writerEmail: string | null;
}

export const isContactErased = (l: Pick<Contact, "writerName">) => l.writerName === ERASED_NAME;

/** Is any of the writer's contact details still held? (A town-meeting proposal holds none.) */
export const holdsContact = (l: Contact) =>
  (!isContactErased(l) && l.writerName !== "") ||
  l.writerAddress !== null ||
  l.writerPhone !== null ||
  l.writerEmail !== null;

/**
 * Which contact fields are held — for the audit entry, which must name the fields and never
 * their values.
 */
export function contactPresence(l: Contact) {
  const held = (v: string | null) => (v !== null && v !== "" ? "（記録あり）" : null);
  return {
    name: isContactErased(l) ? null : held(l.writerName),
    address: held(l.writerAddress),
    phone: held(l.writerPhone),
    email: held(l.writerEmail),
  };
}

/** The columns as an erasure leaves them. */
export const ERASED_CONTACT: Contact = {
  writerName: ERASED_NAME,
  writerAddress: null,
  writerPhone: null,
  writerEmail: null,
};

/**
 * Is the letter's handling finished? It is once answered, or once a proposal has an outcome —
 * except 「継続して検討」 (under study), whose result the writer is still to be told.
 */
export const isClosed = (l: { status: StepKind; outcome: Outcome | null }) =>
  l.status === "answered" || (l.status === "outcome" && l.outcome !== "under_study");

/** Does the city still owe the writer a reply they asked for (so erasing should warn)? */
export const awaitsReply = (l: {
  status: StepKind;
  outcome: Outcome | null;
  consentContact: boolean;
}) => l.consentContact && !isClosed(l);

/** When a letter closed at `closedAt` becomes due for erasure. */
export const erasableFrom = (closedAt: Date, retentionDays: number) =>
  new Date(closedAt.getTime() + retentionDays * DAY_MS);

export interface RetentionCandidate extends Contact {
  source: LetterSource;
  status: StepKind;
  outcome: Outcome | null;
  /** When the latest step of its timeline happened: the closing, when the letter is closed. */
  lastStepAt: Date | null;
}

/**
 * Are this letter's contact details due for erasure at `now`? A letter from the form, closed,
 * whose latest step is at least `retentionDays` days old, that still holds contact details.
 */
export function isDueForErasure(l: RetentionCandidate, now: Date, retentionDays: number) {
  return (
    l.source === "letter" &&
    holdsContact(l) &&
    isClosed(l) &&
    l.lastStepAt !== null &&
    erasableFrom(l.lastStepAt, retentionDays).getTime() <= now.getTime()
  );
}

/** The letters among `list` that are due for erasure at `now`. */
export const dueForErasure = <T extends RetentionCandidate>(
  list: T[],
  now: Date,
  retentionDays: number,
) => list.filter((l) => isDueForErasure(l, now, retentionDays));
