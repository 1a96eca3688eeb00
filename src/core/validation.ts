/** Turning zod issues into errors that say where: `measures[2].indicators[0].target.value`. */
import { z } from "zod";
import type { ErrorDetail } from "./errors.ts";

// Every validation message a user sees is Japanese.
z.config(z.locales.ja());

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function issuesToDetails(error: z.ZodError, prefix = ""): ErrorDetail[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path);
    return {
      location: prefix && where ? `${prefix}: ${where}` : prefix || where || "(全体)",
      message: issue.message,
    };
  });
}
