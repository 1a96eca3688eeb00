/** Staff: every plan node and indicator that can be edited, with the drafts waiting marked. */
import type { FC } from "hono/jsx";
import type { IndicatorRecord } from "../../indicators/index.ts";
import type { PlanNode, PlanTree } from "../../plan/index.ts";

export interface DefinitionsPageProps {
  code: string;
  trees: PlanTree[];
  indicatorsAt: (nodeId: number) => IndicatorRecord[];
  /** "plan_node/GZ-1", "indicator/GZ-1-O1": records with a draft. */
  drafted: Set<string>;
}

const Draft: FC<{ on: boolean }> = ({ on }) =>
  on ? (
    <>
      {" "}
      <span class="badge draft">下書きあり</span>
    </>
  ) : null;

const NodeItem: FC<{ node: PlanNode; p: DefinitionsPageProps }> = ({ node, p }) => {
  const indicators = p.indicatorsAt(node.id);
  return (
    <li>
      <a href={`/${p.code}/manage/plan/nodes/${encodeURIComponent(node.code)}`}>
        {node.title}
        <span class="visually-hidden">を編集</span>
      </a>{" "}
      <span class="muted">{node.code}</span>
      <Draft on={p.drafted.has(`plan_node/${node.code}`)} />
      {indicators.length ? (
        <ul class="indicator-links">
          {indicators.map((r) => (
            <li>
              指標:{" "}
              <a href={`/${p.code}/manage/indicators/${encodeURIComponent(r.code)}/definition`}>
                {r.name}
                <span class="visually-hidden">の定義を編集</span>
              </a>{" "}
              <span class="muted">{r.code}</span>
              <Draft on={p.drafted.has(`indicator/${r.code}`)} />
            </li>
          ))}
        </ul>
      ) : null}
      {node.children.length ? (
        <ul>
          {node.children.map((child) => (
            <NodeItem node={child} p={p} />
          ))}
        </ul>
      ) : null}
    </li>
  );
};

export const DefinitionsPage: FC<DefinitionsPageProps> = (p) => (
  <>
    <h1>計画と指標の編集</h1>
    <p class="lead">
      項目名を選ぶと計画の項目を、指標名を選ぶと指標の定義を編集できます。編集は下書きになり、
      <a href={`/${p.code}/manage/publish`}>公開前の確認</a>で公開するまで公開ページは変わりません。
    </p>
    {p.trees.map((t) => (
      <section aria-labelledby={`plan-${t.code}`}>
        <h2 id={`plan-${t.code}`}>{t.title}</h2>
        {t.root ? (
          <ul class="tree">
            <NodeItem node={t.root} p={p} />
          </ul>
        ) : (
          <p>項目がありません。</p>
        )}
      </section>
    ))}
  </>
);
