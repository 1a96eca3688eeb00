import type { SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpServer, type TestServer } from "../../test/support/smtp.ts";
import { createMailer, DEFAULT_MAIL_FROM, type Mailer } from "./mail.ts";

const servers: TestServer[] = [];
const mailers: Mailer[] = [];

afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(options: SMTPServerOptions = {}): Promise<TestServer> {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

function mailerFor(env: NodeJS.ProcessEnv): Mailer {
  const mailer = createMailer(env);
  if (!mailer) throw new Error("expected a mailer");
  mailers.push(mailer);
  return mailer;
}

// ── A small reader of the raw message, enough to check what a mail client would show ─────────

interface Parsed {
  headers: Map<string, string>;
  /** Header lines as they travelled, folded lines joined. */
  headerBlock: string;
  body: string;
}

/** RFC 2047: =?UTF-8?B?...?= and =?UTF-8?Q?...?=, adjacent words joined without the space. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text) => {
      expect(charset.toLowerCase()).toBe("utf-8");
      const bytes =
        enc.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : decodeQuotedPrintable(text.replace(/_/g, " "));
      return bytes.toString("utf8");
    });
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

function parse(raw: string): Parsed {
  const split = raw.indexOf("\r\n\r\n");
  expect(split).toBeGreaterThan(0);
  const headerBlock = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of headerBlock.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const transfer = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const body =
    transfer === "base64"
      ? Buffer.from(encoded.replace(/\s+/g, ""), "base64").toString("utf8")
      : transfer === "quoted-printable"
        ? decodeQuotedPrintable(encoded).toString("utf8")
        : encoded;
  return { headers, headerBlock, body };
}

const subject = "【石岡市】令和6年度（2024）の実績値の入力期限まであと7日です（未入力 2件）";
const text = [
  "政策 太郎 様",
  "",
  "令和6年度（2024）の実績値の報告について、次の2件が未入力です。",
  "・KPI-2 職員提案の提案数",
  "・KPI-10 マイナンバーカード申請率",
  "/082058/manage/updates?fy=2024",
  "",
].join("\n");

describe("without SMTP_URL no mail is sent", () => {
  it.each([
    ["unset", {}],
    ["empty", { SMTP_URL: "" }],
    ["blank", { SMTP_URL: "  " }],
  ])("SMTP_URL %s gives no mailer", (_case, env) => {
    expect(createMailer(env)).toBeNull();
  });

  it("the environment of the process is read by default", () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      expect(createMailer()).toBeNull();
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
  });
});

describe("a malformed SMTP_URL is refused at start-up", () => {
  it.each([
    ["not a URL", "mail.example.jp:587", /smtp:\/\/ or smtps:\/\//],
    ["garbage", "::::", /must be a URL/],
    ["another scheme", "https://mail.example.jp", /smtp:\/\/ or smtps:\/\//],
    ["no host", "smtp://", /must be a URL|no host/],
  ])("%s", (_case, url, message) => {
    expect(() => createMailer({ SMTP_URL: url })).toThrow(message);
  });
});

describe("sending through a real SMTP server", () => {
  it("delivers a Japanese message to the recipient, UTF-8 encoded, with the credentials of the URL", async () => {
    const server = await startServer();
    const mailer = mailerFor({
      SMTP_URL: `smtp://shisaku:p%40ss%3Aw%2Frd@127.0.0.1:${server.port}`,
      SHISAKU_MAIL_FROM: "施策 石岡市 <shisaku@city.example.jp>",
    });
    const sent = await mailer.send({ to: "editor@city.example.jp", subject, text });
    expect(sent.response).toMatch(/^250/);

    expect(server.received).toHaveLength(1);
    const got = server.received[0]!;
    expect(got.user).toBe("shisaku");
    expect(got.mailFrom).toBe("shisaku@city.example.jp");
    expect(got.rcptTo).toEqual(["editor@city.example.jp"]);

    const mail = parse(got.raw);
    // Headers travel as 7-bit ASCII; the Japanese is in encoded words.
    expect(/^[\x20-\x7e\r\n\t]*$/.test(mail.headerBlock)).toBe(true);
    expect(mail.headers.get("to")).toBe("editor@city.example.jp");
    expect(decodeWords(mail.headers.get("subject")!)).toBe(subject);
    expect(decodeWords(mail.headers.get("from")!)).toContain("施策 石岡市");
    expect(mail.headers.get("from")).toContain("<shisaku@city.example.jp>");
    expect(mail.headers.get("message-id")).toBe(sent.messageId);
    expect(mail.headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(mail.headers.get("content-transfer-encoding")).toBe("base64");
    expect(mail.body).toBe(text.replace(/\n/g, "\r\n"));
  });

  it("uses the default sender when SHISAKU_MAIL_FROM is not set", async () => {
    const server = await startServer({ authOptional: true });
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });
    expect(mailer.from).toBe(DEFAULT_MAIL_FROM);
    await mailer.send({ to: "editor@city.example.jp", subject: "テスト", text: "本文" });
    const mail = parse(server.received[0]!.raw);
    expect(server.received[0]!.mailFrom).toBe("no-reply@localhost");
    expect(mail.headers.get("from")).toBe("Shisaku <no-reply@localhost>");
    expect(decodeWords(mail.headers.get("subject")!)).toBe("テスト");
    expect(mail.body).toBe("本文");
  });

  it("speaks TLS from the start for smtps://", async () => {
    const server = await startServer({ secure: true });
    const mailer = mailerFor({
      SMTP_URL: `smtps://127.0.0.1:${server.port}?tls.rejectUnauthorized=false`,
    });
    await mailer.send({ to: "editor@city.example.jp", subject, text });
    expect(server.received[0]!.secure).toBe(true);
    expect(decodeWords(parse(server.received[0]!.raw).headers.get("subject")!)).toBe(subject);
  });

  it("a line break in the subject cannot add a header", async () => {
    const server = await startServer();
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });
    await mailer.send({
      to: "editor@city.example.jp",
      subject: "お知らせ\r\nBcc: outsider@example.com",
      text,
    });
    const got = server.received[0]!;
    expect(got.secure).toBe(false);
    expect(got.rcptTo).toEqual(["editor@city.example.jp"]);
    expect(parse(got.raw).headers.has("bcc")).toBe(false);
  });

  it("fails when the server refuses the recipient", async () => {
    const server = await startServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      },
    });
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });
    await expect(mailer.send({ to: "nobody@city.example.jp", subject, text })).rejects.toThrow();
    expect(server.received).toHaveLength(0);
  });

  it("fails when the credentials are wrong", async () => {
    const server = await startServer();
    const mailer = mailerFor({ SMTP_URL: `smtp://shisaku:wrong@127.0.0.1:${server.port}` });
    await expect(mailer.send({ to: "editor@city.example.jp", subject, text })).rejects.toThrow(
      /Invalid username or password/,
    );
    expect(server.received).toHaveLength(0);
  });

  it.each([
    "a@city.example.jp, b@city.example.jp",
    "a@city.example.jp\r\nBcc: b@city.example.jp",
    "Someone <a@city.example.jp>",
    "",
  ])("refuses anything but one bare address: %j", async (to) => {
    const server = await startServer();
    const mailer = mailerFor({ SMTP_URL: `smtp://127.0.0.1:${server.port}` });
    await expect(mailer.send({ to, subject, text })).rejects.toThrow(/one bare address/);
    expect(server.received).toHaveLength(0);
  });
});
