/** Accounts: adding, listing and disabling people of a municipality, and changing their role. */
import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { sections } from "../municipalities/schema.ts";
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "./password.ts";
import { permissions, refusal } from "./permissions.ts";
import { isEmail, normalizeEmail, type Principal, ROLE_LABELS } from "./rules.ts";
import { membershipSections, memberships, ROLES, type Role, sessions, users } from "./schema.ts";

export interface AddUserInput {
  municipality: string;
  email: string;
  role: string;
  sections?: string[];
  displayName?: string;
  /** When omitted, a one-time initial password is generated and returned. */
  password?: string;
}

const bad = (location: string, message: string) =>
  new AppError("bad_request", message, [{ location, message }]);

export async function addUser(db: Db, input: AddUserInput, actor: Actor = SYSTEM_ACTOR) {
  const email = normalizeEmail(input.email);
  if (!isEmail(email)) throw bad("email", `メールアドレスの形式ではありません: ${input.email}`);
  if (!ROLES.includes(input.role as Role))
    throw bad("role", `役割は ${ROLES.join(" / ")} のいずれかです`);
  const password = input.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH)
    throw bad("password", `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`);
  const passwordHash = await hashPassword(password);
  const existed = await withTenant(db, input.municipality, async (tx) => {
    const codes = input.sections ?? [];
    const found = codes.length
      ? await tx
          .select({ id: sections.id, code: sections.code })
          .from(sections)
          .where(
            and(eq(sections.municipalityCode, input.municipality), inArray(sections.code, codes)),
          )
      : [];
    const unknown = codes.filter((c) => !found.some((f) => f.code === c));
    if (unknown.length)
      throw bad("section", `担当課コード ${unknown.join(", ")} は登録されていません`);
    // users is behind row-level security (only members of the bound municipality are seen): an
    // identity of another municipality is found through the lookup function, which gives its id
    // only, and a new one is inserted without reading it back.
    const existing = await userIdByEmail(tx, email);
    if (existing === null)
      await tx.insert(users).values({ email, displayName: input.displayName ?? "", passwordHash });
    const userId = existing ?? (await userIdByEmail(tx, email))!;
    // An existing identity (a person of another municipality) keeps its password: it only
    // gains a membership here. Setting one would let one municipality take over another's user.
    if (existing !== null && input.password !== undefined)
      throw bad(
        "password",
        `${email} はほかの団体の利用者として登録済みで、本人のパスワードがそのまま使われます。パスワードを指定せずに追加してください`,
      );
    const [member] = await tx
      .select()
      .from(memberships)
      .where(
        and(eq(memberships.userId, userId), eq(memberships.municipalityCode, input.municipality)),
      );
    if (member) throw new AppError("conflict", `${email} はこの団体にすでに登録されています`);
    await tx
      .insert(memberships)
      .values({ userId, municipalityCode: input.municipality, role: input.role as Role });
    await audit(tx, actor, {
      municipality: input.municipality,
      action: "user.add",
      recordType: "membership",
      recordKey: email,
      after: {
        email,
        role: input.role,
        sections: found.map((f) => f.code),
        newIdentity: existing === null,
      },
    });
    if (found.length) {
      await tx
        .insert(membershipSections)
        .values(
          found.map((s) => ({ userId, municipalityCode: input.municipality, sectionId: s.id })),
        );
    }
    return existing !== null;
  });
  const generated = input.password === undefined && !existed;
  /** existing: the person already had an identity and signs in with their own password. */
  return { email, password: generated ? password : undefined, existing: existed };
}

export function listUsers(db: Db, municipality: string) {
  return withTenant(db, municipality, async (tx) => {
    const rows = await tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: memberships.role,
        disabledAt: memberships.disabledAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.municipalityCode, municipality))
      .orderBy(asc(users.email));
    const sectionRows = await tx
      .select({ userId: membershipSections.userId, code: sections.code })
      .from(membershipSections)
      .innerJoin(sections, eq(sections.id, membershipSections.sectionId))
      .where(eq(membershipSections.municipalityCode, municipality));
    return rows.map((r) => ({
      ...r,
      sections: sectionRows.filter((s) => s.userId === r.id).map((s) => s.code),
    }));
  });
}

/**
 * Disables a person's membership and ends their sessions in this municipality. A change of who
 * is an active member is a change of the municipality: whether its public pages offer the
 * letters form depends on its active receivers (letters/reception-rules.ts), so cached pages
 * are made again.
 */
