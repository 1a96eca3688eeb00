/**
 * The bench's bare Node `http` server (bench/wrk.ts): answers each address of a list with the
 * status, headers and bytes the application gave it, and nothing else. Plain JavaScript run by
 * plain `node`, in a process of its own, as the application runs: the yardstick is node:http
 * itself. `node bench/bare-server.mjs ANSWERS.json PORT`, where ANSWERS.json is
 * `[{ "path", "status", "headers", "body" (base64) }]`; it prints "listening" when ready.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const answers = new Map(
  JSON.parse(readFileSync(file, "utf8")).map((a) => [
    a.path,
    { status: a.status, headers: a.headers, body: Buffer.from(a.body, "base64") },
  ]),
);

http
  .createServer((req, res) => {
    const a = answers.get(req.url);
    if (!a) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(a.status, a.headers);
    res.end(a.body);
  })
  .listen(Number(port), "127.0.0.1", () => console.log("listening"));
