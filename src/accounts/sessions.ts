/** Signing in and out: sessions stored in the database, the cookie holding only a random token. */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { type ActionContext, type Outcome, saved } from "../core/outcome.ts";
import { sections } from "../municipalities/schema.ts";
import { verifyPassword } from "./password.ts";
import {
  actorLabel,
  normalizeEmail,
  type Principal,
  SESSION_ABSOLUTE_MS,
  sessionAlive,
  sessionNeedsTouch,
} from "./rules.ts";
import { membershipSections, memberships, sessions, users } from "./schema.ts";

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SignedIn extends Principal {
  displayName: string;
  csrfToken: string;
}

/** Returns a new session token, or null when the e-mail, password or membership does not match. */
export async function signIn(
  db: Db | Tx,
  municipality: string,
  credentials: { email: string; password: string },
  meta: { address?: string; userAgent?: string } = {},
): Promise<string | null> {
  const email = normalizeEmail(credentials.email);
  return withTenant(db, municipality, async (tx) => {
    const row = await activeMember(tx, municipality, email);
    // Verify against a hash even when there is no such person, so timing tells nothing.
    const ok = await verifyPassword(row?.hash ?? DUMMY_HASH, credentials.password);
    if (!row || !ok) return null;
    const token = randomBytes(32).toString("base64url");
    await tx.insert(sessions).values({
      idHash: digest(token),
      userId: row.id,
      municipalityCode: municipality,
      csrfToken: randomBytes(24).toString("base64url"),
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS),
      address: meta.address ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await audit(
      tx,
      { label: `user:${row.id} ${email}`, address: meta.address },
      {
        municipality,
        action: "session.sign_in",
        recordType: "session",
        recordKey: email,
      },
    );
    return token;
  });
}

/** The enabled person with this (normalized) e-mail and an enabled membership here, if any. */
export async function activeMember(tx: Tx, municipality: string, email: string) {
  const [row] = await tx
    .select({ id: users.id, hash: users.passwordHash })
    .from(users)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.municipalityCode, municipality)),
    )
    .where(
      and(
        sql`lower(${users.email}) = ${email}`,
        isNull(users.disabledAt),
        isNull(memberships.disabledAt),
      ),
    );
  return row;
}

const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$+bBMbWYH+uvkIk5waVLd3g$EuJqOK2pTImGbpyNXVvxe3y9LFMqxbDSUWXi9Y1ZLEw";

/** The person signed in with this token, or null (expired sessions are removed). */
export function resolveSession(
  db: Db,
  municipality: string,
  token: string,
): Promise<SignedIn | null> {
  return withTenant(db, municipality, (tx) => resolveSessionIn(tx, municipality, token));
}

/** resolveSession inside a transaction already bound to the municipality. */
export async function resolveSessionIn(
  tx: Tx,
  municipality: string,
  token: string,
): Promise<SignedIn | null> {
  const [row] = await tx
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      csrfToken: sessions.csrfToken,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: memberships.role,
      disabled: sql<boolean>`${users.disabledAt} is not null or ${memberships.disabledAt} is not null`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.municipalityCode, municipality)),
    )
    .where(and(eq(sessions.idHash, digest(token)), eq(sessions.municipalityCode, municipality)));
  if (!row) return null;
  const now = new Date();
  if (row.disabled || !sessionAlive(row, now)) {
    await tx.delete(sessions).where(eq(sessions.idHash, digest(token)));
    return null;
  }
  if (sessionNeedsTouch(row.lastSeenAt, now))
    await tx
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(eq(sessions.idHash, digest(token)));
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    sectionCodes: await sectionsOf(tx, municipality, row.userId),
    csrfToken: row.csrfToken,
  };
}

/** The codes of the sections a person belongs to in a municipality. */
export async function sectionsOf(tx: Tx, municipality: string, userId: number) {
  const rows = await tx
    .select({ code: sections.code })
    .from(membershipSections)
    .innerJoin(sections, eq(sections.id, membershipSections.sectionId))
    .where(
      and(
        eq(membershipSections.userId, userId),
        eq(membershipSections.municipalityCode, municipality),
      ),
    )
    .orderBy(sections.code);
  return rows.map((r) => r.code);
}

export const actorOf = (who: Principal) => ({ label: actorLabel(who) });

/** Ends this session (「サインアウト」). */
export async function signOut(
  ctx: ActionContext<SignedIn>,
  input: { token: string },
): Promise<Outcome> {
  await withTenant(ctx.db, ctx.municipality, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, digest(input.token)));
    await audit(tx, ctx.actor, {
      municipality: ctx.municipality,
      action: "session.sign_out",
      recordType: "session",
      recordKey: ctx.who.email,
    });
  });
  return saved(undefined);
}

/** Ends every session of a person in this municipality (「すべての端末からサインアウト」). */
export async function signOutEverywhere(ctx: ActionContext<SignedIn>): Promise<Outcome> {
  const { municipality, who } = ctx;
  await withTenant(ctx.db, municipality, async (tx) => {
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, who.userId), eq(sessions.municipalityCode, municipality)));
    await audit(tx, ctx.actor, {
      municipality,
      action: "session.sign_out_everywhere",
      recordType: "session",
      recordKey: who.email,
    });
  });
  return saved(undefined);
}
