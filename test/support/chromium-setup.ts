/**
 * The browser tests need Debian's Chromium. Where it is missing, this installs it with apt-get
 * when the run may (root, apt-get present), or stops the run at once with the command to run.
 * Then it starts one Chromium for the whole run (playwright's browser server); each browser file
 * connects to it (test/browser/support.ts) and works in contexts of its own, instead of starting
 * and stopping a Chromium of its own.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, CHROMIUM_ARGS } from "../browser/chromium-path.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The WebSocket address of the run's Chromium (playwright's browser server). */
    chromiumEndpoint: string;
  }
}

const COMMAND = "apt-get update && apt-get install -y chromium";

function ensureChromium() {
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

export default async function setup(project: TestProject) {
  ensureChromium();
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
