/**
 * The client's address: for the audit trail, the sign-in delays and the letters' rate limit.
 * The one place that decides it.
 *
 * By default it is the address of the socket. Behind a reverse proxy that is the proxy's address,
 * the same for every user; SHISAKU_TRUST_PROXY then says how many proxies in front of the
 * application append to X-Forwarded-For, and the client is the entry that many from the right:
 * - unset, empty, `false` or `0`: the socket's address; X-Forwarded-For is ignored (anyone can
 *   send one).
 * - `true` or `1`: one proxy; the right-most entry (the address that proxy saw).
 * - a number N: N proxies in a chain; the N-th entry from the right.
 * A request without the header, or whose entry is not an IP address, falls back to the socket.
 */
import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** How many proxies SHISAKU_TRUST_PROXY trusts (0: none); throws for a value it does not know. */
export function parseTrustProxy(value: string | undefined): number {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "0") return 0;
  if (v === "true") return 1;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  throw new Error(
    `SHISAKU_TRUST_PROXY must be unset, false, true or the number of proxies (1–99), got "${value}"`,
  );
}

/** `::ffff:192.0.2.1` (IPv4 on an IPv6 socket) is 192.0.2.1. */
const plain = (address: string) =>
  address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

/**
 * The client's address from the socket's and the X-Forwarded-For header, trusting `hops`
 * proxies. Pure; `clientAddress` applies it to a request.
 */
export function pickClientAddress(
  socket: string | undefined,
  forwardedFor: string | undefined,
  hops: number,
): string | undefined {
  const own = socket ? plain(socket) : undefined;
  if (hops === 0 || !forwardedFor) return own;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) return own;
  // Fewer entries than proxies: the furthest one is the best the chain knows.
  const entry = entries[Math.max(0, entries.length - hops)]!;
  return isIP(entry) ? plain(entry) : own;
}

let parsed = { value: undefined as string | undefined, hops: 0 };
/** SHISAKU_TRUST_PROXY, read again only when it changes (loadConfig checks it at start). */
const trustedHops = () => {
  const value = process.env.SHISAKU_TRUST_PROXY;
  if (parsed.value !== value) parsed = { value, hops: parseTrustProxy(value) };
  return parsed.hops;
};

/** The client's address (none for an in-process request without a socket and without a header). */
export function clientAddress(c: Context): string | undefined {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined; // no socket (in-process requests)
  }
  return pickClientAddress(socket, c.req.header("x-forwarded-for"), trustedHops());
}
