/**
 * The reception of letters (受付): whether the public form is open and which staff receive the
 * letters. Read by the public form (closed → 404), the home and list pages (no link while
 * closed), the receiving of a letter (a mail to each receiver) and the staff pages (a receiver
 * sees and triages every letter). Changed by an admin only, each change one audit entry in its
 * transaction.
 */
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { membershipSections, memberships, ROLES, users } from "../accounts/schema.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { type ActionContext, invalid, type Outcome, saved, unchanged } from "../core/outcome.ts";
import { sections } from "../municipalities/schema.ts";
import { permissions } from "./permissions.ts";
import { mayReceive, type ReceptionState, receptionState } from "./reception-rules.ts";
import { letterReceivers, letterReception } from "./schema.ts";

/** A member of the municipality as the reception page lists them. */
export interface StaffMember {
  userId: number;
  email: string;
  displayName: string;
  role: Principal["role"];
  sections: string[];
  receiver: boolean;
}

/** The active members (membership and identity not disabled), with their sections' names. */
async function activeMembers(tx: Tx, mc: string) {
  const rows = await tx
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      receiver: letterReceivers.userId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      letterReceivers,
      and(eq(letterReceivers.userId, memberships.userId), eq(letterReceivers.municipalityCode, mc)),
    )
    .where(
      and(
        eq(memberships.municipalityCode, mc),
        isNull(memberships.disabledAt),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.email));
  const sectionRows = await tx
    .select({ userId: membershipSections.userId, name: sections.name })
    .from(membershipSections)
    .innerJoin(
      sections,
      and(
        eq(sections.id, membershipSections.sectionId),
        eq(sections.municipalityCode, membershipSections.municipalityCode),
      ),
    )
    .where(eq(membershipSections.municipalityCode, mc))
    .orderBy(asc(sections.position), asc(sections.code));
  return rows.map(
    (r): StaffMember => ({
      userId: r.userId,
      email: r.email,
      displayName: r.displayName,
      role: r.role,
      receiver: r.receiver !== null,
      sections: sectionRows.filter((s) => s.userId === r.userId).map((s) => s.name),
    }),
  );
}

/** The receivers who count: assigned, still active members who may handle letters. */
const effectiveReceivers = (members: StaffMember[]) =>
  members.filter((m) => m.receiver && mayReceive(m));

async function formOpenIn(tx: Tx, mc: string) {
  const [row] = await tx
    .select({ formOpen: letterReception.formOpen })
    .from(letterReception)
    .where(eq(letterReception.municipalityCode, mc));
  return row?.formOpen ?? false;
}

async function stateIn(tx: Tx, mc: string) {
  const members = await activeMembers(tx, mc);
  const formOpen = await formOpenIn(tx, mc);
  return {
    formOpen,
    members,
    state: receptionState({ formOpen, receivers: effectiveReceivers(members).length }),
  };
}

/** The roles that may receive letters. */
const RECEIVING_ROLES = ROLES.filter((role) => mayReceive({ role }));

