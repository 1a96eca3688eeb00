/**
 * A sign-in attempt under the delay rules (delay-rules.ts), with the counters in the database
 * (sign_in_failures) so that a restart, or a second process, does not reset them.
 *
 * The whole attempt is one transaction holding a lock per account and per address, so parallel
 * guesses at one account or from one address are taken one after another, each seeing the wait
 * the previous one left.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withoutTenant, withTenant } from "../core/db/tenant.ts";
import { enqueue } from "../core/outbox.ts";
import {
  type AttemptCounters,
  afterFailure,
  CLEARED_BY_SUCCESS,
  type Counter,
  DELAY_POLICIES,
  FORGET_ALL_AFTER_MS,
  shouldNotify,
  waitBeforeAttempt,
  waitSeconds,
} from "./delay-rules.ts";
import { normalizeEmail } from "./rules.ts";
import { memberships, type SignInCounterKind, signInFailures, users } from "./schema.ts";
import { signIn } from "./sessions.ts";

export interface SignInAttempt {
  municipality: { code: string; name: string };
  email: string;
  password: string;
  /** The client's address (clientAddress); attempts without one share one counter. */
  address?: string;
  userAgent?: string;
  /** The cookie a browser got at its last successful sign-in to this account, if any. */
  deviceProof?: string;
}

export type SignInOutcome =
  | { kind: "wait"; seconds: number }
  | { kind: "failed" }
  | { kind: "signed-in"; token: string; deviceProof: string };

/** The stored key of a counter: a digest, so the table holds no e-mail and no address. */
export const counterKey = (kind: SignInCounterKind, value: string) =>
  createHash("sha256").update(`${kind}\n${value}`).digest("hex");

/**
 * What a browser keeps after signing in, to show next time that it has signed in to this
 * account before. Keyed with the account's password hash, which never leaves the server: no one
 * can make it without having signed in, and a new password makes the old ones worthless.
 */
const proofFor = (passwordHash: string, email: string) =>
  createHmac("sha256", passwordHash).update(`shisaku sign-in device\n${email}`).digest("base64url");

function proofMatches(passwordHash: string, email: string, shown: string) {
  const expected = Buffer.from(proofFor(passwordHash, email));
  const given = Buffer.from(shown);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The enabled identity behind an e-mail, as the municipality signed in to sees it: users is
 * behind row-level security, which shows a municipality only its own members.
 */
function identity(tx: Tx, code: string, email: string) {
  return withTenant(tx, code, async (t) => {
    const [row] = await t
      .select({ hash: users.passwordHash })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.disabledAt)));
    return row;
  });
}

export async function attemptSignIn(
  db: Db,
  attempt: SignInAttempt,
  now = new Date(),
): Promise<SignInOutcome> {
  const email = normalizeEmail(attempt.email);
  const address = attempt.address ?? "unknown";
  const keys: Record<SignInCounterKind, string> = {
    account: counterKey("account", email),
    address: counterKey("address", address),
    device: counterKey("device", email),
  };
  return withoutTenant(db, async (tx) => {
    // The device counter belongs to the account, so the account's lock covers it.
    for (const k of [keys.account, keys.address].sort())
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign_in:${k}`}))`);
    const rows = await tx
      .select()
      .from(signInFailures)
      .where(
        or(
          ...(Object.keys(keys) as SignInCounterKind[]).map((kind) =>
            and(eq(signInFailures.kind, kind), eq(signInFailures.keyHash, keys[kind])),
          ),
        ),
      );
    const counters: AttemptCounters = Object.fromEntries(rows.map((r) => [r.kind, r]));
    const known =
      attempt.deviceProof !== undefined &&
      attempt.deviceProof !== "" &&
      (await identity(tx, attempt.municipality.code, email).then(
        (who) => who !== undefined && proofMatches(who.hash, email, attempt.deviceProof!),
      ));

    const wait = waitBeforeAttempt(counters, known, now);
    if (wait > 0) return { kind: "wait", seconds: waitSeconds(wait) };

    const token = await signIn(
      tx,
      attempt.municipality.code,
      { email, password: attempt.password },
      { address: attempt.address, userAgent: attempt.userAgent },
    );
    if (token) {
      await tx
        .delete(signInFailures)
        .where(
          or(
            ...CLEARED_BY_SUCCESS.map((kind) =>
              and(eq(signInFailures.kind, kind), eq(signInFailures.keyHash, keys[kind])),
            ),
          ),
        );
      const who = await identity(tx, attempt.municipality.code, email);
      return { kind: "signed-in", token, deviceProof: proofFor(who!.hash, email) };
    }

    const failed: SignInCounterKind[] = known
      ? ["account", "address", "device"]
      : ["account", "address"];
    const after = Object.fromEntries(
      failed.map((kind) => [kind, afterFailure(counters[kind], DELAY_POLICIES[kind], now)]),
    ) as Partial<Record<SignInCounterKind, Counter>>;
    if (shouldNotify(after.account!, now) && (await warnOwner(tx, attempt, email, after.account!)))
      after.account!.notifiedAt = now;
    for (const kind of failed) await save(tx, kind, keys[kind], after[kind]!);
    await tx
      .delete(signInFailures)
      .where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - FORGET_ALL_AFTER_MS)));
    return { kind: "failed" };
  });
}

