/** The public pages of the registries: the list of registries, one registry, one record. */
import type { FC } from "hono/jsx";
import { displayTime } from "../../audit/index.ts";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel, formatJapaneseDay } from "../../core/fiscal-year.ts";
import { formatNumber } from "../../core/format.ts";
import type { RegistryDef } from "../definitions.ts";
import type { FloorAreaTarget, FloorAreaYear } from "../facilities.ts";
import { percentChange } from "../facilities.ts";
import { showField } from "../fields.ts";
import type { RecordChange } from "../history.ts";
import type { FacilityCost } from "../queries.ts";
import type { StoredRecord } from "../store.ts";

export const SampleBadge: FC<{ sample: boolean }> = ({ sample }) =>
  sample ? <span class="badge sample">サンプル</span> : null;

const Status: FC<{ r: StoredRecord }> = ({ r }) =>
  r.retiredOn ? (
    <span>
      廃止・終了（{formatJapaneseDay(r.retiredOn)}）{r.retiredReason ? `：${r.retiredReason}` : ""}
    </span>
  ) : (
    <span>有効・使用中</span>
  );

/** What a page says where a registry feeds no indicator of the municipality's plan. */
export const NO_INDICATOR = "この団体では、この台帳から計算する指標を決めていません";

export const RegistriesIndex: FC<{
  code: string;
  registries: RegistryDef[];
  totals: Map<string, { total: number; inUse: number; sample: boolean }>;
  base: string;
}> = ({ code, registries, totals, base }) => (
  <>
    <h1>台帳</h1>
    {registries.length === 0 ? (
      <p class="muted">この団体が使っている台帳はまだありません。</p>
    ) : (
      <>
        <p class="lead">
          {registries.some((r) => r.indicator)
            ? "指標の実績値は、これらの台帳の記録から自動で計算しています（手で数え直すことはありません）。"
            : "この団体の台帳です。計算する指標はまだ決めていません。"}
        </p>
        <div class="table-wrap">
          <table>
            <caption>台帳の一覧</caption>
            <thead>
              <tr>
                <th scope="col">台帳</th>
                <th scope="col" class="num">
                  記録
                </th>
                <th scope="col">計算する指標</th>
              </tr>
            </thead>
            <tbody>
              {registries.map((def) => {
                const key = def.key;
                const t = totals.get(key);
                return (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/${key}`}>{def.label}</a>{" "}
                      <SampleBadge sample={t?.sample ?? false} />
                    </th>
                    <td class="num">{t ? `${t.total}件（うち有効 ${t.inUse}件）` : "0件"}</td>
                    <td>
                      {def.indicator ? (
                        <>
                          <a href={`/${code}/indicators/${def.indicator.code}`}>
                            {def.indicator.code}
                          </a>
                          ：{def.indicator.formula}
                        </>
                      ) : def.formula ? (
                        <span class="muted">{NO_INDICATOR}</span>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </>
    )}
  </>
);

/** The columns of a registry's list: its first four fields. */
const listFields = (def: RegistryDef) => def.fields.slice(0, 4);

export const RecordTable: FC<{
  def: RegistryDef;
  records: StoredRecord[];
  href: (r: StoredRecord) => string;
  caption: string;
}> = ({ def, records, href, caption }) => (
  <div class="table-wrap">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{def.nameLabel}</th>
          {listFields(def).map((f) => (
            <th scope="col">{f.label}</th>
          ))}
          <th scope="col">状態</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr>
            <th scope="row">
              <a href={href(r)}>{r.name}</a> <SampleBadge sample={r.sample} />
            </th>
            {listFields(def).map((f) => (
              <td>{showField(r.fields[f.name] ?? null, f.unit)}</td>
            ))}
            <td>
              <Status r={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export interface FacilityPicturesProps {
  floorAreas: FloorAreaYear[];
  target: FloorAreaTarget | null;
  chartSvg: string;
  mapSvg: string | null;
}

/** The facilities page's floor area against the −20% line, and the map of the facilities. */
export const FacilityPictures: FC<FacilityPicturesProps> = ({
  floorAreas,
  target,
  chartSvg,
  mapSvg,
}) => (
  <section aria-labelledby="floor-area">
    <h2 id="floor-area">延床面積の推移と「面積20%以上削減」</h2>
    {target ? (
      <p>
        {fiscalYearLabel(target.baseYear)}の{formatNumber(target.baseArea, 0)}㎡から20%減らすと
        {formatNumber(target.targetArea, 0)}㎡です。最新の年度は
        {percentChange(target.changes.at(-1)?.change ?? null)}
        で、{target.met ? "20%以上の削減に達しています。" : "まだ20%の削減に達していません。"}
      </p>
    ) : null}
    <figure class="chart">{rawSvg(chartSvg)}</figure>
    <div class="table-wrap">
      <table>
        <caption>延床面積の合計（各年度の3月31日に使用中の施設）</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col" class="num">
              施設数
            </th>
            <th scope="col" class="num">
              延床面積
            </th>
            <th scope="col" class="num">
              {target ? `${fiscalYearLabel(target.baseYear)}との比較` : "比較"}
            </th>
          </tr>
        </thead>
        <tbody>
          {floorAreas.map((y, i) => (
            <tr>
              <th scope="row">{fiscalYearLabel(y.fiscalYear)}</th>
              <td class="num">{y.facilities}</td>
              <td class="num">{formatNumber(y.floorArea, 0)}㎡</td>
              <td class="num">{percentChange(target?.changes[i]?.change ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {mapSvg ? (
      <>
        <h2>施設の位置</h2>
        <figure class="chart">{rawSvg(mapSvg)}</figure>
      </>
    ) : null}
  </section>
);

export const RegistryPage: FC<{
  code: string;
  def: RegistryDef;
  records: StoredRecord[];
  total: number;
  year?: number;
  facilities?: FacilityPicturesProps;
}> = ({ code, def, records, total, year, facilities }) => (
  <>
    <h1>{def.label}の台帳</h1>
    <p class="lead">{def.description}</p>
    {def.indicator ? (
      <p>
        この台帳から計算する指標：
        <a href={`/${code}/indicators/${def.indicator.code}`}>{def.indicator.code}</a>（
        {def.indicator.formula}）
      </p>
    ) : def.formula ? (
      <p>{NO_INDICATOR}（記録の一覧だけを示しています）。</p>
    ) : null}
    {year !== undefined ? (
      <p class="notice">
        {fiscalYearLabel(year)}の指標の計算に数えた記録 {records.length}件を表示しています（全
        {total}
        件）。<a href={`/${code}/registries/${def.key}`}>すべての記録を見る</a>
      </p>
    ) : null}
    {records.length ? (
      <RecordTable
        def={def}
        records={records}
        href={(r) => `/${code}/registries/${def.key}/${r.id}`}
        caption={`${def.label}（${records.length}件）`}
      />
    ) : (
      <p class="muted">記録はまだありません。</p>
    )}
    {facilities ? <FacilityPictures {...facilities} /> : null}
    <p>
      <a href={`/api/v1/municipalities/${code}/registries/${def.key}`}>この台帳のデータ（JSON）</a>
    </p>
  </>
);

export const RecordDetails: FC<{ def: RegistryDef; record: StoredRecord }> = ({ def, record }) => (
  <dl class="meta">
    <dt>{def.nameLabel}</dt>
    <dd>
      {record.name} <SampleBadge sample={record.sample} />
    </dd>
    {def.fields.map((f) => (
      <>
        <dt>{f.label}</dt>
        <dd class="pre-line">{showField(record.fields[f.name] ?? null, f.unit)}</dd>
      </>
    ))}
    <dt>状態</dt>
    <dd>
      <Status r={record} />
    </dd>
  </dl>
);

/** The yearly cost of the programs that run a facility. */
export const FacilityCosts: FC<{ code: string; costs: FacilityCost[] }> = ({ code, costs }) => (
  <section aria-labelledby="facility-costs">
    <h2 id="facility-costs">この施設を運営する事務事業のコスト</h2>
    {costs.length ? (
      costs.map(({ program, years }) => (
        <div class="table-wrap">
          <table>
            <caption>
              <a href={`/${code}/programs/${program.code}`}>{program.name}</a>（{program.code}）{" "}
              <SampleBadge sample={program.sample} />
            </caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col" class="num">
                  総コスト
                </th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr>
                  <th scope="row">{fiscalYearLabel(y.fiscalYear)}</th>
                  <td class="num">
                    {y.totalCost === null ? "—" : `${formatNumber(y.totalCost)}円`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))
    ) : (
      <p class="muted">
        この施設を運営する事務事業は登録されていません（記録の「運営する事務事業のコード」で結び付けます）。
      </p>
    )}
  </section>
);

export const RecordPage: FC<{
  code: string;
  def: RegistryDef;
  record: StoredRecord;
  history: RecordChange[];
  costs?: FacilityCost[];
}> = ({ code, def, record, history, costs }) => (
  <>
    <h1>{record.name}</h1>
    <p class="lead">{def.label}の台帳の記録です。</p>
    <RecordDetails def={def} record={record} />
    {costs ? <FacilityCosts code={code} costs={costs} /> : null}
    <RecordHistory history={history} />
    <p>
      <a href={`/${code}/registries/${def.key}`}>{def.label}の台帳に戻る</a>
    </p>
  </>
);

/** A record's changes, newest first (from the audit trail; who made them is not shown). */
export const RecordHistory: FC<{ history: RecordChange[] }> = ({ history }) =>
  history.length ? (
    <section aria-labelledby="record-history">
      <h2 id="record-history">変更の履歴</h2>
      <ol class="history">
        {history.map((h) => (
          <li>
            <strong>
              {displayTime(h.at)} {h.what}
            </strong>
            {h.changes.length ? (
              <ul>
                {h.changes.map((c) => (
                  <li>
                    {c.label}：{h.what === "登録" ? c.after : `${c.before} → ${c.after}`}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  ) : null;
