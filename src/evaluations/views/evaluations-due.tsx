/** Staff home: the person's programs still to self-evaluate in an open evaluation round. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatJapaneseDate } from "../../reporting/index.ts";
import { myEvaluationsPath } from "../round.ts";
import type { EvaluationsDue } from "../round-store.ts";

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
