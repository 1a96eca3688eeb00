/**
 * What every staff write to one program shares (costs, budget requests): the program read by
 * its code and locked for the transaction — one writer at a time per program, also while the
 * row to write does not exist yet — and the optimistic version check of a form or API client.
 */
import { eq } from "drizzle-orm";
import { mayUpdateFor, type Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { readProgram, type StaffProgram } from "../evaluations/index.ts";
import { programs } from "./schema.ts";

/** The program, locked until the transaction ends; a 404 for an unknown code. */
export async function lockProgram(tx: Tx, mc: string, code: string): Promise<StaffProgram> {
  const program = await readProgram(tx, mc, code);
  if (!program) throw new AppError("not_found", `事務事業 ${code} が見つかりません`);
  await tx
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, program.id))
    .for("update");
  return program;
}

/** The version read (0: none saved yet) is not the current one; null expects nothing. */
export const isStale = (expected: number | null, current: number) =>
  expected !== null && expected !== current;

/**
 * Who may edit a program's costs and budget request: the same people as its self-evaluation —
 * an editor of its section, a planner or an admin.
 */
export const mayEditProgram = (who: Pick<Principal, "role" | "sectionCodes">, p: StaffProgram) =>
  mayUpdateFor(who, [p.section.code]);

/** Why the person may not edit the program (its section's editors, planners, admins), or null. */
export const programEditRefusal = (
  who: Pick<Principal, "role" | "sectionCodes">,
  p: StaffProgram,
): string | null =>
  mayEditProgram(who, p)
    ? null
    : `事務事業 ${p.code} を編集できるのは、担当課（${p.section.name}）の入力担当と企画担当・管理者です`;
