import type { FC } from "hono/jsx";
import type { IndicatorRecord } from "../indicators/index.ts";
import { StatusLegend } from "../indicators/index.ts";
import type { PlanNode, PlanTree } from "../plan/index.ts";
import { PlanOverview } from "../plan/index.ts";
import { BODY_KIND_LABELS } from "./body-kind.ts";
import type { Municipality } from "./queries.ts";

const kindLabel = (m: Municipality) =>
  BODY_KIND_LABELS[m.bodyKind as keyof typeof BODY_KIND_LABELS] ?? m.bodyKind;

export const MunicipalityList: FC<{ items: Municipality[] }> = ({ items }) => (
  <>
    <h1>Shisaku（施策）</h1>
    <p class="lead">
      自治体の計画・指標・評価を、市民も職員も同じデータで確認できるサイトです。 / Shisaku shows a
      municipality's plans, indicators and their progress — the same data for citizens and staff.
    </p>
    <h2>団体の一覧</h2>
    {items.length === 0 ? (
      <p>登録されている団体はありません。</p>
    ) : (
      <ul class="cards">
        {items.map((m) => (
          <li class="card">
            <h3>
              <a href={`/${m.code}/`}>{m.name}</a>
            </h3>
            <p class="muted">
              {m.prefecture}・{kindLabel(m)}・全国地方公共団体コード {m.code}
            </p>
          </li>
        ))}
      </ul>
    )}
  </>
);

export interface HomeProps {
  municipality: Municipality;
  plans: PlanTree[];
  indicatorsAt: (node: PlanNode) => IndicatorRecord[];
  indicatorCount: number;
  /** Whether the letters form receives letters: no link to a closed form. */
  lettersOpen: boolean;
  /** Whether any program (事務事業) is public: no link to an empty list. */
  hasPrograms: boolean;
}

export const MunicipalityHome: FC<HomeProps> = ({
  municipality: m,
  plans,
  indicatorsAt,
  indicatorCount,
  lettersOpen,
  hasPrograms,
}) => (
  <>
    <h1>{m.name}の施策と指標</h1>
    <p class="lead">
      {m.name}（{m.prefecture}）の計画と、その進み具合を示す {indicatorCount}{" "}
      の指標を掲載しています。
      <a href={`/${m.code}/indicators`}>指標の一覧</a>から条件で絞り込むこともできます。
      {hasPrograms ? (
        <>
          事務事業のコストと評価は<a href={`/${m.code}/programs`}>事務事業の一覧</a>
          で公開しています。
        </>
      ) : null}
      {lettersOpen ? (
        <>
          市政へのご提案は<a href={`/${m.code}/letters/new`}>市長へのたより</a>へ（
          <a href={`/${m.code}/letters`}>公開中のたよりと対応の経過</a>）。
        </>
      ) : (
        <>
          <a href={`/${m.code}/letters`}>市長へのたより</a>
          では、公開中のたよりと対応の経過をご覧いただけます。
        </>
      )}
    </p>
    <StatusLegend />
    {plans.map((p) => (
      <section aria-labelledby={`plan-${p.code}`}>
        <h2 id={`plan-${p.code}`}>
          <a href={`/${m.code}/plans/${p.code}`}>
            {p.title}
            {p.subtitle ? `（${p.subtitle}）` : ""}
          </a>
        </h2>
        <PlanOverview code={m.code} plan={p} indicatorsAt={indicatorsAt} full={false} level={3} />
      </section>
    ))}
  </>
);
