import { describe, expect, it } from "vitest";
import { parseTrustProxy, pickClientAddress } from "./client-address.ts";

describe("SHISAKU_TRUST_PROXY", () => {
  it("trusts no proxy unless told, one for true, or the number given", () => {
    for (const v of [undefined, "", " ", "false", "FALSE", "0"]) expect(parseTrustProxy(v)).toBe(0);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
  });

  it("refuses a value it does not know, rather than guessing", () => {
    for (const v of ["yes", "-1", "1.5", "loopback", "10.0.0.0/8", "100"])
      expect(() => parseTrustProxy(v), v).toThrow("SHISAKU_TRUST_PROXY");
  });
});

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever the header says", () => {
    expect(pickClientAddress("192.0.2.1", "198.51.100.7", 0)).toBe("192.0.2.1");
    expect(pickClientAddress(undefined, "198.51.100.7", 0)).toBeUndefined();
  });

  it("is the right-most forwarded entry behind one proxy", () => {
    // The client may send its own header; the proxy appends the address it saw.
    expect(pickClientAddress("10.0.0.2", "203.0.113.9, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(pickClientAddress(undefined, "198.51.100.7", 1)).toBe("198.51.100.7");
  });

  it("is the entry N from the right behind N proxies, or the furthest there is", () => {
    const header = "203.0.113.9, 198.51.100.7, 10.0.0.5";
    expect(pickClientAddress("10.0.0.2", header, 2)).toBe("198.51.100.7");
    expect(pickClientAddress("10.0.0.2", header, 3)).toBe("203.0.113.9");
    expect(pickClientAddress("10.0.0.2", header, 5)).toBe("203.0.113.9");
  });

  it("falls back to the socket without a usable header", () => {
    expect(pickClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(pickClientAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(pickClientAddress("10.0.0.2", "unknown", 1)).toBe("10.0.0.2");
    expect(pickClientAddress("10.0.0.2", "2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("writes an IPv4 address on an IPv6 socket plainly", () => {
    expect(pickClientAddress("::ffff:192.0.2.1", undefined, 0)).toBe("192.0.2.1");
    expect(pickClientAddress("::1", undefined, 0)).toBe("::1");
  });
});
