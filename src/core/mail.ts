/**
 * Sending e-mail by SMTP. The outbox (its table and the delivery loop) calls this; nothing else
 * sends mail directly.
 *
 * Configured from the environment only:
 * - SMTP_URL: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
 *   smtps://user:pass@host:465 (TLS from the start). Percent-encode a user name or password
 *   holding `@`, `:` or `/`. Query parameters become transport options, e.g.
 *   `?requireTLS=true` or `?tls.rejectUnauthorized=false` for a test server.
 *   Unset or empty: no mail is sent (createMailer returns null), the outbox keeps its rows.
 * - SHISAKU_MAIL_FROM: the sender, default "Shisaku <no-reply@localhost>".
 *
 * Messages are plain text in UTF-8: a Japanese subject becomes RFC 2047 encoded words, the body
 * base64, so it survives any relay that is not 8-bit clean.
 */
import nodemailer from "nodemailer";

export const DEFAULT_MAIL_FROM = "Shisaku <no-reply@localhost>";

export interface MailMessage {
  /** One bare address, e.g. seisaku@city.example.jp. */
  to: string;
  subject: string;
  /** Plain text; line ends become CRLF. */
  text: string;
}

export interface SentMail {
  messageId: string;
  /** The server's last reply, e.g. "250 OK: queued". */
  response: string;
}

export interface Mailer {
  /** The sender every message carries. */
  readonly from: string;
  /** Hands one message to the SMTP server; rejects when the server does not accept it. */
  send(message: MailMessage): Promise<SentMail>;
  /** Ends the transport's connections. */
  close(): void;
}

const SINGLE_ADDRESS = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+$/;
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Reads SMTP_URL; throws for a URL that is not smtp:// or smtps:// with a host. */
function smtpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("SMTP_URL must be a URL such as smtp://user:pass@host:587");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  if (url.hostname === "") throw new Error("SMTP_URL has no host");
  return value;
}

/**
 * The mailer the environment configures, or null when SMTP_URL is not set. Throws at start-up
 * for a malformed SMTP_URL rather than failing on the first message.
 */
export function createMailer(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const configured = env.SMTP_URL?.trim();
  if (!configured) return null;
  const from = env.SHISAKU_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const transport = nodemailer.createTransport({ url: smtpUrl(configured), ...TIMEOUTS });
  return {
    from,
    async send(message) {
      const to = message.to.trim();
      if (!SINGLE_ADDRESS.test(to))
        throw new Error(`A message goes to one bare address, got "${message.to}"`);
      const info = await transport.sendMail({
        from,
        to,
        subject: message.subject,
        // Text is canonically CRLF (RFC 2045), inside base64 too.
        text: message.text.replace(/\r?\n/g, "\r\n"),
        textEncoding: "base64",
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { messageId: info.messageId, response: info.response ?? "" };
    },
    close() {
      transport.close();
    },
  };
}
