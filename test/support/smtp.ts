/** A real SMTP server on 127.0.0.1 (smtp-server) for tests that deliver e-mail. */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

/** What a real SMTP server on 127.0.0.1 received. */
export interface Received {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
}

export interface TestServer {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** Starts smtp-server on a free port; `options` may add TLS, refusals and the like. */
export async function startSmtpServer(options: SMTPServerOptions = {}): Promise<TestServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "shisaku" && auth.password === "p@ss:w/rd")
        callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const handle = {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return handle;
}
