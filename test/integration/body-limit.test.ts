/**
 * Request bodies are limited everywhere: 1 MB unless the route takes files. A body over its
 * limit is answered 413 before it is read — at once when its Content-Length says so, as soon as
 * it passes the limit when it comes without one — as an HTML page, or JSON under /api/.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT, importMaxBytes } from "../../src/core/http/body-limit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const MB = 1024 * 1024;
const SIGN_IN = `/${MC}/manage/sign-in`;
const FORM = "application/x-www-form-urlencoded";

/** A body of `total` bytes (endless by default) that counts how much of it was read. */
function counted(total = Number.POSITIVE_INFINITY, chunk = 64 * 1024) {
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const n = Math.min(chunk, total - read.bytes);
        if (n <= 0) return controller.close();
        read.bytes += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
      // Nothing read ahead: a chunk is made only when the server reads it.
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

describeEachBackend("request body limits", (t) => {
  it("refuses a sign-in form whose Content-Length is over 1 MB without reading it", async () => {
    const { stream, read } = counted();
    const res = await t.app.request(
      new Request(`http://localhost${SIGN_IN}`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": FORM, "content-length": String(600 * MB) },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain("送信された内容が大きすぎます。一度に送れるのは 1 MB までです");
    expect(read.bytes).toBe(0);
  });

  it("cuts off a chunked body without Content-Length at the limit", async () => {
    const { stream, read } = counted();
    const res = await t.app.request(
      new Request(`http://localhost${SIGN_IN}`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": FORM },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(read.bytes).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    expect(read.bytes).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT + 64 * 1024);
  });

  it("still takes a chunked body under the limit", async () => {
    const body = new URLSearchParams({ email: DEMO.viewer.email, password: DEMO.viewer.password });
    const bytes = new TextEncoder().encode(body.toString());
    const res = await t.app.request(
      new Request(`http://localhost${SIGN_IN}`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": FORM },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(303);
  });

  it("answers an oversized API body with the JSON error", async () => {
    const res = await t.app.request(
      `/api/v1/municipalities/${MC}/indicators/GZ-1-O1/actuals/2024`,
      {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: "Bearer x" },
        body: JSON.stringify({ value: 1, note: "x".repeat(DEFAULT_BODY_LIMIT) }),
      },
    );
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toContain("1 MB");
  });

  it("lets a spreadsheet upload be larger, up to the import limit", async () => {
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    const upload = (bytes: number) => {
      const form = new FormData();
      form.set("_csrf", editor.csrf);
      form.set("format", "csv");
      form.set("file", new File([new Uint8Array(bytes).fill(0x61)], "big.csv"));
      return t.get(`/${MC}/manage/spreadsheets/actuals/preview`, {
        method: "POST",
        headers: { origin: ORIGIN, cookie: editor.cookie },
        body: form,
      });
    };
    // Over the general limit, under the import limit: the import reads it (and finds no table).
    const twoMb = await upload(2 * MB);
    expect(twoMb.status).not.toBe(413);
    expect(twoMb.status).toBeLessThan(500);

    const tooLarge = await upload(importMaxBytes() + MB + 1);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("ファイルが大きすぎます。上限は 10 MB です");
  });

  it("lets the apply form carry a file of the import limit base64-encoded", async () => {
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    // Random bytes, as an .xlsx (a zip) is: its base64 has "+" and "/" at their usual rate.
    const file = randomBytes(importMaxBytes());
    const res = await editor.post(`/${MC}/manage/spreadsheets/actuals/apply`, {
      fileName: "big.xlsx",
      format: "auto",
      sha256: "0",
      digest: "0",
      data: file.toString("base64"),
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  describe_overSocket(t);
});

/** Through a real socket, as a client on the network sends it. */
function describe_overSocket(t: Parameters<Parameters<typeof describeEachBackend>[1]>[0]) {
  let base: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    base = await new Promise((resolve) => {
      const server = serve(
        { fetch: t.app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false },
        (info: AddressInfo) =>
          resolve({
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                if ("closeAllConnections" in server) server.closeAllConnections();
                server.close(() => done());
              }),
          }),
      );
    });
  });
  afterAll(() => base?.close());

  /** Sends headers and then body chunks until the answer comes; how much was written. */
  const send = (headers: Record<string, string>) =>
    new Promise<{ status: number; body: string; written: number }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = httpRequest(
        { host: "127.0.0.1", port: base.port, method: "POST", path: SIGN_IN, headers },
        (res) => {
          answered = true;
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (body += d));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body, written });
            req.destroy();
          });
        },
      );
      req.on("error", (err) => (answered ? undefined : reject(err)));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!answered && written < 64 * MB) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
    });

  it("over a socket: a 600 MB Content-Length is answered 413 after a few chunks", async () => {
    const res = await send({
      origin: ORIGIN,
      "content-type": FORM,
      "content-length": String(600 * MB),
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("送信された内容が大きすぎます");
    expect(res.written).toBeLessThan(32 * MB);
  });

  it("over a socket: a chunked body is answered 413 soon after the first megabyte", async () => {
    const res = await send({ origin: ORIGIN, "content-type": FORM });
    expect(res.status).toBe(413);
    expect(res.written).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    expect(res.written).toBeLessThan(32 * MB);
  });
}
