/**
 * The public pages of the open data catalogue: the list with search, filters, sort and paging,
 * and a dataset's page with its metadata, each resource's first 100 rows, its downloads in every
 * format and its version history. No JavaScript needed.
 */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import type { CatalogueDataset } from "../catalogue.ts";
import { DOWNLOAD_FORMATS, DOWNLOAD_LABELS } from "../formats.ts";
import { THEMES } from "../rules.ts";
import type { StoredCell } from "../schema.ts";
import { STANDARD_SCHEMAS, standardSchema } from "../standard/schemas.ts";
import { DatasetFacts, DownloadCountsTable, day, PreviewTable, SampleMark } from "./parts.tsx";

export interface CatalogueFilter {
  q?: string;
  theme?: string;
  standard?: string;
  section?: string;
  format?: string;
  sort?: "updated" | "title";
  page: number;
}

const Select: FC<{ name: string; label: string; value?: string; options: [string, string][] }> = (
  p,
) => (
  <div>
    <label for={`f-${p.name}`}>{p.label}</label>
    <select id={`f-${p.name}`} name={p.name}>
      <option value="">すべて</option>
      {p.options.map(([value, label]) => (
        <option value={value} selected={value === p.value}>
          {label}
        </option>
      ))}
    </select>
  </div>
);

export const PAGE_SIZE = 20;

