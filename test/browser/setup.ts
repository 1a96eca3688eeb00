/**
 * Run before each browser file (vitest's setupFiles, also when the files share their modules):
 * every browser test fails on a message about the Content Security Policy, since pages must work
 * under it as they are served.
 */
import { afterEach, expect } from "vitest";
import { takeCspMessages } from "./support.ts";

afterEach(() => {
  const messages = takeCspMessages();
  expect(messages, `Content Security Policy messages:\n${messages.join("\n")}`).toEqual([]);
});
