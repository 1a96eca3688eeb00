/**
 * The browser tests need Debian's Chromium. Where it is missing, this installs it with apt-get
 * when the run may (root, apt-get present), or stops the run at once with the command to run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM } from "../browser/chromium-path.ts";

const COMMAND = "apt-get update && apt-get install -y chromium";

export default function setup() {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  const apt = existsSync("/usr/bin/apt-get");
  if (CHROMIUM !== "/usr/bin/chromium" || !root || !apt)
    throw new Error(
      `Chromium is not at ${CHROMIUM}; the browser tests need it. Install Debian's package (as root): ${COMMAND} — or set CHROMIUM_PATH to a Chromium binary.`,
    );
  console.log(`Chromium is missing: installing Debian's package (${COMMAND}) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but not at ${CHROMIUM}`);
}
