import type { FC } from "hono/jsx";
import { DataNote, Paragraphs } from "../../core/views/text.tsx";
import type { IndicatorRecord } from "../../indicators/index.ts";
import { ChallengeBadge, IndicatorTable, StatusLegend } from "../../indicators/index.ts";
import { levelNoun } from "../levels.ts";
import type { PlanNode, PlanRow } from "../queries.ts";
import { Blocks, BlockView } from "./blocks.tsx";

/** A node's title with its level as the plan names it: 「基本施策1 …」「施策2 …」「分野 …」. */
export const nodeTitle = (n: PlanNode) => `${n.level.label}${n.number ?? ""} ${n.title}`;
export const measureTitle = nodeTitle;
/** A node's level and number as the plan names it: 「基本施策1」「施策2」「分野」. */
export const nodeLabel = (n: PlanNode) => `${n.level.label}${n.number ?? ""}`;

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
  /** Indicators that hang on a node below the measure, by node id. */
  indicatorsAt?: (nodeId: number) => IndicatorRecord[];
  /** Whether the plan marks any node as a challenge (チャレンジする取組). */
  challenges?: boolean;
}

/** Where a node of the tree is shown: its plan's page, a measure's page or a node's own page. */
export const nodeHref = (code: string, planCode: string, n: PlanNode) =>
  n.kind === "policy"
    ? `/${code}/plans/${planCode}`
    : n.kind === "measure"
      ? `/${code}/measures/${n.code}`
      : `/${code}/nodes/${n.code}`;

/** A node below a measure has a page of its own when it holds indicators or nodes below it. */
export const hasOwnPage = (n: PlanNode, indicators: IndicatorRecord[]) =>
  n.children.length > 0 || indicators.length > 0;

/** The nodes of one level under a node: name, content, sections; linked when they have a page. */
export const ChildTable: FC<{
  code: string;
  planCode: string;
  parent: PlanNode;
  indicatorsAt: (nodeId: number) => IndicatorRecord[];
}> = ({ code, planCode, parent, indicatorsAt }) => {
  const label = parent.children[0]?.level.label ?? "";
  const noun = levelNoun(label);
  return (
    <div class="table-wrap">
      <table class="responsive">
        <caption>
          {nodeTitle(parent)}の{label}
        </caption>
        <thead>
          <tr>
            <th scope="col">{noun}名</th>
            <th scope="col">{noun}内容</th>
            <th scope="col">担当課</th>
          </tr>
        </thead>
        <tbody>
          {parent.children.map((i) => {
            const own = indicatorsAt(i.id);
            return (
              <tr id={i.code} class={i.challenge ? "challenge" : undefined}>
                <th scope="row">
                  {hasOwnPage(i, own) ? (
                    <a href={nodeHref(code, planCode, i)}>{i.title}</a>
                  ) : (
                    i.title
                  )}{" "}
                  {i.challenge ? <ChallengeBadge /> : null}
                  {own.length > 0 ? <span class="muted">（指標 {own.length}）</span> : null}
                </th>
                <td data-label={`${noun}内容`}>
                  {i.description ?? "—"}
                  <DataNote note={i.note} />
                </td>
                <td data-label="担当課">{i.sections.map((s) => s.name).join("、") || "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};

/** Everything the plan prints for one measure, in the plan's own order. */
export const MeasurePage: FC<MeasurePageProps> = ({
  code,
  plan,
  measure: m,
  indicators,
  indicatorsAt = () => [],
  challenges = true,
}) => {
  const desired = m.blocks.filter((b) => b.role === "desired_state");
  const body = m.blocks.filter((b) => b.role !== "desired_state" && BEFORE_INITIATIVES.has(b.role));
  const boxes = m.blocks.filter((b) => !BEFORE_INITIATIVES.has(b.role));
  const outcome = indicators.filter((r) => r.kind === "outcome" || r.kind === "policy");
  const reference = indicators.filter((r) => r.kind === "reference" || r.kind === "activity");
  const challengeCount = m.children.filter((i) => i.challenge).length;
  const label = m.level.label;
  const childLabel = m.children[0]?.level.label ?? "";
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
        <a href={`/${code}/measures/${m.code}/programs`}>この{label}の事務事業とコスト</a>
        （事務事業・人件費を含む総コスト・今後の方向性・指標の達成状況）
      </p>
      <p>
        <a href={`/${code}/measures/${m.code}/letters`}>この{label}に寄せられた提案と対応</a>
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
      {m.children.length > 0 ? (
        <>
          <h2>{childLabel}</h2>
          {challenges ? (
            <p>
              {m.children.length} の取組のうち、チャレンジする取組は {challengeCount} です。
              チャレンジする取組には「チャレンジ」の表示と左端の赤い線を付けています。
            </p>
          ) : null}
          <ChildTable code={code} planCode={plan.code} parent={m} indicatorsAt={indicatorsAt} />
        </>
      ) : null}
      <h2>{childLabel ? `${childLabel}における参考指標` : "参考指標"}</h2>
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
