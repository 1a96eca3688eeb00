/**
 * Personal API tokens: created by their owner (in the staff pages or with `shisaku token
 * create`), shown once, kept only as a SHA-256, revocable. A token acts with its owner's role
 * and sections, and stops working when the owner or the membership is disabled.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { type ActionContext, type Checked, invalid, type Outcome, saved } from "../core/outcome.ts";
import { permissions, refusal } from "./permissions.ts";
import { normalizeEmail, type Principal } from "./rules.ts";
import { apiTokens, memberships, users } from "./schema.ts";
import { activeMember, sectionsOf } from "./sessions.ts";

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

/** A token's label: 1 to 100 characters once trimmed. */
export function checkLabel(text: string): Checked<string> {
  const label = text.trim();
  if (!label || label.length > MAX_LABEL)
    return { ok: false, details: [{ location: "label", message: "ラベルが空か長すぎます" }] };
  return { ok: true, value: label };
}

const LABEL_MESSAGE = `ラベルは1〜${MAX_LABEL}文字で入力してください`;

/**
 * Creates a token for the person with this e-mail (`shisaku token create`, run by the operator);
 * returns the token (shown once).
 */
export async function createTokenFor(
  db: Db,
  municipality: string,
  input: { email: string; label: string },
  actor: Actor,
): Promise<{ id: number; token: string }> {
  const label = checkLabel(input.label);
  if (!label.ok) throw new AppError("bad_request", LABEL_MESSAGE, label.details);
  return withTenant(db, municipality, (tx) =>
    createTokenIn(tx, municipality, normalizeEmail(input.email), label.value, actor),
  );
}

/** A person creates a token of their own (the staff page); the token is shown once. */
export async function createToken(
  ctx: ActionContext<Principal>,
  input: { label: string },
): Promise<Outcome<{ id: number; token: string; label: string }>> {
  const no = refusal(ctx.who, permissions.createToken);
  if (no) return no;
  const label = checkLabel(input.label);
  if (!label.ok) return invalid(label.details, LABEL_MESSAGE);
  const created = await withTenant(ctx.db, ctx.municipality, (tx) =>
    createTokenIn(tx, ctx.municipality, normalizeEmail(ctx.who.email), label.value, ctx.actor),
  );
  return saved({ ...created, label: label.value });
}

async function createTokenIn(
  tx: Tx,
  municipality: string,
  email: string,
  label: string,
  actor: Actor,
): Promise<{ id: number; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const owner = await activeMember(tx, municipality, email);
  if (!owner)
    throw new AppError("not_found", `${municipality} に有効な利用者 ${email} はいません`, [
      { location: "email", message: "利用者が見つかりません" },
    ]);
  const [row] = await tx
    .insert(apiTokens)
    .values({
      municipalityCode: municipality,
      userId: owner.id,
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

/** Revokes one of a person's own tokens (a missing or already revoked one is a 404). */
export async function revokeToken(
  ctx: ActionContext<Principal>,
  input: { id: number },
): Promise<Outcome> {
  const no = refusal(ctx.who, permissions.revokeToken);
  if (no) return no;
  const { municipality } = ctx;
  await withTenant(ctx.db, municipality, async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, input.id),
          eq(apiTokens.userId, ctx.who.userId),
          eq(apiTokens.municipalityCode, municipality),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ label: apiTokens.label });
    if (!row) throw new AppError("not_found", "取り消せるトークンが見つかりません");
    await audit(tx, ctx.actor, {
      municipality,
      action: "token.revoke",
      recordType: "api_token",
      recordKey: String(input.id),
      before: { label: row.label },
    });
  });
  return saved(undefined);
}
