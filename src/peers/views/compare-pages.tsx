/** The public pages of peer comparison (類似団体比較). */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { formatValue } from "../../core/format.ts";
import type { IndicatorComparison, IndicatorStanding, PeerMedian } from "../compare.ts";
import type { NationalBody, SharedIndicatorSummary } from "../queries.ts";
import { PEER_GROUP_LABELS, PEER_GROUPS, type PeerGroup } from "../rules.ts";

const Sample: FC<{ sample: boolean }> = ({ sample }) =>
  sample ? (
    <strong class="sample" title="架空の値です">
      サンプル
    </strong>
  ) : null;

const rankNote = (order: "asc" | "desc") =>
  order === "asc" ? "値が小さいほど上位" : "値が大きいほど上位";

export const SharedIndicatorListPage: FC<{ items: SharedIndicatorSummary[] }> = ({ items }) => (
  <>
    <h1>共通指標と類似団体比較</h1>
    <p class="lead">
      全国の市区町村が同じ形で公表している指標です。総務省の表（健全化判断比率、決算カード）から読み込み、
      Shisaku を使っていない団体の値も含みます。
    </p>
    <div class="table-wrap">
      <table>
        <caption>共通指標の一覧</caption>
        <thead>
          <tr>
            <th scope="col">共通指標</th>
            <th scope="col">単位</th>
            <th scope="col">年度</th>
            <th scope="col" class="num">
              団体数（最新年度）
            </th>
            <th scope="col">出典</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/compare/${s.code}`}>{s.name}</a> <Sample sample={s.sample} />
              </th>
              <td>{s.unit || "—"}</td>
              <td>{s.fiscalYears.length ? s.fiscalYears.join("、") : "値なし"}</td>
              <td class="num">{s.bodies}</td>
              <td>{s.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <p>
      データ: <a href="/api/v1/shared-indicators">JSON API</a>
    </p>
  </>
);

const query = (c: IndicatorComparison, over: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  const all = {
    fiscalYear: c.fiscalYear ?? undefined,
    municipality: c.subject?.code,
    peerGroup: c.group,
    ...over,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

export const IndicatorComparePage: FC<{
  c: IndicatorComparison;
  chartSvg: string;
  chartDescription: string;
}> = ({ c, chartSvg, chartDescription }) => {
  const { unit, decimals } = c.indicator;
  const v = (x: number | null) => formatValue(x, unit, decimals);
  const base = `/compare/${c.indicator.code}`;
  return (
    <>
      <h1>
        {c.indicator.name}の比較 <Sample sample={c.sample} />
      </h1>
      <p class="lead">{c.indicator.definition}</p>
      <form method="get" action={base} class="filters">
        <label>
          年度{" "}
          <select name="fiscalYear">
            {c.years.map((y) => (
              <option value={String(y)} selected={y === c.fiscalYear}>
                {y}年度
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          団体コード{" "}
          <input name="municipality" value={c.subject?.code ?? ""} size={8} inputmode="numeric" />
        </label>{" "}
        <label>
          比較の範囲{" "}
          <select name="peerGroup">
            {PEER_GROUPS.map((g) => (
              <option value={g} selected={g === c.group}>
                {PEER_GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">表示</button>
      </form>
      <dl class="meta">
        <dt>比較の範囲</dt>
        <dd>
          {c.groupLabel}（値のある {c.summary.count} 団体、{rankNote(c.indicator.rankOrder)}）
        </dd>
        <dt>中央値</dt>
        <dd>{v(c.summary.median)}</dd>
        <dt>四分位</dt>
        <dd>
          {v(c.summary.q1)} 〜 {v(c.summary.q3)}
        </dd>
        {c.subject ? (
          <>
            <dt>{c.subject.name}</dt>
            <dd>
              {c.subjectRow?.value == null
                ? `値なし${c.subjectRow?.note ? `（${c.subjectRow.note}）` : ""}`
                : `${v(c.subjectRow.value)}（${c.summary.count} 団体中 ${c.subjectRow.rank} 位）`}
            </dd>
          </>
        ) : null}
      </dl>
      <figure class="chart">
        {rawSvg(chartSvg)}
        <figcaption>{chartDescription}</figcaption>
      </figure>
      <p>
        ダウンロード: <a href={`${base}.csv${query(c, {})}`}>CSV</a>・
        <a href={`${base}.json${query(c, {})}`}>JSON</a>・
        <a href={`/api/v1/shared-indicators/${c.indicator.code}/values${query(c, {})}`}>API</a>
      </p>
      <div class="table-wrap">
        <table>
          <caption>
            {c.groupLabel}の{c.indicator.name}（{c.fiscalYear ?? "—"}年度、順位順）
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                順位
              </th>
              <th scope="col">団体</th>
              <th scope="col">都道府県</th>
              <th scope="col">類似団体区分</th>
              <th scope="col" class="num">
                人口
              </th>
              <th scope="col" class="num">
                {c.indicator.name}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr class={r.code === c.subject?.code ? "current" : undefined}>
                <td class="num">{r.rank ?? "—"}</td>
                <th scope="row">
                  {r.code === c.subject?.code ? <strong>{r.name}</strong> : r.name}{" "}
                  <span class="muted">{r.code}</span> <Sample sample={r.valueSample} />
                </th>
                <td>{r.prefecture}</td>
                <td>{r.similarGroup ?? "—"}</td>
                <td class="num">{formatValue(r.population, "", 0)}</td>
                <td class="num">{r.value === null ? (r.note ?? "—") : v(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};

const GROUP_ORDER: PeerGroup[] = ["similar", "prefecture", "population", "all"];

export const MunicipalityComparePage: FC<{
  subject: NationalBody;
  standings: IndicatorStanding[];
}> = ({ subject, standings }) => (
  <>
    <h1>
      {subject.name}と類似団体の比較 <Sample sample={standings.some((s) => s.sample)} />
    </h1>
    <p class="lead">
      {subject.prefecture}
      {subject.name}（団体コード {subject.code}、類似団体区分 {subject.similarGroup ?? "—"}、人口{" "}
      {formatValue(subject.population, "人", 0)}
      ）の共通指標を、類似団体・同じ都道府県・人口規模が近い団体・全国の中央値と比べます。
      順位は「1位 / 値のある団体数」です。
    </p>
    {standings.length === 0 ? (
      <p class="muted">この団体の共通指標の値はまだ読み込まれていません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>共通指標の比較（各指標の最新年度）</caption>
          <thead>
            <tr>
              <th scope="col">共通指標</th>
              <th scope="col">年度</th>
              <th scope="col" class="num">
                {subject.name}
              </th>
              {GROUP_ORDER.map((g) => (
                <th scope="col" class="num">
                  {PEER_GROUP_LABELS[g]}の中央値（順位）
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {standings.map((s) => {
              const { unit, decimals } = s.indicator;
              return (
                <tr>
                  <th scope="row">
                    <a
                      href={`/compare/${s.indicator.code}?fiscalYear=${s.fiscalYear}&municipality=${subject.code}&peerGroup=similar`}
                    >
                      {s.indicator.name}
                    </a>{" "}
                    <Sample sample={s.sample} />
                  </th>
                  <td>{s.fiscalYear}年度</td>
                  <td class="num">
                    {s.value === null ? (s.note ?? "—") : formatValue(s.value, unit, decimals)}
                  </td>
                  {GROUP_ORDER.map((g) => {
                    const x = s.groups.find((y) => y.group === g)!;
                    return (
                      <td class="num">
                        {formatValue(x.summary.median, unit, decimals)}
                        <br />
                        <span class="muted">
                          {x.rank === null ? "—" : `${x.rank}位`} / {x.ranked}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
    <p>
      ダウンロード: <a href={`/${subject.code}/compare.csv`}>CSV</a>・
      <a href={`/${subject.code}/compare.json`}>JSON</a>。<a href="/compare">共通指標の一覧</a>
    </p>
  </>
);

/** On an indicator's page: the peer median of the shared indicator it is linked to. */
export const PeerMedianNote: FC<{ peer: PeerMedian; code: string }> = ({ peer, code }) => {
  const { unit, decimals } = peer.indicator;
  return (
    <section aria-labelledby="peer-median">
      <h2 id="peer-median">
        類似団体との比較 <Sample sample={peer.sample} />
      </h2>
      <dl class="meta">
        <dt>共通指標</dt>
        <dd>
          <a href={`/compare/${peer.indicator.code}?municipality=${code}&peerGroup=similar`}>
            {peer.indicator.name}
          </a>
          （{peer.fiscalYear}年度、総務省の表から）
        </dd>
        <dt>この団体の値</dt>
        <dd>{formatValue(peer.value, unit, decimals)}</dd>
        <dt>{peer.groupLabel}の中央値</dt>
        <dd>
          {formatValue(peer.median, unit, decimals)}（{peer.count} 団体）
        </dd>
      </dl>
    </section>
  );
};