export async function disableUser(
  db: Db,
  municipality: string,
  email: string,
  actor: Actor = SYSTEM_ACTOR,
) {
  const normalized = normalizeEmail(email);
  await withTenant(db, municipality, async (tx) => {
    const [row] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.municipalityCode, municipality),
          sql`lower(${users.email}) = ${normalized}`,
          isNull(memberships.disabledAt),
        ),
      );
    if (!row)
      throw new AppError("not_found", `${normalized} はこの団体の有効な利用者ではありません`);
    await tx
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(
        and(eq(memberships.userId, row.userId), eq(memberships.municipalityCode, municipality)),
      );
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, row.userId), eq(sessions.municipalityCode, municipality)));
    await audit(tx, actor, {
      municipality,
      action: "user.disable",
      recordType: "membership",
      recordKey: normalized,
      before: { disabled: false },
      after: { disabled: true },
    });
    await announceChange(tx, municipality);
  });
  changed(db, [municipality]);
}

const ChangeRoleInput = z.object({
  email: z.string().trim().min(1),
  role: z.enum(ROLES),
  /** The role the form showed when it was opened (a different one now is a conflict). */
  basis: z.enum(ROLES),
});

/** What a role change's conflict shows: the member as they are now. */
export interface MemberNow {
  email: string;
  role: Role | null;
  disabled: boolean;
}

/**
 * An admin changes a member's role. The last active admin cannot be demoted (nobody could
 * manage the municipality any more); a member whose role or membership changed since the form
 * was opened is a conflict. Like disabling, a change of role is a change of the municipality:
 * whether its public pages offer the letters form depends on its receivers' roles
 * (letters/reception-rules.ts), so cached pages are made again.
 */
export async function changeRole(
  ctx: ActionContext<Principal>,
  input: { email: string; role: string; basis: string },
): Promise<Outcome<{ email: string; role: Role }, MemberNow>> {
  const no = refusal(ctx.who, permissions.changeRole);
  if (no) return no;
  const parsed = ChangeRoleInput.safeParse(input);
  if (!parsed.success) {
    const roles = ROLES.map((r) => `${ROLE_LABELS[r]}（${r}）`).join("・");
    return invalid(
      parsed.error.issues.map((i) => {
        const location = String(i.path[0] ?? "role");
        return {
          location,
          message:
            location === "email"
              ? "役割を変える職員のメールアドレスがありません"
              : `役割は ${roles} のいずれかを選んでください`,
        };
      }),
    );
  }
  const { role, basis } = parsed.data;
  const email = normalizeEmail(parsed.data.email);
  const { db, municipality: mc, actor } = ctx;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<{ email: string; role: Role }, MemberNow>> => {
      // One role change at a time per municipality, so that two admins demoting each other
      // cannot both pass the last-admin check.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`roles:${mc}`}))`);
      const [row] = await tx
        .select({
          userId: memberships.userId,
          role: memberships.role,
          disabledAt: memberships.disabledAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.municipalityCode, mc), sql`lower(${users.email}) = ${email}`));
      if (!row) throw new AppError("not_found", `${email} はこの団体の利用者ではありません`);
      const now: MemberNow = { email, role: row.role, disabled: row.disabledAt !== null };
      if (now.disabled || row.role !== basis)
        return conflict(
          now,
          now.disabled
            ? `${email} はフォームを開いた後に無効になりました`
            : `${email} の役割はフォームを開いた後に${ROLE_LABELS[row.role]}に変わりました`,
        );
      if (row.role === role) return unchanged({ email, role });
      if (row.role === "admin") {
        const [others] = await tx
          .select({ n: count() })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(
              eq(memberships.municipalityCode, mc),
              eq(memberships.role, "admin"),
              isNull(memberships.disabledAt),
              isNull(users.disabledAt),
              ne(memberships.userId, row.userId),
            ),
          );
        if (Number(others?.n ?? 0) === 0)
          return invalid([
            {
              location: "role",
              message: `${email} はこの団体のただ一人の管理者のため、役割を変えられません（先にほかの職員を管理者にしてください）`,
            },
          ]);
      }
      await tx
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.userId, row.userId), eq(memberships.municipalityCode, mc)));
      await audit(tx, actor, {
        municipality: mc,
        action: "user.role",
        recordType: "membership",
        recordKey: email,
        before: { role: ROLE_LABELS[row.role] },
        after: { role: ROLE_LABELS[role] },
      });
      await announceChange(tx, mc);
      return saved({ email, role });
    },
  );
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** The id of the identity with this e-mail address in any municipality, or null. */
async function userIdByEmail(tx: Tx, email: string): Promise<number | null> {
  const result = await tx.execute(sql`select shisaku_user_id_by_email(${email}) as id`);
  const [row] = (result as unknown as { rows: { id: number | null }[] }).rows;
  return row?.id ?? null;
}
