import type { FC } from "hono/jsx";
import { DataNote, Paragraphs } from "../../core/views/text.tsx";
import type { IndicatorRecord } from "../../indicators/index.ts";
import { ChallengeBadge, IndicatorTable, StatusLegend } from "../../indicators/index.ts";
import type { PlanNode, PlanRow } from "../queries.ts";
import { Blocks, BlockView } from "./blocks.tsx";

export const measureTitle = (n: PlanNode) => `基本施策${n.number ?? ""} ${n.title}`;

const BEFORE_INITIATIVES = new Set([
  "desired_state",
  "current_situation",
  "issues",
  "related_plans",
  "table",
  "heading",
]);

export interface MeasurePageProps {
  code: string;
  plan: PlanRow;
  measure: PlanNode;
  indicators: IndicatorRecord[];
}

/** Everything the plan prints for one measure, in the plan's own order. */
export const MeasurePage: FC<MeasurePageProps> = ({ code, plan, measure: m, indicators }) => {
  const desired = m.blocks.filter((b) => b.role === "desired_state");
  const body = m.blocks.filter((b) => b.role !== "desired_state" && BEFORE_INITIATIVES.has(b.role));
  const boxes = m.blocks.filter((b) => !BEFORE_INITIATIVES.has(b.role));
  const outcome = indicators.filter((r) => r.kind === "outcome" || r.kind === "policy");
  const reference = indicators.filter((r) => r.kind === "reference" || r.kind === "activity");
  const challengeCount = m.children.filter((i) => i.challenge).length;
  return (
    <>
      <p class="muted">{plan.title}</p>
      <h1>
        {measureTitle(m)} {m.priority ? <span class="badge priority">重点</span> : null}
      </h1>
      {m.summary ? (
        <div class="lead">
          <Paragraphs text={m.summary} />
        </div>
      ) : null}
      <DataNote note={m.note} />
      <p>
        <a href={`/${code}/measures/${m.code}/programs`}>この基本施策の事務事業とコスト</a>
        （事務事業・人件費を含む総コスト・今後の方向性・指標の達成状況）
      </p>
      <p>
        <a href={`/${code}/measures/${m.code}/letters`}>この基本施策に寄せられた提案と対応</a>
        （市長へのたより・市長と語ろう会の提案と、その結果）
      </p>
      {desired.map((b) => (
        <BlockView block={b} level={2} />
      ))}
      <h2>成果指標</h2>
      {outcome.length > 0 ? (
        <IndicatorTable code={code} caption={`${measureTitle(m)}の成果指標`} records={outcome} />
      ) : (
        <p>成果指標はありません。</p>
      )}
      <StatusLegend />
      <Blocks blocks={body} base={2} />
      <h2>具体的な取組</h2>
      <p>
        {m.children.length} の取組のうち、チャレンジする取組は {challengeCount} です。
        チャレンジする取組には「チャレンジ」の表示と左端の赤い線を付けています。
      </p>
      <div class="table-wrap">
        <table class="responsive">
          <caption>{measureTitle(m)}の具体的な取組</caption>
          <thead>
            <tr>
              <th scope="col">取組名</th>
              <th scope="col">取組内容</th>
              <th scope="col">担当課</th>
            </tr>
          </thead>
          <tbody>
            {m.children.map((i) => (
              <tr id={i.code} class={i.challenge ? "challenge" : undefined}>
                <th scope="row">
                  {i.title} {i.challenge ? <ChallengeBadge /> : null}
                </th>
                <td data-label="取組内容">
                  {i.description}
                  <DataNote note={i.note} />
                </td>
                <td data-label="担当課">{i.sections.map((s) => s.name).join("、") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>具体的な取組における参考指標</h2>
      {reference.length > 0 ? (
        <IndicatorTable code={code} caption={`${measureTitle(m)}の参考指標`} records={reference} />
      ) : (
        <p>参考指標は掲載されていません。</p>
      )}
      {boxes.map((b) => (
        <BlockView block={b} level={2} />
      ))}
    </>
  );
};
