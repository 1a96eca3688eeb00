/**
 * Sign-in failures slow guessing down and never lock the owner out: a growing, short wait per
 * account and per client address, kept in the database, the client address taken from
 * X-Forwarded-For only when SHISAKU_TRUST_PROXY says so, and a warning to the owner.
 *
 * No test sleeps: "the wait has passed" is written into the counters (`waitsPass`).
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { createApp } from "../../src/app.tsx";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { ORIGIN } from "../support/staff.ts";

const MC = "082058";
const OWNER = { email: "owner@city.example", password: "owner-password-082058" };

interface From {
  /** The socket's address. */
  address: string;
  forwardedFor?: string;
  cookie?: string;
  app?: ReturnType<typeof createApp>;
}

async function attempt(t: TestContext, email: string, password: string, from: From) {
  const headers: Record<string, string> = {
    origin: ORIGIN,
    "content-type": "application/x-www-form-urlencoded",
  };
  if (from.forwardedFor) headers["x-forwarded-for"] = from.forwardedFor;
  if (from.cookie) headers.cookie = from.cookie;
  return await (from.app ?? t.app).request(
    `/${MC}/manage/sign-in`,
    { method: "POST", headers, body: new URLSearchParams({ email, password }).toString() },
    { incoming: { socket: { remoteAddress: from.address } } },
  );
}

const rows = async <T>(t: TestContext, query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;

/** Every wait has passed (as if the clock had moved on), the failures still counted. */
const waitsPass = (t: TestContext) =>
  t.database.db.execute(
    sql`update sign_in_failures set next_allowed_at = now() - interval '1 second'`,
  );

/** `n` wrong passwords, each once the previous wait has passed. */
async function failTimes(t: TestContext, n: number, email: string, from: From) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    await waitsPass(t);
    statuses.push((await attempt(t, email, `wrong-guess-${i}`, from)).status);
  }
  return statuses;
}

const deviceCookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith("shisaku_device="))
    ?.split(";")[0];

