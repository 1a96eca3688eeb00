import type { FC } from "hono/jsx";
import { DataNote } from "../../core/views/text.tsx";
import type { IndicatorRecord } from "../../indicators/index.ts";
import { countStatuses, IndicatorTable, StatusLabel } from "../../indicators/index.ts";
import { levelAt } from "../levels.ts";
import type { PlanNode, PlanTree } from "../queries.ts";
import { Blocks } from "./blocks.tsx";
import { measureTitle } from "./measure-page.tsx";

/**
 * A measure as a card: title, flags, the count of its children (named as the plan names their
 * level) and its indicators' status counts. A count of nothing is left out.
 */
export const MeasureCard: FC<{
  code: string;
  measure: PlanNode;
  indicators: IndicatorRecord[];
  level: number;
  /** The plan's name of the level below the measure. */
  childLabel: string;
}> = ({ code, measure: m, indicators, level, childLabel }) => {
  const challenge = m.children.filter((i) => i.challenge).length;
  const H = level === 3 ? "h3" : "h4";
  const counts = [
    m.children.length > 0
      ? `${childLabel} ${m.children.length}${challenge > 0 ? `（うちチャレンジする取組 ${challenge}）` : ""}`
      : null,
    indicators.length > 0 ? `指標 ${indicators.length}` : null,
  ].filter((x) => x !== null);
  return (
    <li class="card">
      <H>
        <a href={`/${code}/measures/${m.code}`}>{measureTitle(m)}</a>
      </H>
      <p>
        {m.priority ? <span class="badge priority">重点</span> : null} {counts.join("・")}
      </p>
      <ul class="counts" aria-label="指標の評価の内訳">
        {countStatuses(indicators)
          .filter((s) => s.count > 0)
          .map((s) => (
            <li>
              <StatusLabel code={s.code} /> {s.count}
            </li>
          ))}
      </ul>
    </li>
  );
};

export interface PlanOverviewProps {
  code: string;
  plan: PlanTree;
  indicatorsAt: (node: PlanNode) => IndicatorRecord[];
  /** Show the policy's text blocks (the plan page) or only its indicator (the home page). */
  full: boolean;
  /** Heading level of the overview's sections: 2 on the plan page, 3 under a plan on the home page. */
  level: 2 | 3;
}

export const PlanOverview: FC<PlanOverviewProps> = ({ code, plan, indicatorsAt, full, level }) => {
  const policy = plan.root;
  if (!policy) return <p>この計画にはまだ内容がありません。</p>;
  const H = level === 2 ? "h2" : "h3";
  const policyIndicators = indicatorsAt(policy);
  const policyLabel = policy.level.label;
  return (
    <>
      {policyIndicators.length > 0 ? (
        <>
          <H>{policyLabel}指標</H>
          <IndicatorTable
            code={code}
            caption={`${policyLabel}「${policy.title}」の指標`}
            records={policyIndicators}
          />
        </>
      ) : null}
      {policy.children.length > 0 ? (
        <>
          <H>{levelAt(plan, 1).label}</H>
          <ul class="cards">
            {policy.children.map((m) => (
              <MeasureCard
                code={code}
                measure={m}
                indicators={indicatorsAt(m)}
                level={level + 1}
                childLabel={levelAt(plan, 2).label}
              />
            ))}
          </ul>
        </>
      ) : null}
      {full ? (
        <>
          <DataNote note={policy.note} />
          <Blocks blocks={policy.blocks} base={2} />
        </>
      ) : null}
    </>
  );
};

export const PlanPage: FC<Omit<PlanOverviewProps, "full" | "level">> = (props) => {
  const p = props.plan;
  return (
    <>
      <h1>
        {p.title}
        {p.subtitle ? <span class="muted">（{p.subtitle}）</span> : null}
      </h1>
      <DataNote note={p.note} />
      <PlanOverview {...props} full level={2} />
      {p.source ? (
        <p class="muted">
          <small>出典：{p.source}</small>
        </p>
      ) : null}
    </>
  );
};
