/**
 * Staff: "my evaluations" of a fiscal year — an editor sees their sections' programs and the
 * state of each evaluation; a planner sees every program and, per section, how many are
 * submitted, reviewed and published of how many.
 */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatJapaneseDate } from "../../reporting/index.ts";
import { ExcelHint } from "../../spreadsheets/index.ts";
import type { EvaluationRound } from "../round.ts";
import type { YearEvaluation } from "../staff-queries.ts";
import { type EvaluationState, STATE_LABELS } from "../workflow.ts";
import { directionText } from "./evaluation-parts.tsx";

export interface SectionCompletion {
  section: { code: string; name: string };
  total: number;
  /** Evaluations in each state; a program without one counts as draft (未着手). */
  byState: Record<EvaluationState, number>;
  /** Submitted or further along. */
  done: number;
}

/** Completion per section, in the order sections first appear. Pure. */
export function completionBySection(rows: readonly YearEvaluation[]): SectionCompletion[] {
  const out = new Map<string, SectionCompletion>();
  for (const { program, evaluation } of rows) {
    const c = out.get(program.section.code) ?? {
      section: program.section,
      total: 0,
      byState: { draft: 0, submitted: 0, reviewed: 0, published: 0 },
      done: 0,
    };
    c.total += 1;
    c.byState[evaluation.state] += 1;
    if (evaluation.state !== "draft") c.done += 1;
    out.set(program.section.code, c);
  }
  return [...out.values()];
}

const percent = (done: number, total: number) =>
  total === 0 ? "—" : `${Math.round((done / total) * 100)}%`;

/** Per section: programs in each state and how many are submitted, for a planner. */
export const SectionCompletionTable: FC<{ fiscalYear: number; rows: YearEvaluation[] }> = ({
  fiscalYear,
  rows,
}) => {
  const completion = completionBySection(rows);
  return (
    <div class="table-wrap">
      <table>
        <caption>担当課ごとの評価の状況（{fiscalYearLabel(fiscalYear)}）</caption>
        <thead>
          <tr>
            <th scope="col">担当課</th>
            <th scope="col" class="num">
              事業数
            </th>
            <th scope="col" class="num">
              {STATE_LABELS.draft}
            </th>
            <th scope="col" class="num">
              {STATE_LABELS.submitted}
            </th>
            <th scope="col" class="num">
              {STATE_LABELS.reviewed}
            </th>
            <th scope="col" class="num">
              {STATE_LABELS.published}
            </th>
            <th scope="col" class="num">
              提出率
            </th>
          </tr>
        </thead>
        <tbody>
          {completion.map((c) => (
            <tr>
              <th scope="row">{c.section.name}</th>
              <td class="num">{c.total}</td>
              <td class="num">{c.byState.draft}</td>
              <td class="num">{c.byState.submitted}</td>
              <td class="num">{c.byState.reviewed}</td>
              <td class="num">{c.byState.published}</td>
              <td class="num">
                {c.done} / {c.total}（{percent(c.done, c.total)}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const RoundLine: FC<{ round: EvaluationRound }> = ({ round }) => (
  <p class="notice">
    {round.closedAt
      ? `${fiscalYearLabel(round.fiscalYear)}の事務事業評価は締め切られました（提出期限 ${formatJapaneseDate(round.deadline)}）。`
      : `${fiscalYearLabel(round.fiscalYear)}の一次評価の提出期限は ${formatJapaneseDate(round.deadline)} です。`}
  </p>
);

export const MyEvaluationsPage: FC<{
  code: string;
  fiscalYear: number;
  years: number[];
  rows: YearEvaluation[];
  everySection: boolean;
  /** The evaluation round of the year, when one was opened. */
  round?: EvaluationRound;
  /** A planner: links to the round, the scale, the budget review and the cost settings. */
  mayManage: boolean;
}> = ({ code, fiscalYear, years, rows, everySection, round, mayManage }) => {
  const drafts = rows.filter((r) => r.evaluation.state === "draft").length;
  return (
    <>
      <h1>事務事業評価</h1>
      <p class="lead">
        {everySection ? "すべての担当課" : "あなたの担当課"}の事務事業 {rows.length} 件のうち、
        {fiscalYearLabel(fiscalYear)}の評価が未提出（作成中・未着手）のものは{" "}
        <strong>{drafts} 件</strong>です。
      </p>
      <form method="get" class="filters" action={`/${code}/manage/evaluations`}>
        <div>
          <label for="fy">年度</label>
          <select id="fy" name="fy">
            {years.map((y) => (
              <option value={String(y)} selected={y === fiscalYear}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      {round ? <RoundLine round={round} /> : null}
      <ExcelHint
        code={code}
        dataset="evaluations"
        what="評価中の年度の一次評価"
        section={everySection ? "all" : "mine"}
      />
      <ExcelHint
        code={code}
        dataset="program-costs"
        what="事務事業の年度ごとのコスト"
        section={everySection ? "all" : "mine"}
      />
      {mayManage ? (
        <p>
          <a href={`/${code}/manage/evaluations/round?fy=${fiscalYear}`}>
            評価の開始・締切と提出状況
          </a>
          {" ・ "}
          <a href={`/${code}/manage/evaluations/settings`}>評価の段階の設定</a>
          {" ・ "}
          <a href={`/${code}/manage/evaluations/budget-review?fiscalYear=${fiscalYear}`}>
            事業査定（予算要求と評価の方向性）
          </a>
          {" ・ "}
          <a href={`/${code}/manage/programs/cost-settings`}>人件費単価と決算確定</a>
        </p>
      ) : null}
      {everySection ? <SectionCompletionTable fiscalYear={fiscalYear} rows={rows} /> : null}
      {rows.length === 0 ? (
        <p>この年度に評価する事務事業はありません。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{fiscalYearLabel(fiscalYear)}の事務事業と評価の状態</caption>
            <thead>
              <tr>
                <th scope="col">事務事業</th>
                <th scope="col">担当課</th>
                <th scope="col">状態</th>
                <th scope="col">方向性（一次評価）</th>
                <th scope="col">方向性（二次評価）</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ program: p, evaluation: e }) => (
                <tr>
                  <th scope="row">
                    <a
                      href={`/${code}/manage/programs/${encodeURIComponent(p.code)}/evaluations/${fiscalYear}`}
                    >
                      {p.name}
                    </a>{" "}
                    <span class="muted">{p.code}</span>
                  </th>
                  <td>{p.section.name}</td>
                  <td>
                    {e.version === 0 ? (
                      <strong>未着手</strong>
                    ) : e.state === "draft" ? (
                      <strong>{STATE_LABELS.draft}</strong>
                    ) : (
                      STATE_LABELS[e.state]
                    )}
                  </td>
                  <td>{directionText(e.content.self.direction)}</td>
                  <td>{directionText(e.content.secondary?.direction ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
