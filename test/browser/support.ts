/**
 * The browser suite's fixture: the real app served over HTTP on a free port (a private clone of
 * the demo database), Debian's Chromium driven by playwright-core, and axe-core for checks.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { AxeResults, Result } from "axe-core";
import { type Browser, chromium, type Download, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Database } from "../../src/core/db/client.ts";
import { cloneTemplate } from "../support/template.ts";
import { CHROMIUM } from "./chromium-path.ts";

const require = createRequire(import.meta.url);

export { CHROMIUM };

export interface Portal {
  baseUrl: string;
  browser: Browser;
  /** The served app's database (to look up ids a test needs). */
  database: Database;
  close(): Promise<void>;
}

/**
 * Serves the app on 127.0.0.1 at a free port and connects to the run's Chromium
 * (test/support/chromium-setup.ts); close() undoes both, closing the contexts this connection
 * opened.
 */
export async function startPortal(): Promise<Portal> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests need Debian's Chromium ` +
        "(apt-get install chromium) or CHROMIUM_PATH pointing at a Chromium binary.",
    );
  }
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const database: Database = await cloneTemplate("pglite");
    closers.push(() => database.close());
    const app = createApp({ db: database.db });
    const port = await new Promise<number>((resolve, reject) => {
      const server = serve(
        // Port 0: the system picks a free one. Leave the test process's Request/Response alone.
        { fetch: app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false },
        (info: AddressInfo) => resolve(info.port),
      );
      server.once("error", reject);
      closers.push(
        () =>
          new Promise<void>((done) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close(() => done());
          }),
      );
    });
    const browser = await chromium.connect(inject("chromiumEndpoint"));
    closers.push(() => browser.close());
    watchContentSecurityPolicy(browser);
    return { baseUrl: `http://127.0.0.1:${port}`, browser, database, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** What the browser said about the Content Security Policy since the last test ended. */
const cspMessages: string[] = [];

/**
 * Listens to the console of every page the browser opens (browser.newPage opens its page in a
 * context of its own, through newContext) for what the browser says about the Content Security
 * Policy: a blocked script or style.
 */
function watchContentSecurityPolicy(browser: Browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text()))
        cspMessages.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
    });
    return context;
  };
}

/**
 * The browser's messages about the Content Security Policy since the last call, emptied:
 * test/browser/setup.ts fails every browser test that leaves one.
 */
export const takeCspMessages = () => cspMessages.splice(0);

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Runs axe-core on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) {
    // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the
    // page's Content Security Policy, as it should be.
    await page.evaluate(AXE_SOURCE);
  }
  return (await page.evaluate(
    `axe.run(document, { runOnly: ${JSON.stringify(AXE_TAGS)} })`,
  )) as AxeResults;
}

/** The violations as readable text for a failure message: rule, impact, help, each target. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map(
          (n) =>
            `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, " ") ?? ""}`,
        )
        .join("\n");
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : "";
      return `  [${v.id}] (${v.impact}) ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
}

/** A page's headings as levels, in document order. */
export async function headingLevels(page: Page): Promise<number[]> {
  return page
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((els) => els.map((e) => Number((e as { tagName: string }).tagName.slice(1))));
}

/** Where a heading list goes wrong: a level skipped going down (h2 → h4), or the h1 count. */
export function headingProblems(levels: number[]): string[] {
  const problems: string[] = [];
  const h1s = levels.filter((l) => l === 1).length;
  if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
  if (levels[0] !== 1) problems.push(`the first heading is h${levels[0]}, not h1`);
  levels.forEach((level, i) => {
    const prev = levels[i - 1];
    if (prev !== undefined && level > prev + 1) {
      problems.push(`heading #${i + 1} jumps from h${prev} to h${level}`);
    }
  });
  return problems;
}

/** Fails with the violations listed when axe-core finds any; also checks that rules did run. */
export async function expectAxeClean(page: Page) {
  const { violations, passes } = await runAxe(page);
  expect(
    violations.map((v) => v.id),
    `axe-core violations on ${page.url()}:\n${describeViolations(violations)}`,
  ).toEqual([]);
  // A run that checked nothing would be clean too: make sure the rules did run.
  expect(passes.length).toBeGreaterThan(10);
}

/** A page of a new browser context signed in to the staff pages of `code` as `who`. */
export async function signedInPage(
  portal: Portal,
  code: string,
  who: { email: string; password: string },
): Promise<Page> {
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto(`/${code}/manage/sign-in`);
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await Promise.all([
    page.waitForURL(`**/${code}/manage/`),
    page.getByRole("button", { name: "サインイン" }).click(),
  ]);
  return page;
}

/**
 * A download's bytes. Chromium runs as a browser server of its own (one per run), so a
 * download's file is not on this side's disk: it is read as a stream.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
