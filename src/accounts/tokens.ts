/**
 * Personal API tokens: created by their owner (in the staff pages or with `shisaku token
 * create`), shown once, kept only as a SHA-256, revocable. A token acts with its owner's role
 * and sections, and stops working when the owner or the membership is disabled.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { type ActionContext, type Checked, invalid, type Outcome, saved } from "../core/outcome.ts";
import { sections } from "../municipalities/schema.ts";
import { permissions, refusal } from "./permissions.ts";
import { normalizeEmail, type Principal } from "./rules.ts";
import { apiTokens, membershipSections, memberships, users } from "./schema.ts";
import { activeMember } from "./sessions.ts";

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

/**
 * How often a token's last use is written: a request finding it written less than this long ago
 * leaves it (a read of the API would otherwise be a write, with a durable commit, every time).
 * The staff page's 「最終使用」 is then at most this much behind.
 */
export const LAST_USE_INTERVAL_MS = 60_000;

/**
 * The person a bearer token acts for, or null for an unknown, revoked or disabled one; one
 * statement, and a second to note the token's last use when the one noted is older than
 * LAST_USE_INTERVAL_MS. `during` runs in the same transaction once the token is known (the API's
 * write count, core/http/write-limit.ts), its result returned as `also`.
 */
export async function resolveToken<T = undefined>(
  db: Db,
  municipality: string,
  token: string,
  during?: (tx: Tx) => Promise<T>,
): Promise<(Principal & { tokenId: number; also: T | undefined }) | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return withTenant(db, municipality, async (tx) => {
    const [row] = await tx
      .select({
        id: apiTokens.id,
        userId: users.id,
        email: users.email,
        role: memberships.role,
        lastUsedAt: apiTokens.lastUsedAt,
        // sessions.ts sectionsOf, in the same statement.
        sectionCodes: sql<
          string[]
        >`(select coalesce(array_agg(${sections.code} order by ${sections.code}), '{}')
            from ${membershipSections}
            join ${sections} on ${sections.id} = ${membershipSections.sectionId}
           where ${membershipSections.userId} = ${users.id}
             and ${membershipSections.municipalityCode} = ${municipality})`,
      })
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
    const now = new Date();
    if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USE_INTERVAL_MS)
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    return {
      userId: row.userId,
      email: row.email,
      role: row.role,
      sectionCodes: arrayOf(row.sectionCodes),
      tokenId: row.id,
      also: during ? await during(tx) : undefined,
    };
  });
}

/** A text[] as the drivers give it: an array, or (from a subquery) its literal `{a,b}`. */
function arrayOf(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map((s) => s.replace(/^"|"$/g, ""));
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