describeEachBackend("sign-in delays", (t) => {
  beforeAll(async () => {
    for (const email of [OWNER.email, "warned@city.example", "busy@city.example"])
      await addUser(t.database.db, {
        municipality: MC,
        email,
        role: "viewer",
        password: email === OWNER.email ? OWNER.password : "some-password-082058",
      });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("signs the owner in after 6 and after 20 wrong guesses from elsewhere, once a short wait has passed", async () => {
    const attacker = { address: "192.0.2.10" };
    const owner = { address: "192.0.2.20" };
    expect(await failTimes(t, 6, OWNER.email, attacker)).toEqual([401, 401, 401, 401, 401, 401]);

    // The right password during the wait: not checked, answered with the wait, not a lockout.
    const waiting = await attempt(t, OWNER.email, OWNER.password, owner);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("1");
    expect(await waiting.text()).toContain("1秒後にもう一度お試しください");
    await waitsPass(t);
    expect((await attempt(t, OWNER.email, OWNER.password, owner)).status).toBe(303);

    // The success cleared the account; 20 more guesses (from a fresh address) wait a minute at most.
    const attacker2 = { address: "192.0.2.11" };
    expect(new Set(await failTimes(t, 20, OWNER.email, attacker2))).toEqual(new Set([401]));
    const later = await attempt(t, OWNER.email, OWNER.password, owner);
    expect(later.status).toBe(429);
    expect(Number(later.headers.get("retry-after"))).toBeGreaterThan(30);
    expect(Number(later.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    await waitsPass(t);
    expect((await attempt(t, OWNER.email, OWNER.password, owner)).status).toBe(303);
  });

  it("makes each further failure wait longer, and does not count attempts made during a wait", async () => {
    const email = "nobody-yet@city.example";
    const from = { address: "192.0.2.12" };
    // Five failures are free: one after another, no wait.
    for (let i = 0; i < 5; i++)
      expect((await attempt(t, email, `free-${i}`, from)).status).toBe(401);
    const waits: (string | null)[] = [];
    for (let i = 0; i < 8; i++) {
      await waitsPass(t);
      expect((await attempt(t, email, `guess-${i}`, from)).status).toBe(401);
      // Tried again at once: told the wait, the password not checked, nothing counted.
      for (let j = 0; j < 3; j++) {
        const retry = await attempt(t, email, `guess-${i}-again-${j}`, from);
        expect(retry.status).toBe(429);
        if (j === 0) waits.push(retry.headers.get("retry-after"));
      }
    }
    expect(waits).toEqual(["1", "2", "4", "8", "16", "32", "60", "60"]);
  });

  it("keeps the counters in the database: a new instance of the application still waits", async () => {
    const email = "restart@city.example";
    await failTimes(t, 8, email, { address: "192.0.2.13" });
    const restarted = createApp({ db: t.database.db });
    const res = await attempt(t, email, "another-guess", { address: "192.0.2.14", app: restarted });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("4");
  });

  it("slows an address after 20 failures there, and only that address, never for long", async () => {
    const office = { address: "192.0.2.30" };
    for (let i = 0; i < 21; i++)
      expect((await attempt(t, `typo-${i}@city.example`, "wrong", office)).status).toBe(401);
    const there = await attempt(t, OWNER.email, OWNER.password, office);
    expect(there.status).toBe(429);
    expect(there.headers.get("retry-after")).toBe("1");
    expect((await attempt(t, OWNER.email, OWNER.password, { address: "192.0.2.31" })).status).toBe(
      303,
    );
    await waitsPass(t);
    expect((await attempt(t, OWNER.email, OWNER.password, office)).status).toBe(303);
  });

  it("takes parallel guesses one at a time, each seeing the wait the previous one left", async () => {
    const email = "parallel@city.example";
    const from = { address: "192.0.2.15" };
    await failTimes(t, 5, email, from);
    await waitsPass(t);
    const statuses = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => attempt(t, email, `burst-${i}`, from).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([401, 429, 429, 429, 429]);
  });

  it("ignores X-Forwarded-For without SHISAKU_TRUST_PROXY, and uses it with it", async () => {
    const lastSession = async () =>
      (
        await rows<{ address: string }>(
          t,
          sql`select address from sessions order by created_at desc limit 1`,
        )
      )[0]?.address;
    const proxy = { address: "10.0.0.2" };
    expect(
      (
        await attempt(t, OWNER.email, OWNER.password, {
          ...proxy,
          forwardedFor: "198.51.100.7",
        })
      ).status,
    ).toBe(303);
    expect(await lastSession()).toBe("10.0.0.2");

    // Untrusted, the header does not make a client of its own: 21 failures slow the socket.
    for (let i = 0; i < 21; i++)
      await attempt(t, `spoof-${i}@city.example`, "wrong", {
        address: "10.0.0.3",
        forwardedFor: `198.51.100.${i}`,
      });
    expect(
      (
        await attempt(t, OWNER.email, OWNER.password, {
          address: "10.0.0.3",
          forwardedFor: "198.51.100.99",
        })
      ).status,
    ).toBe(429);

    vi.stubEnv("SHISAKU_TRUST_PROXY", "true");
    expect(
      (
        await attempt(t, OWNER.email, OWNER.password, {
          ...proxy,
          forwardedFor: "203.0.113.5, 198.51.100.7",
        })
      ).status,
    ).toBe(303);
    expect(await lastSession()).toBe("198.51.100.7");
    // Trusted, each forwarded client is counted on its own behind the one proxy.
    for (let i = 0; i < 21; i++)
      await attempt(t, `proxied-${i}@city.example`, "wrong", {
        address: "10.0.0.4",
        forwardedFor: "198.51.100.50",
      });
    const behind = (forwardedFor: string) =>
      attempt(t, OWNER.email, OWNER.password, { address: "10.0.0.4", forwardedFor });
    expect((await behind("198.51.100.50")).status).toBe(429);
    expect((await behind("198.51.100.51")).status).toBe(303);
  });

  it("mails the owner once after repeated failures, and answers an unknown e-mail the same", async () => {
    const known = "warned@city.example";
    const unknown = "never-registered@city.example";
    const run = async (email: string, address: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        await waitsPass(t);
        const res = await attempt(t, email, `guess-${i}`, { address });
        seen.push(`${res.status} ${(await res.text()).replaceAll(email, "EMAIL")}`);
        if (i < 5) continue; // the free failures: an immediate retry would be a guess of its own
        const retry = await attempt(t, email, `guess-${i}-again`, { address });
        seen.push(
          `${retry.status} ${retry.headers.get("retry-after")} ${(await retry.text()).replaceAll(email, "EMAIL")}`,
        );
      }
      return seen;
    };
    const forKnown = await run(known, "192.0.2.40");
    const forUnknown = await run(unknown, "192.0.2.41");
    expect(forUnknown).toEqual(forKnown);

    const mail = await rows<{ recipient: string; subject: string; body: string }>(
      t,
      sql`select recipient, subject, body from outbox
          where key like 'sign-in-failures/%' and recipient in (${known}, ${unknown})`,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe(known);
    expect(mail[0]!.subject).toBe("【石岡市】サインインの失敗が続いています");
    expect(mail[0]!.body).toContain("10回以上失敗しました");
    expect(mail[0]!.body).toContain("接続元のアドレス 192.0.2.40");
    expect(mail[0]!.body).toContain("すべての端末からサインアウト");
    // The counters name no one: only digests are kept.
    const stored = await rows<{ key_hash: string }>(t, sql`select key_hash from sign_in_failures`);
    expect(JSON.stringify(stored)).not.toMatch(/@|192\.0\.2/);
  });

  it("lets the owner's own browser in while others' failures make everyone else wait", async () => {
    const email = "busy@city.example";
    const password = "some-password-082058";
    const office = { address: "192.0.2.50" };
    const first = await attempt(t, email, password, office);
    expect(first.status).toBe(303);
    const device = deviceCookieOf(first);
    expect(device).toBeTruthy();
    expect(first.headers.getSetCookie().find((c) => c.startsWith("shisaku_device="))).toContain(
      `Path=/${MC}/manage/sign-in`,
    );

    // Someone at the same address keeps failing for this account: both it and the address wait.
    await failTimes(t, 21, email, office);
    expect((await attempt(t, email, password, office)).status).toBe(429);
    expect(
      (await attempt(t, email, password, { ...office, cookie: "shisaku_device=forged" })).status,
    ).toBe(429);
    expect((await attempt(t, email, password, { ...office, cookie: device })).status).toBe(303);
  });
});
