/**
 * Personal API tokens: created by their owner (in the staff pages or with `shisaku token
 * create`), shown once, kept only as a SHA-256, revocable. A token acts with its owner's role
 * and sections, and stops working when the owner or the membership is disabled.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { normalizeEmail, type Principal } from "./rules.ts";
import { apiTokens, memberships, users } from "./schema.ts";
import { sectionsOf } from "./sessions.ts";

/** Tokens start with this, so that a leaked one is recognisable (and greppable) as ours. */
export const TOKEN_PREFIX = "shisaku_";
const MAX_LABEL = 100;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface TokenSummary {
  id: number;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates a token for the person with this e-mail; returns the token (shown once). */
export async function createToken(
  db: Db,
  municipality: string,
  input: { email: string; label: string },
  actor: Actor,
): Promise<{ id: number; token: string }> {
  const label = input.label.trim();
  if (!label || label.length > MAX_LABEL)
    throw new AppError("bad_request", `ラベルは1〜${MAX_LABEL}文字で入力してください`, [
      { location: "label", message: "ラベルが空か長すぎます" },
    ]);
  const email = normalizeEmail(input.email);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return withTenant(db, municipality, async (tx) => {
    const [owner] = await tx
      .select({ userId: users.id })
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
    if (!owner)
      throw new AppError("not_found", `${municipality} に有効な利用者 ${email} はいません`, [
        { location: "email", message: "利用者が見つかりません" },
      ]);
    const [row] = await tx
      .insert(apiTokens)
      .values({
        municipalityCode: municipality,
        userId: owner.userId,
        label,
        tokenHash: digest(token),
      })
      .returning({ id: apiTokens.id });
    await audit(tx, actor, {
      municipality,
      action: "token.create",
      recordType: "api_token",
      recordKey: String(row!.id),
      after: { owner: email, label },
    });
    return { id: row!.id, token };
  });
}

/** The person a bearer token acts for, or null for an unknown, revoked or disabled one. */
export async function resolveToken(
  db: Db,
  municipality: string,
  token: string,
): Promise<(Principal & { tokenId: number }) | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return withTenant(db, municipality, async (tx) => {
    const [row] = await tx
      .select({ id: apiTokens.id, userId: users.id, email: users.email, role: memberships.role })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .innerJoin(
        memberships,
        and(eq(memberships.userId, users.id), eq(memberships.municipalityCode, municipality)),
      )
      .where(
        and(
          eq(apiTokens.tokenHash, digest(token)),
          eq(apiTokens.municipalityCode, municipality),
          isNull(apiTokens.revokedAt),
          isNull(users.disabledAt),
          isNull(memberships.disabledAt),
        ),
      );
    if (!row) return null;
    await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
    return {
      userId: row.userId,
      email: row.email,
      role: row.role,
      sectionCodes: await sectionsOf(tx, municipality, row.userId),
      tokenId: row.id,
    };
  });
}

/** A person's own tokens, newest first. */
export function listTokens(db: Db, municipality: string, userId: number): Promise<TokenSummary[]> {
  return withTenant(db, municipality, (tx) =>
    tx
      .select({
        id: apiTokens.id,
        label: apiTokens.label,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(and(eq(apiTokens.municipalityCode, municipality), eq(apiTokens.userId, userId)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)),
  );
}

/** Revokes one of a person's own tokens. */
export async function revokeToken(
  db: Db,
  municipality: string,
  who: Principal,
  id: number,
  actor: Actor,
) {
  await withTenant(db, municipality, async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, id),
          eq(apiTokens.userId, who.userId),
          eq(apiTokens.municipalityCode, municipality),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ label: apiTokens.label });
    if (!row) throw new AppError("not_found", "取り消せるトークンが見つかりません");
    await audit(tx, actor, {
      municipality,
      action: "token.revoke",
      recordType: "api_token",
      recordKey: String(id),
      before: { label: row.label },
    });
  });
}
