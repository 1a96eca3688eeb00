import type { FC } from "hono/jsx";
import { DataNote, Paragraphs } from "../../core/views/text.tsx";
import type { IndicatorRecord } from "../../indicators/index.ts";
import { ChallengeBadge, IndicatorTable, StatusLegend } from "../../indicators/index.ts";
import type { PlanNode, PlanRow } from "../queries.ts";
import { Blocks } from "./blocks.tsx";
import { ChildTable, nodeTitle } from "./measure-page.tsx";

export interface NodePageProps {
  code: string;
  plan: PlanRow;
  node: PlanNode;
  indicatorsAt: (nodeId: number) => IndicatorRecord[];
}

/**
 * A node below a measure (具体的な取組, 主要施策, and the plan's deeper levels): what the plan
 * prints for it, its indicators and the nodes of the level below. Sections with nothing in them
 * are left out.
 */
export const NodePage: FC<NodePageProps> = ({ code, plan, node: n, indicatorsAt }) => {
  const indicators = indicatorsAt(n.id);
  return (
    <>
      <p class="muted">{plan.title}</p>
      <h1>
        {nodeTitle(n)} {n.challenge ? <ChallengeBadge /> : null}
      </h1>
      {n.summary ? (
        <div class="lead">
          <Paragraphs text={n.summary} />
        </div>
      ) : null}
      <DataNote note={n.note} />
      {n.description ? <Paragraphs text={n.description} /> : null}
      {n.sections.length > 0 ? <p>担当課：{n.sections.map((s) => s.name).join("、")}</p> : null}
      {indicators.length > 0 ? (
        <>
          <h2>指標</h2>
          <IndicatorTable code={code} caption={`${nodeTitle(n)}の指標`} records={indicators} />
          <StatusLegend />
        </>
      ) : null}
      <Blocks blocks={n.blocks} base={2} />
      {n.children.length > 0 ? (
        <>
          <h2>{n.children[0]!.level.label}</h2>
          <ChildTable code={code} planCode={plan.code} parent={n} indicatorsAt={indicatorsAt} />
        </>
      ) : null}
    </>
  );
};
