/**
 * The staff pages of the open data catalogue: the list of datasets (drafts too) with the form to
 * create one; a dataset's page with its description form, its resources, the upload form,
 * publication and withdrawal; and an upload's preview (every error by row and column, or the
 * first rows and what changes, with the button that registers the file).
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { type CellError, describeError } from "../../spreadsheets/index.ts";
import type { UploadPreview } from "../actions.ts";
import type { CatalogueDataset } from "../catalogue.ts";
import { LICENCE_LABELS, THEMES } from "../rules.ts";
import { LICENCES } from "../schema.ts";
import { STANDARD_SCHEMAS } from "../standard/schemas.ts";
import {
  DatasetFacts,
  DownloadCountsTable,
  day,
  PreviewTable,
  SampleMark,
  STATUS_LABELS,
} from "./parts.tsx";

export type Errors = { message: string; details: ErrorDetail[] };
type Submitted = Record<string, string | string[]>;

const DONE = {
  created: "データセットを作成しました（下書き）。ファイルを登録してから公開してください。",
  updated: "説明を保存しました。",
  uploaded: "ファイルを登録しました。",
  published: "公開しました。",
  withdrawn: "公開を取り下げました。",
};

/** The optional text fields of a dataset's description: name, label, hint. */
const OPTIONAL_TEXT: [
  "keywords" | "frequency" | "spatial" | "temporalStart" | "temporalEnd" | "contact",
  string,
  string?,
][] = [
  ["keywords", "キーワード（読点・カンマ区切り）"],
  ["frequency", "更新頻度", "例: 随時、毎年4月"],
  ["spatial", "対象地域"],
  ["temporalStart", "対象期間の始まり", "例: 2023-04-01、令和5年4月1日"],
  ["temporalEnd", "対象期間の終わり"],
  ["contact", "問い合わせ先"],
];