/** How many receivers count (effectiveReceivers), counted by the database. */
async function receiverCount(tx: Tx, mc: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(letterReceivers)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, letterReceivers.userId),
        eq(memberships.municipalityCode, letterReceivers.municipalityCode),
      ),
    )
    .innerJoin(users, eq(users.id, letterReceivers.userId))
    .where(
      and(
        eq(letterReceivers.municipalityCode, mc),
        isNull(memberships.disabledAt),
        isNull(users.disabledAt),
        inArray(memberships.role, RECEIVING_ROLES),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Is the public form open (opened by an admin, with at least one receiver)? Read on every public
 * page that may link the form: a setting and a count, not the members.
 */
export function letterFormState(db: Db, mc: string): Promise<ReceptionState> {
  return withTenant(db, mc, async (tx) =>
    receptionState({ formOpen: await formOpenIn(tx, mc), receivers: await receiverCount(tx, mc) }),
  );
}

/** The reception page's data: the setting, the state and every active member. */
export function loadReception(db: Db, mc: string) {
  return withTenant(db, mc, (tx) => stateIn(tx, mc));
}

/** The addresses a new letter is announced to (inside the receiving transaction). */
export async function receiverAddresses(tx: Tx, mc: string) {
  return effectiveReceivers(await activeMembers(tx, mc)).map((m) => ({
    userId: m.userId,
    email: m.email,
  }));
}

/** Is this person an assigned receiver (who sees and triages every letter)? In a transaction. */
export async function isReceiverIn(tx: Tx, mc: string, who: Principal) {
  if (!mayReceive(who)) return false;
  const rows = await tx
    .select({ userId: letterReceivers.userId })
    .from(letterReceivers)
    .where(and(eq(letterReceivers.municipalityCode, mc), eq(letterReceivers.userId, who.userId)));
  return rows.length > 0;
}

/** Is this person an assigned receiver? */
export const isReceiver = (db: Db, mc: string, who: Principal) =>
  withTenant(db, mc, (tx) => isReceiverIn(tx, mc, who));

/** An admin opens or closes the public form. */
export async function setLetterForm(
  ctx: ActionContext<Principal>,
  input: { open: boolean },
): Promise<Outcome<ReceptionState>> {
  const no = refusal(ctx.who, permissions.reception);
  if (no) return no;
  const mc = ctx.municipality;
  return withTenant(ctx.db, mc, async (tx): Promise<Outcome<ReceptionState>> => {
    const before = await formOpenIn(tx, mc);
    if (before === input.open) return unchanged((await stateIn(tx, mc)).state);
    await tx
      .insert(letterReception)
      .values({ municipalityCode: mc, formOpen: input.open })
      .onConflictDoUpdate({
        target: letterReception.municipalityCode,
        set: { formOpen: input.open, updatedAt: new Date() },
      });
    await audit(tx, ctx.actor, {
      municipality: mc,
      action: input.open ? "letter_reception.open" : "letter_reception.close",
      recordType: "letter_reception",
      recordKey: mc,
      before: { formOpen: before },
      after: { formOpen: input.open },
    });
    await announceChange(tx, mc);
    return saved((await stateIn(tx, mc)).state);
  }).then(bumped(ctx));
}

/**
 * After a saved change: every page of the municipality may show the form's link (the home, the
 * letters' list), so the change has no topic.
 */
const bumped =
  (ctx: ActionContext<Principal>) =>
  (o: Outcome<ReceptionState>): Outcome<ReceptionState> => {
    if (o.status === "saved") changed(ctx.db, [ctx.municipality], {});
    return o;
  };

/** An admin assigns a member to receive letters, or takes the assignment back. */
export async function setReceiver(
  ctx: ActionContext<Principal>,
  input: { userId: number; receiver: boolean },
): Promise<Outcome<ReceptionState>> {
  const no = refusal(ctx.who, permissions.reception);
  if (no) return no;
  const mc = ctx.municipality;
  return withTenant(ctx.db, mc, async (tx): Promise<Outcome<ReceptionState>> => {
    const member = (await activeMembers(tx, mc)).find((m) => m.userId === input.userId);
    if (!member)
      return invalid([
        { location: "userId", message: "この団体の職員（有効なアカウント）ではありません" },
      ]);
    if (input.receiver && !mayReceive(member))
      return invalid([
        {
          location: "userId",
          message: `${member.displayName || member.email} は閲覧者（viewer）のため、たよりを受け取る職員に指定できません`,
        },
      ]);
    if (member.receiver === input.receiver) return unchanged((await stateIn(tx, mc)).state);
    if (input.receiver)
      await tx.insert(letterReceivers).values({ municipalityCode: mc, userId: member.userId });
    else
      await tx
        .delete(letterReceivers)
        .where(
          and(eq(letterReceivers.municipalityCode, mc), eq(letterReceivers.userId, member.userId)),
        );
    await audit(tx, ctx.actor, {
      municipality: mc,
      action: input.receiver ? "letter_receiver.assign" : "letter_receiver.unassign",
      recordType: "letter_receiver",
      recordKey: member.email,
      before: { receiver: member.receiver },
      after: { receiver: input.receiver, displayName: member.displayName },
    });
    await announceChange(tx, mc);
    return saved((await stateIn(tx, mc)).state);
  }).then(bumped(ctx));
}
