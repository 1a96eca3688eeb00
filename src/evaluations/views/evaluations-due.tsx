/** Staff home: the person's programs still to self-evaluate in an open evaluation round. */
import type { FC } from "hono/jsx";
import { mayUpdateFor, type Principal } from "../../accounts/index.ts";
import type { Db } from "../../core/db/client.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatJapaneseDate } from "../../reporting/index.ts";
import { myEvaluationsPath, selfDone } from "../round.ts";
import { loadEvaluationRounds, loadRoundPrograms } from "../round-store.ts";

export interface EvaluationsDue {
  fiscalYear: number;
  deadline: string;
  /** Programs of the person's sections not submitted yet. */
  due: number;
}

/** For each open round (nearest deadline first), what is still due of this person's programs. */
export async function loadEvaluationsDue(
  db: Db,
  mc: string,
  who: Pick<Principal, "role" | "sectionCodes">,
): Promise<EvaluationsDue[]> {
  const open = (await loadEvaluationRounds(db, mc))
    .filter((r) => r.closedAt === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const out: EvaluationsDue[] = [];
  for (const round of open) {
    const programs = (await loadRoundPrograms(db, mc, round.fiscalYear)).filter(
      (p) => mayUpdateFor(who, [p.section.code]) && !selfDone(p.state),
    );
    if (programs.length)
      out.push({ fiscalYear: round.fiscalYear, deadline: round.deadline, due: programs.length });
  }
  return out;
}

export const EvaluationsDueBox: FC<{ code: string; due: EvaluationsDue[] }> = ({ code, due }) =>
  due.length === 0 ? null : (
    <section class="box" aria-labelledby="my-evaluations">
      <h2 id="my-evaluations">あなたの担当の事務事業評価</h2>
      {due.map((d) => (
        <p>
          {fiscalYearLabel(d.fiscalYear)}: <strong>未提出 {d.due} 件</strong>
          。提出期限は{formatJapaneseDate(d.deadline)}です。{" "}
          <a href={myEvaluationsPath(code, d.fiscalYear)}>評価を入力する</a>
        </p>
      ))}
    </section>
  );