const DatasetFields: FC<{
  d?: CatalogueDataset;
  s?: Submitted;
  errors?: Errors;
  sections: { code: string; name: string }[];
}> = ({ d, s, errors, sections }) => {
  const v = (k: string, fallback: string) => {
    const x = s?.[k];
    return typeof x === "string" ? x : fallback;
  };
  const themes = Array.isArray(s?.themes)
    ? s.themes
    : typeof s?.themes === "string"
      ? [s.themes]
      : (d?.themes ?? []);
  const det = errors?.details;
  return (
    <>
      {d ? null : (
        <TextField
          name="slug"
          label="URL の名前（半角英小文字・数字・ハイフン）"
          value={v("slug", "")}
          details={det}
          required
        />
      )}
      <TextField
        name="title"
        label="タイトル"
        value={v("title", d?.title ?? "")}
        details={det}
        required
      />
      <TextField
        name="titleEn"
        label="英語のタイトル"
        value={v("titleEn", d?.titleEn ?? "")}
        details={det}
      />
      <TextField
        name="description"
        label="説明"
        value={v("description", d?.description ?? "")}
        details={det}
        required
        multiline
      />
      <div>
        <label for="standardType">標準データセットの種類</label>
        <select id="standardType" name="standardType">
          <option value="">（標準の種類に当たらない）</option>
          {STANDARD_SCHEMAS.map((x) => (
            <option value={x.key} selected={v("standardType", d?.standardType ?? "") === x.key}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="sectionCode">担当課</label>
        <select id="sectionCode" name="sectionCode">
          <option value="">（なし）</option>
          {sections.map((x) => (
            <option value={x.code} selected={v("sectionCode", d?.sectionCode ?? "") === x.code}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="licence">利用条件</label>
        <select id="licence" name="licence">
          {LICENCES.map((l) => (
            <option value={l} selected={v("licence", d?.licence ?? "PDL-1.0") === l}>
              {LICENCE_LABELS[l]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>分類（任意）</legend>
        {Object.entries(THEMES).map(([k, label]) => (
          <div class="check">
            <input
              type="checkbox"
              id={`theme-${k}`}
              name="themes"
              value={k}
              checked={themes.includes(k)}
            />
            <label for={`theme-${k}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {OPTIONAL_TEXT.map(([name, label, hint]) => (
        <TextField
          name={name}
          label={label}
          value={v(name, name === "keywords" ? (d?.keywords.join("、") ?? "") : (d?.[name] ?? ""))}
          details={det}
          hint={hint}
        />
      ))}
    </>
  );
};

export const ManageCataloguePage: FC<{
  code: string;
  csrf: string;
  datasets: CatalogueDataset[];
  sections: { code: string; name: string }[];
  errors?: Errors;
  submitted?: Submitted;
}> = ({ code, csrf, datasets, sections, errors, submitted }) => (
  <>
    <h1>オープンデータカタログ</h1>
    <p>
      公開中・下書き・取り下げたデータセットの一覧です。公開ページ:{" "}
      <a href={`/${code}/opendata`}>オープンデータ</a>
    </p>
    <section class="table-wrap" aria-label="データセット" tabindex={0}>
      <table>
        <caption>データセット</caption>
        <thead>
          <tr>
            <th scope="col">タイトル</th>
            <th scope="col">状態</th>
            <th scope="col">ファイル</th>
            <th scope="col">更新</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr>
              <th scope="row">
                <a href={`/${code}/manage/opendata/${d.slug}`}>{d.title}</a>{" "}
                <SampleMark sample={d.sample} />
              </th>
              <td>{STATUS_LABELS[d.status]}</td>
              <td>{d.resources.length}</td>
              <td>{day(d.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
    <h2 id="new">データセットを作る</h2>
    {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
    <form method="post" action={`/${code}/manage/opendata`} class="stack" aria-labelledby="new">
      <CsrfField token={csrf} />
      <DatasetFields s={submitted} errors={errors} sections={sections} />
      <div class="actions">
        <button type="submit">下書きとして作る</button>
      </div>
    </form>
  </>
);

export const ManageDatasetPage: FC<{
  code: string;
  csrf: string;
  d: CatalogueDataset;
  sections: { code: string; name: string }[];
  done?: string;
  errors?: Errors;
  submitted?: Submitted;
  /** Download counts of the recent months (the latest first), per resource identifier. */
  downloads: { months: string[]; counts: Map<string, Map<string, number>> };
}> = ({ code, csrf, d, sections, done, errors, submitted, downloads }) => {
  const base = `/${code}/manage/opendata/${d.slug}`;
  return (
    <>
      <h1>
        {d.title} <SampleMark sample={d.sample} />
      </h1>
      <DoneNotice messages={DONE} done={done} />
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <p>
        状態: <strong>{STATUS_LABELS[d.status]}</strong>
        {d.status === "published" ? (
          <>
            ・<a href={`/${code}/opendata/${d.slug}`}>公開ページを見る</a>
          </>
        ) : (
          "。公開するまで、公開ページ・API・メタデータに出ません。"
        )}
      </p>
      <form method="post" action={`${base}/${d.status === "published" ? "withdraw" : "publish"}`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        <button type="submit">{d.status === "published" ? "公開を取り下げる" : "公開する"}</button>
      </form>
      <DatasetFacts d={d} sectionName={sections.find((s) => s.code === d.sectionCode)?.name} />
      <h2 id="resources">ファイル（リソース）</h2>
      {d.resources.length === 0 ? <p>まだファイルがありません。</p> : null}
      {d.resources.map((r) => (
        <section aria-labelledby={`r-${r.slug}`}>
          <h3 id={`r-${r.slug}`}>{r.title}</h3>
          <ul>
            {r.versions.map((v) => (
              <li>
                第 {v.number} 版（{day(v.uploadedAt)}、{v.fileName}）: {v.summary}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {d.resources.length ? (
        <>
          <h2 id="downloads">ダウンロード数</h2>
          <DownloadCountsTable
            title={d.title}
            resources={d.resources}
            months={downloads.months}
            counts={downloads.counts}
            csv={d.status === "published" ? `/${code}/opendata/${d.slug}/downloads.csv` : undefined}
          />
        </>
      ) : null}
      <h2 id="upload">ファイルを登録する</h2>
      <p>
        CSV（UTF-8・Shift_JIS）か Excel（.xlsx）の 1 行目に列の名前を入れてください。
        {d.standardType
          ? "標準データセットの項目と、各セルの形式（日付・時刻・緯度経度・団体コードなど）を確かめ、誤りが一つでもあれば何も登録しません。和暦の日付と全角数字は半角・西暦に直して登録します。"
          : "誤りが一つでもあれば何も登録しません。"}
        まず確認画面が出ます。
      </p>
      <form
        method="post"
        action={`${base}/preview`}
        enctype="multipart/form-data"
        class="stack"
        aria-labelledby="upload"
      >
        <CsrfField token={csrf} />
        <div>
          <label for="resource">登録先</label>
          <select id="resource" name="resource">
            {d.resources.map((r) => (
              <option value={r.slug}>{r.title}（新しい版）</option>
            ))}
            <option value="">新しいリソース</option>
          </select>
        </div>
        <TextField name="title" label="新しいリソースの名前" value="" />
        <div>
          <label for="file">ファイル</label>
          <input type="file" id="file" name="file" required accept=".csv,.xlsx" />
        </div>
        <div class="actions">
          <button type="submit">確認する</button>
        </div>
      </form>
      <h2 id="describe">説明を変える</h2>
      <form method="post" action={base} class="stack" aria-labelledby="describe">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        <DatasetFields d={d} s={submitted} errors={errors} sections={sections} />
        <div class="actions">
          <button type="submit">保存する</button>
        </div>
      </form>
    </>
  );
};

export const UploadPreviewPage: FC<{
  code: string;
  csrf: string;
  preview: UploadPreview;
  upload: { resource: string; title: string; fileName: string; data: string };
}> = ({ code, csrf, preview, upload }) => {
  const { table, dataset: d } = preview;
  const errors: CellError[] = table.errors;
  return (
    <>
      <h1>ファイルの確認: {upload.fileName}</h1>
      {preview.unreadable ? (
        <ErrorSummary message="ファイルを読み取れません（何も登録していません）">
          <p>{preview.unreadable}</p>
        </ErrorSummary>
      ) : errors.length ? (
        <ErrorSummary
          message={`${errors.length}${table.more ? " 件以上" : " 件"}の誤りがあります（何も登録していません）`}
          lines={errors.map(describeError)}
        />
      ) : (
        <>
          <p role="status">
            誤りはありません。{preview.summary}を登録します（{d.title}）。
          </p>
          <PreviewTable
            caption="登録する内容（先頭 20 行）"
            columns={table.columns}
            rows={table.rows.slice(0, 20)}
          />
          <form method="post" action={`/${code}/manage/opendata/${d.slug}/apply`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="resource" value={upload.resource} />
            <input type="hidden" name="title" value={upload.title} />
            <input type="hidden" name="fileName" value={upload.fileName} />
            <input type="hidden" name="data" value={upload.data} />
            <button type="submit">登録する</button>
          </form>
        </>
      )}
      <p>
        <a href={`/${code}/manage/opendata/${d.slug}#upload`}>データセットのページに戻る</a>
      </p>
    </>
  );
};
