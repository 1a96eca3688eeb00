/** Pieces of the catalogue's pages shared by the public and the staff side. */
import type { FC } from "hono/jsx";
import type { CatalogueDataset } from "../catalogue.ts";
import { LICENCE_LABELS, THEMES } from "../rules.ts";
import type { StoredCell } from "../schema.ts";
import { standardSchema } from "../standard/schemas.ts";

export const STATUS_LABELS = { draft: "下書き", published: "公開中", withdrawn: "公開取り下げ" };

export const day = (d: Date | null | undefined) =>
  d
    ? new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(d)
    : "—";

/** 「サンプル」: demo data that the plan does not contain. */
export const SampleMark: FC<{ sample: boolean }> = ({ sample }) =>
  sample ? <strong class="sample">サンプル</strong> : null;

/** The description list of a dataset's metadata. */
export const DatasetFacts: FC<{ d: CatalogueDataset; sectionName?: string }> = ({
  d,
  sectionName,
}) => (
  <dl class="facts">
    {d.titleEn ? (
      <>
        <dt>英語のタイトル</dt>
        <dd lang="en">{d.titleEn}</dd>
      </>
    ) : null}
    <dt>標準データセット</dt>
    <dd>{standardSchema(d.standardType)?.name ?? "（標準の種類に当たらないデータ）"}</dd>
    <dt>担当課</dt>
    <dd>{sectionName ?? d.sectionCode ?? "—"}</dd>
    <dt>利用条件</dt>
    <dd>{LICENCE_LABELS[d.licence]}</dd>
    <dt>更新頻度</dt>
    <dd>{d.frequency ?? "—"}</dd>
    <dt>分類</dt>
    <dd>{d.themes.map((t) => THEMES[t] ?? t).join("、") || "—"}</dd>
    <dt>キーワード</dt>
    <dd>{d.keywords.join("、") || "—"}</dd>
    <dt>対象地域</dt>
    <dd>{d.spatial ?? "—"}</dd>
    <dt>対象期間</dt>
    <dd>
      {d.temporalStart || d.temporalEnd
        ? `${d.temporalStart ?? ""} 〜 ${d.temporalEnd ?? ""}`
        : "—"}
    </dd>
    <dt>問い合わせ先</dt>
    <dd>{d.contact ?? "—"}</dd>
    <dt>最終更新</dt>
    <dd>{day(d.updatedAt)}</dd>
  </dl>
);

/** The first rows of a table, with its column names as headers. */
export const PreviewTable: FC<{ caption: string; columns: string[]; rows: StoredCell[][] }> = ({
  caption,
  columns,
  rows,
}) => (
  // A wide table scrolls on its own: the region is focusable so that keyboards can scroll it.
  <section class="table-wrap" aria-label={caption} tabindex={0}>
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {columns.map((_, i) => (
              <td>{r[i] === null || r[i] === undefined ? "" : String(r[i])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

/** `2026-12` as 「2026年12月」. */
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/**
 * How many times each resource was downloaded in each of the recent months (the latest first),
 * with a link to every month's counts as CSV.
 */
export const DownloadCountsTable: FC<{
  title: string;
  resources: { uuid: string; title: string }[];
  months: string[];
  counts: Map<string, Map<string, number>>;
  /** Every month's counts as CSV (a published dataset's). */
  csv?: string;
}> = ({ title, resources, months, counts, csv }) => (
  <>
    <section class="table-wrap" aria-label={`${title}のダウンロード数`} tabindex={0}>
      <table>
        <caption>
          {title}のダウンロード数（月ごと、直近 {months.length} か月）
        </caption>
        <thead>
          <tr>
            <th scope="col">リソース</th>
            {months.map((m) => (
              <th scope="col">{monthLabel(m)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {resources.map((r) => (
            <tr>
              <th scope="row">{r.title}</th>
              {months.map((m) => (
                <td class="num">{(counts.get(r.uuid)?.get(m) ?? 0).toLocaleString("ja-JP")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
    <p class="note">
      公開ページからのダウンロード（形式・版を問わず）を数えています。利用者の情報は記録していません。
      {csv ? <a href={csv}>すべての月のダウンロード数（CSV）</a> : null}
    </p>
  </>
);
