/** Turning zod issues into errors that say where: `measures[2].indicators[0].target.value`. */
import { z } from "zod";
import { AppError, type ErrorDetail } from "./errors.ts";

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

/** A page's filter from its query string; a bad parameter is a 400 that names it. */
export function parseFilterQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string>,
): z.infer<T> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const details = issuesToDetails(result.error);
    throw new AppError(
      "bad_request",
      `絞り込み条件が不正です: ${details.map((d) => d.location).join(", ")}`,
      details,
    );
  }
  return result.data;
}