function save(tx: Tx, kind: SignInCounterKind, keyHash: string, c: Counter) {
  return tx
    .insert(signInFailures)
    .values({ kind, keyHash, ...c })
    .onConflictDoUpdate({
      target: [signInFailures.kind, signInFailures.keyHash],
      set: {
        failures: c.failures,
        lastFailureAt: c.lastFailureAt,
        nextAllowedAt: c.nextAllowedAt,
        notifiedAt: c.notifiedAt,
      },
    });
}

const when = (d: Date) => d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });

/**
 * Prepares the warning to the account's owner, when the e-mail is a person of this municipality
 * (their mail goes to its outbox, sent when SMTP_URL is set). Returns whether one was prepared;
 * the answer to the attempt is the same either way.
 */
async function warnOwner(tx: Tx, attempt: SignInAttempt, email: string, counter: Counter) {
  const { code, name } = attempt.municipality;
  return withTenant(tx, code, async (t) => {
    const [person] = await t
      .select({ id: users.id, email: users.email })
      .from(users)
      .innerJoin(
        memberships,
        and(eq(memberships.userId, users.id), eq(memberships.municipalityCode, code)),
      )
      .where(
        and(
          sql`lower(${users.email}) = ${email}`,
          isNull(users.disabledAt),
          isNull(memberships.disabledAt),
        ),
      );
    if (!person) return false;
    return enqueue(t, code, {
      key: `sign-in-failures/${person.id}/${counter.lastFailureAt.toISOString()}`,
      to: person.email,
      subject: `【${name}】サインインの失敗が続いています`,
      text: [
        `${person.email} さん`,
        "",
        `${name}の職員用ページ（Shisaku）で、このメールアドレスでのサインインが、短いあいだに${counter.failures}回以上失敗しました。`,
        `最後の失敗: ${when(counter.lastFailureAt)}（接続元のアドレス ${attempt.address ?? "不明"}）`,
        "",
        "ご自身の入力間違いであれば、対応は不要です。失敗が続くと次の試行まで少し（長くて1分）待つことになりますが、正しいパスワードでサインインできます。以前にサインインしたことのあるブラウザーでは待たずにサインインできます。",
        "",
        "心当たりがない場合は、他の人があなたのパスワードを推測しようとしています。",
        "サインインして「すべての端末からサインアウト」を行い、この団体の Shisaku の管理者に連絡してください。同じパスワードを他のサービスでも使っている場合は、そちらも変更してください。",
        "",
        "このお知らせは、失敗が続いているあいだ、1時間に1回まで送られます。",
      ].join("\n"),
    });
  });
}
