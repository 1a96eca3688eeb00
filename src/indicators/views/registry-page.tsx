import type { FC } from "hono/jsx";
import { assetHref } from "../../core/http/assets.ts";
import type { Municipality, SectionRef } from "../../municipalities/index.ts";
import { levelLabelOf, nodeTitle, type PlanTree } from "../../plan/index.ts";
import { STATUS_LABELS, type StatusCode } from "../achievement.ts";
import { type IndicatorFilter, type Located, SORTS, type Sort } from "../filter.ts";
import { IndicatorTable } from "./indicator-table.tsx";
import { KIND_LABELS, StatusLegend } from "./status.tsx";

const SORT_LABELS: Record<Sort, string> = {
  code: "コード順",
  name: "名称順",
  status: "評価（未達・遅れを先に）",
  achievement: "達成率の高い順",
  measure: "基本施策順",
};

interface Option {
  value: string;
  label: string;
}

const Select: FC<{
  name: string;
  label: string;
  options: Option[];
  value?: string;
  all?: string;
}> = (p) => (
  <div>
    <label for={`f-${p.name}`}>{p.label}</label>
    <select id={`f-${p.name}`} name={p.name}>
      {p.all !== undefined ? <option value="">{p.all}</option> : null}
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

export interface RegistryPageProps {
  municipality: Municipality;
  trees: PlanTree[];
  sections: SectionRef[];
  filter: IndicatorFilter;
  results: Located[];
  total: number;
  /** The current query string, for the CSV link. */
  query: string;
  /** The plans know チャレンジ (Ishioka's notion, queries.ts challengeWording): only then is the filter offered. */
  challenges: boolean;
}

export const RegistryPage: FC<RegistryPageProps> = ({
  municipality: m,
  trees,
  sections,
  filter: f,
  results,
  total,
  query,
  challenges,
}) => {
  const measures = trees.flatMap((t) =>
    (t.root?.children ?? []).map((n) => ({
      value: n.code,
      label: `${t.title}：${nodeTitle(n)}`,
    })),
  );
  const measureOf = (x: Located) => x.home?.measure;
  const measureLabel = levelLabelOf(trees, 1);
  const byRecord = new Map(results.map((x) => [x.record.id, x]));
  return (
    <>
      <h1>指標の一覧</h1>
      <p class="lead">
        {m.name}
        のすべての計画の指標を一か所で管理しています（指標の一元管理）。基準値・目標・最新の実績値と評価を、条件で絞り込んで確認できます。
      </p>
      <form
        class="filters"
        method="get"
        action={`/${m.code}/indicators`}
        data-autosubmit="result-count results"
      >
        <div>
          <label for="f-q">キーワード</label>
          <input
            id="f-q"
            type="search"
            name="q"
            value={f.q ?? ""}
            placeholder="例：研修、アクセス"
          />
        </div>
        <Select
          name="plan"
          label="計画"
          all="すべての計画"
          value={f.plan}
          options={trees.map((t) => ({ value: t.code, label: t.title }))}
        />
        <Select
          name="measure"
          label={measureLabel}
          all={`すべての${measureLabel}`}
          value={f.measure}
          options={measures}
        />
        <Select
          name="kind"
          label="指標の種類"
          all="すべての種類"
          value={f.kind}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          name="section"
          label="担当課"
          all="すべての担当課"
          value={f.section}
          options={sections.map((s) => ({ value: s.code, label: s.name }))}
        />
        <Select
          name="status"
          label="評価"
          all="すべての評価"
          value={f.status}
          options={(Object.keys(STATUS_LABELS) as StatusCode[]).map((c) => ({
            value: c,
            label: STATUS_LABELS[c],
          }))}
        />
        <Select
          name="sort"
          label="並び順"
          value={f.sort ?? "code"}
          options={SORTS.map((s) => ({
            value: s,
            label: s === "measure" ? `${measureLabel}順` : SORT_LABELS[s],
          }))}
        />
        {challenges || f.challenge ? (
          <div class="check">
            <input
              id="f-challenge"
              type="checkbox"
              name="challenge"
              value="true"
              checked={f.challenge === true}
            />
            <label for="f-challenge">チャレンジ指標のみ</label>
          </div>
        ) : null}
        <div class="actions">
          <button type="submit">絞り込む</button>
          <a href={`/${m.code}/indicators`}>条件をクリア</a>
        </div>
      </form>
      <p id="result-count" role="status" aria-live="polite">
        {total} 件中 <strong>{results.length}</strong> 件を表示
      </p>
      <div id="results">
        <div class="actions">
          <a class="button" href={`/${m.code}/indicators.csv${query ? `?${query}` : ""}`} download>
            この一覧をCSVでダウンロード
          </a>
        </div>
        <StatusLegend />
        {results.length === 0 ? (
          <p>条件に合う指標はありません。条件を変えてお試しください。</p>
        ) : (
          <IndicatorTable
            code={m.code}
            caption="指標の一覧"
            records={results.map((x) => x.record)}
            showKind
            placeHeading={measureLabel}
            extra={(r) => {
              const measure = measureOf(byRecord.get(r.id)!);
              return measure
                ? {
                    measure: nodeTitle(measure),
                    measureHref: `/${m.code}/measures/${measure.code}`,
                  }
                : { measure: byRecord.get(r.id)?.home?.node.title };
            }}
          />
        )}
      </div>
      <script src={assetHref("filters.js")} defer />
    </>
  );
};
