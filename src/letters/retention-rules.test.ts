import { describe, expect, it } from "vitest";
import {
  awaitsReply,
  contactPresence,
  dueForErasure,
  ERASED_CONTACT,
  ERASED_NAME,
  erasableFrom,
  holdsContact,
  isClosed,
  isContactErased,
  isDueForErasure,
  type RetentionCandidate,
} from "./retention-rules.ts";

const contact = {
  writerName: "石岡 花子",
  writerAddress: "茨城県石岡市石岡1-1-1",
  writerPhone: "0299-23-1111",
  writerEmail: "hanako@example.jp",
};

const closedAt = new Date("2025-04-01T10:00:00+09:00");
const letter = (over: Partial<RetentionCandidate> = {}): RetentionCandidate => ({
  ...contact,
  source: "letter",
  status: "answered",
  outcome: null,
  lastStepAt: closedAt,
  ...over,
});
const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

describe("when a letter is closed", () => {
  it("is closed once answered, or once a proposal has a final outcome", () => {
    expect(isClosed({ status: "answered", outcome: null })).toBe(true);
    expect(isClosed({ status: "outcome", outcome: "adopted" })).toBe(true);
    expect(isClosed({ status: "outcome", outcome: "not_adopted" })).toBe(true);
    expect(isClosed({ status: "outcome", outcome: "already_done" })).toBe(true);
  });

  it("is open while received, assigned, considered, or a proposal is still under study", () => {
    for (const status of ["received", "assigned", "considering"] as const)
      expect(isClosed({ status, outcome: null }), status).toBe(false);
    expect(isClosed({ status: "outcome", outcome: "under_study" })).toBe(false);
  });

  it("awaits a reply when open and the writer asked to be contacted", () => {
    expect(awaitsReply({ status: "considering", outcome: null, consentContact: true })).toBe(true);
    expect(awaitsReply({ status: "considering", outcome: null, consentContact: false })).toBe(
      false,
    );
    expect(awaitsReply({ status: "answered", outcome: null, consentContact: true })).toBe(false);
    expect(awaitsReply({ status: "outcome", outcome: "under_study", consentContact: true })).toBe(
      true,
    );
  });
});

describe("which letters are due for erasure", () => {
  it("is due the given number of days after the latest step of a closed letter, not before", () => {
    expect(erasableFrom(closedAt, 365)).toEqual(daysAfter(closedAt, 365));
    expect(isDueForErasure(letter(), daysAfter(closedAt, 365), 365)).toBe(true);
    expect(isDueForErasure(letter(), daysAfter(closedAt, 400), 365)).toBe(true);
    expect(isDueForErasure(letter(), new Date(daysAfter(closedAt, 365).getTime() - 1), 365)).toBe(
      false,
    );
    expect(isDueForErasure(letter(), daysAfter(closedAt, 31), 30)).toBe(true);
    expect(isDueForErasure(letter(), daysAfter(closedAt, 29), 30)).toBe(false);
  });

  it("never takes an open letter, however old", () => {
    const now = daysAfter(closedAt, 3650);
    for (const status of ["received", "assigned", "considering"] as const)
      expect(isDueForErasure(letter({ status }), now, 365), status).toBe(false);
    expect(isDueForErasure(letter({ status: "outcome", outcome: "under_study" }), now, 365)).toBe(
      false,
    );
    expect(isDueForErasure(letter({ status: "outcome", outcome: "adopted" }), now, 365)).toBe(true);
  });

  it("skips letters already erased, town-meeting proposals and letters without a step", () => {
    const now = daysAfter(closedAt, 3650);
    expect(isDueForErasure(letter(ERASED_CONTACT), now, 365)).toBe(false);
    expect(
      isDueForErasure(
        letter({
          source: "meeting",
          writerName: "",
          writerAddress: null,
          writerPhone: null,
          writerEmail: null,
        }),
        now,
        365,
      ),
    ).toBe(false);
    expect(isDueForErasure(letter({ lastStepAt: null }), now, 365)).toBe(false);
  });

  it("takes a letter that holds only some of the details", () => {
    const now = daysAfter(closedAt, 400);
    expect(
      isDueForErasure(
        letter({ writerAddress: null, writerPhone: null, writerEmail: null }),
        now,
        365,
      ),
    ).toBe(true);
  });

  it("filters a list, keeping its rows", () => {
    const rows = [
      { id: 1, ...letter() },
      { id: 2, ...letter({ lastStepAt: daysAfter(closedAt, 100) }) },
      { id: 3, ...letter({ status: "considering" }) },
      { id: 4, ...letter(ERASED_CONTACT) },
    ];
    expect(dueForErasure(rows, daysAfter(closedAt, 400), 365).map((r) => r.id)).toEqual([1]);
    expect(dueForErasure(rows, daysAfter(closedAt, 500), 365).map((r) => r.id)).toEqual([1, 2]);
  });
});

describe("the erased state", () => {
  it("is the marker in the name and nothing else", () => {
    expect(isContactErased(ERASED_CONTACT)).toBe(true);
    expect(isContactErased(contact)).toBe(false);
    expect(ERASED_CONTACT).toEqual({
      writerName: ERASED_NAME,
      writerAddress: null,
      writerPhone: null,
      writerEmail: null,
    });
    expect(holdsContact(ERASED_CONTACT)).toBe(false);
    expect(holdsContact(contact)).toBe(true);
  });

  it("names the fields held, never their values", () => {
    const presence = contactPresence({ ...contact, writerAddress: null });
    expect(presence).toEqual({
      name: "（記録あり）",
      address: null,
      phone: "（記録あり）",
      email: "（記録あり）",
    });
    const json = JSON.stringify(presence);
    for (const v of Object.values(contact)) expect(json).not.toContain(v);
    expect(contactPresence(ERASED_CONTACT)).toEqual({
      name: null,
      address: null,
      phone: null,
      email: null,
    });
  });
});