export const CataloguePage: FC<{
  code: string;
  name: string;
  filter: CatalogueFilter;
  total: number;
  items: CatalogueDataset[];
  sections: { code: string; name: string }[];
}> = ({ code, name, filter: f, total, items, sections }) => {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, page: String(page) }))
      if (v && !(k === "page" && v === "1")) p.set(k, String(v));
    const s = p.toString();
    return `/${code}/opendata${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <h1>オープンデータ</h1>
      <p class="lead">
        {name}
        が公開しているデータの一覧です。どのデータも CSV（UTF-8・Shift_JIS）、Excel、JSON
        でダウンロードでき、 利用条件の範囲で自由に使えます。CKAN 互換の
        API（/api/3/action/package_search など）からも使えます。
      </p>
      <form class="filters" method="get" action={`/${code}/opendata`}>
        <div>
          <label for="f-q">キーワード</label>
          <input id="f-q" type="search" name="q" value={f.q ?? ""} />
        </div>
        <Select name="theme" label="分類" value={f.theme} options={Object.entries(THEMES)} />
        <Select
          name="standard"
          label="標準データセット"
          value={f.standard}
          options={STANDARD_SCHEMAS.map((s) => [s.key, s.name])}
        />
        <Select
          name="section"
          label="担当課"
          value={f.section}
          options={sections.map((s) => [s.code, s.name])}
        />
        <Select
          name="format"
          label="形式"
          value={f.format}
          options={[
            ["CSV", "CSV"],
            ["XLSX", "Excel"],
            ["JSON", "JSON"],
          ]}
        />
        <div>
          <label for="f-sort">並び順</label>
          <select id="f-sort" name="sort">
            <option value="updated" selected={f.sort !== "title"}>
              更新の新しい順
            </option>
            <option value="title" selected={f.sort === "title"}>
              タイトル順
            </option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">絞り込む</button>
          <a href={`/${code}/opendata`}>条件をクリア</a>
        </div>
      </form>
      <p role="status">{total} 件のデータセット</p>
      {items.length === 0 ? (
        <p>条件に合うデータセットはありません。</p>
      ) : (
        <ul class="datasets">
          {items.map((d) => (
            <li>
              <h2>
                <a href={`/${code}/opendata/${d.slug}`}>{d.title}</a>{" "}
                <SampleMark sample={d.sample} />
              </h2>
              <p>{d.description}</p>
              <p class="meta">
                {standardSchema(d.standardType)?.name ?? "標準外"}・
                {d.themes.map((t) => THEMES[t] ?? t).join("、") || "分類なし"}・ 更新{" "}
                {day(d.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label="ページ">
          <ul class="pager">
            {f.page > 1 ? (
              <li>
                <a href={link(f.page - 1)} rel="prev">
                  前のページ
                </a>
              </li>
            ) : null}
            <li aria-current="page">
              {f.page} / {pages} ページ
            </li>
            {f.page < pages ? (
              <li>
                <a href={link(f.page + 1)} rel="next">
                  次のページ
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
};

export interface ResourcePreview {
  slug: string;
  columns: string[];
  rows: StoredCell[][];
  /** The map of the rows' 緯度・経度 (SVG and its text), when any row has them. */
  map?: { svg: string; description: string; count: number };
}

export const DatasetPage: FC<{
  code: string;
  /** generated: made from the municipality's own data, always current (no uploads, no versions). */
  d: CatalogueDataset & { generated?: boolean };
  sectionName?: string;
  previews: ResourcePreview[];
  /** Download counts of the recent months (the latest first), per resource identifier. */
  downloads: { months: string[]; counts: Map<string, Map<string, number>> };
}> = ({ code, d, sectionName, previews, downloads }) => (
  <>
    <h1>
      {d.title} <SampleMark sample={d.sample} />
    </h1>
    <p class="lead">{d.description}</p>
    <DatasetFacts d={d} sectionName={sectionName} />
    {d.generated ? (
      <p class="note">
        このデータセットは、市の計画・台帳・調査のデータから自動で作っています。元のデータが変わると、すぐにこの表も変わります（版の履歴はありません）。
      </p>
    ) : null}
    <p>
      メタデータ: <a href={`/${code}/opendata/${d.slug}.jsonld`}>DCAT（JSON-LD）</a>・
      <a href={`/${code}/opendata/${d.slug}.ttl`}>DCAT（Turtle）</a>・
      <a href={`/${code}/opendata/${d.slug}/datapackage.json`}>
        Frictionless Data Package（datapackage.json）
      </a>
      {d.standardType ? (
        <>
          ・
          <a href={`/${code}/opendata/schemas/${d.standardType}/schema.json`}>
            標準データセットの Table Schema
          </a>
        </>
      ) : null}
    </p>
    {d.resources.map((r) => {
      const preview = previews.find((p) => p.slug === r.slug);
      const latest = r.versions[0];
      const base = `/${code}/opendata/${d.slug}/${r.slug}`;
      return (
        <section aria-labelledby={`r-${r.slug}`}>
          <h2 id={`r-${r.slug}`}>{r.title}</h2>
          {latest ? (
            <>
              <p>
                {latest.rowCount} 行・{latest.columns.length} 列
                {d.generated
                  ? `（${day(latest.uploadedAt)} 時点）`
                  : `（第 ${latest.number} 版、${day(latest.uploadedAt)}）`}
              </p>
              <ul class="downloads">
                {DOWNLOAD_FORMATS.map((f) => (
                  <li>
                    <a href={`${base}/${f}`} download>
                      {DOWNLOAD_LABELS[f]}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>まだファイルがありません。</p>
          )}
          {preview?.map ? (
            <figure class="chart map" aria-labelledby={`map-${r.slug}-caption`}>
              {rawSvg(preview.map.svg)}
              <figcaption id={`map-${r.slug}-caption`}>
                地図: {preview.map.description}
                地図は緯度・経度の位置関係だけを示します（背景の地図はありません）。
                <a href={`${base}/csv`}>地点のデータ（CSV）</a>
              </figcaption>
            </figure>
          ) : null}
          {preview?.rows.length ? (
            <PreviewTable
              caption={`${r.title}（先頭 ${preview.rows.length} 行）`}
              columns={preview.columns}
              rows={preview.rows}
            />
          ) : null}
          {r.versions.length && !d.generated ? (
            <details>
              <summary>版の履歴（{r.versions.length} 版）</summary>
              <section class="table-wrap" aria-label={`${r.title}の版の履歴`} tabindex={0}>
                <table>
                  <caption>{r.title}の版の履歴</caption>
                  <thead>
                    <tr>
                      <th scope="col">版</th>
                      <th scope="col">登録日</th>
                      <th scope="col">変更の概要</th>
                      <th scope="col">ダウンロード</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.versions.map((v) => (
                      <tr>
                        <th scope="row">第 {v.number} 版</th>
                        <td>{day(v.uploadedAt)}</td>
                        <td>{v.summary}</td>
                        <td>
                          <a href={`${base}/csv?version=${v.number}`}>CSV</a>・
                          <a href={`${base}/versions/${v.number}/original`}>
                            登録されたファイル（{v.fileName}）
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </details>
          ) : null}
        </section>
      );
    })}
    {d.resources.length ? (
      <section aria-labelledby="downloads">
        <h2 id="downloads">ダウンロード数</h2>
        <DownloadCountsTable
          title={d.title}
          resources={d.resources}
          months={downloads.months}
          counts={downloads.counts}
          csv={`/${code}/opendata/${d.slug}/downloads.csv`}
        />
      </section>
    ) : null}
  </>
);
