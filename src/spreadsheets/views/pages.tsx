/** Staff pages of spreadsheets: download and upload, the preview of an upload, the result. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, ErrorSummary } from "../../core/views/form.tsx";
import type { Dataset } from "../dataset.ts";
import { type Preview, shown } from "../import.ts";
import { describeError } from "../table.ts";
import { conflictId } from "../versions.ts";
import { ConflictList, VersionsNotice } from "./conflicts.tsx";
import { importFileHref } from "./imports.tsx";

export interface DatasetChoice {
  name: string;
  title: string;
  description: string;
}

export const SpreadsheetsPage: FC<{
  code: string;
  csrf: string;
  datasets: DatasetChoice[];
  sections: { code: string; name: string }[];
  /** The section filter chosen by default: "mine" for editors, "all" otherwise. */
  defaultSection: string;
  mine: string[];
}> = ({ code, csrf, datasets, sections, defaultSection, mine }) => (
  <>
    <h1>Excel・CSV での入出力</h1>
    <p class="lead">
      データを Excel や CSV
      で書き出し、記入してアップロードできます。書き出したファイルは、そのままアップロードしても何も変わりません。
    </p>
    {datasets.map((ds) => (
      <section class="card" id={ds.name}>
        <h2>{ds.title}</h2>
        <p class="muted">{ds.description}</p>
        <h3>書き出す</h3>
        <form method="get" action={`/${code}/manage/spreadsheets/${ds.name}/export`}>
          <div>
            <label for={`${ds.name}-format`}>形式</label>
            <select id={`${ds.name}-format`} name="format">
              <option value="xlsx">Excel（.xlsx）</option>
              <option value="csv">CSV（UTF-8、Excel で開けます）</option>
              <option value="csv-sjis">CSV（Shift_JIS、古いシステム向け）</option>
            </select>
          </div>
          <div>
            <label for={`${ds.name}-section`}>範囲</label>
            <select id={`${ds.name}-section`} name="section">
              {mine.length ? (
                <option value="mine" selected={defaultSection === "mine"}>
                  自分の担当課の分
                </option>
              ) : null}
              <option value="all" selected={defaultSection === "all"}>
                すべて
              </option>
              {sections.map((s) => (
                <option value={s.code}>{s.name}</option>
              ))}
            </select>
          </div>
          <div class="check">
            <input type="checkbox" id={`${ds.name}-drafts`} name="drafts" value="1" checked />{" "}
            <label for={`${ds.name}-drafts`}>
              下書きの値を含める（外すと公開中の値だけを書き出します）
            </label>
          </div>
          <div class="check">
            <input type="checkbox" id={`${ds.name}-template`} name="template" value="1" />{" "}
            <label for={`${ds.name}-template`}>空のひな形（値を入れずに書き出す）</label>
          </div>
          <div class="actions">
            <button type="submit">書き出す</button>
          </div>
        </form>
        <h3>アップロードして取り込む</h3>
        <UploadForm code={code} csrf={csrf} name={ds.name} />
      </section>
    ))}
  </>
);

/** The upload of a file to preview (nothing changes until the preview is confirmed). */
const UploadForm: FC<{ code: string; csrf: string; name: string }> = ({ code, csrf, name }) => {
  const id = name.replace(/\//g, "-");
  return (
    <form
      method="post"
      action={`/${code}/manage/spreadsheets/${name}/preview`}
      enctype="multipart/form-data"
    >
      <CsrfField token={csrf} />
      <div>
        <label for={`${id}-file`}>ファイル（.xlsx または .csv）</label>
        <input
          type="file"
          id={`${id}-file`}
          name="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
      </div>
      <div>
        <label for={`${id}-upload-format`}>形式</label>
        <select id={`${id}-upload-format`} name="format">
          <option value="auto">自動判別</option>
          <option value="xlsx">Excel（.xlsx）</option>
          <option value="csv">CSV（UTF-8）</option>
          <option value="csv-sjis">CSV（Shift_JIS）</option>
        </select>
      </div>
      <p class="hint">まず変更の一覧を表示します。確定するまで何も変わりません。</p>
      <div class="actions">
        <button type="submit">確認する</button>
      </div>
    </form>
  );
};

/**
 * The page of one dataset managed from elsewhere (a survey's paper forms): its blank template to
 * download, how to fill it, and the upload.
 */
export const DatasetUploadPage: FC<{
  code: string;
  csrf: string;
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  dataset: Dataset<any>;
}> = ({ code, csrf, dataset: ds }) => (
  <>
    <h1>{ds.title}</h1>
    <p class="lead">{ds.description}</p>
    <section class="card" aria-labelledby="template-heading">
      <h2 id="template-heading">ひな形を書き出す</h2>
      <ul>
        {ds.instructions.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <form method="get" action={`/${code}/manage/spreadsheets/${ds.name}/export`}>
        <input type="hidden" name="template" value="1" />
        <div>
          <label for="template-format">形式</label>
          <select id="template-format" name="format">
            <option value="xlsx">Excel（.xlsx）</option>
            <option value="csv">CSV（UTF-8、Excel で開けます）</option>
            <option value="csv-sjis">CSV（Shift_JIS、古いシステム向け）</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">ひな形を書き出す</button>
        </div>
      </form>
    </section>
    <section class="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">アップロードして取り込む</h2>
      <UploadForm code={code} csrf={csrf} name={ds.name} />
    </section>
    {ds.back ? (
      <p>
        <a href={ds.back.href}>{ds.back.label}に戻る</a>
      </p>
    ) : null}
  </>
);

const ErrorList: FC<{ preview: Preview }> = ({ preview }) => (
  <ErrorSummary
    message={`ファイルに誤りが ${preview.errors.length}${preview.errorsTruncated ? " 件以上" : " 件"}あります。直してからもう一度アップロードしてください`}
    lines={preview.errors.map(describeError)}
  >
    {preview.errorsTruncated ? (
      <p>誤りが多いため、先頭の {preview.errors.length} 件だけを表示しています。</p>
    ) : null}
  </ErrorSummary>
);

export const PreviewPage: FC<{
  code: string;
  csrf: string;
  preview: Preview;
  /** The file, base64, sent back unchanged to apply exactly what was previewed. */
  data: string;
  uploadFormat: string;
  /** What applying does (the dataset's outcome). */
  outcome: string;
  error?: { message: string; details: ErrorDetail[] };
  /** Where the dataset is managed, when not on the spreadsheets page. */
  back?: { href: string; label: string };
}> = ({ code, csrf, preview: p, data, uploadFormat, outcome, error, back }) => {
  const home = back ?? { href: `/${code}/manage/spreadsheets`, label: "Excel・CSV での入出力" };
  // The conflicts are listed apart, first; the other changes below them.
  const conflicts = new Set(p.conflicts.map((c) => c.id));
  const plain = p.changes.filter((c) => !conflicts.has(conflictId(c)));
  return (
    <>
      <h1>取り込みの確認: {p.title}</h1>
      {error ? (
        <ErrorSummary message={error.message} details={error.details} fields={["reason"]} />
      ) : null}
      <p>
        ファイル <strong>{p.fileName}</strong>（シート「{p.sheet}」）
      </p>
      <VersionsNotice preview={p} />
      <ul class="counts">
        {p.conflicts.length ? (
          <li>
            書き出した後に変更されたセル: <strong>{p.conflicts.length}</strong>
          </li>
        ) : null}
        {p.addedRows ? (
          <li>
            追加する行: <strong>{p.addedRows}</strong>
          </li>
        ) : null}
        <li>
          変更のある行: <strong>{p.changedRows}</strong>
        </li>
        <li>
          変更のない行: <strong>{p.unchangedRows}</strong>
        </li>
        <li>
          変更するセル: <strong>{plain.length}</strong>
        </li>
        <li>
          誤り: <strong>{p.errors.length}</strong>
        </li>
      </ul>
      {p.errors.length ? <ErrorList preview={p} /> : null}
      {p.errors.length === 0 && p.changes.length === 0 && p.conflicts.length === 0 ? (
        <p class="notice" role="status">
          変更なし — ファイルの値はいまの値（下書きを含む）と同じです。
        </p>
      ) : null}
      {p.errors.length === 0 && (p.changes.length || p.conflicts.length) ? (
        <form method="post" action={`/${code}/manage/spreadsheets/${p.dataset}/apply`}>
          <CsrfField token={csrf} />
          <ConflictList preview={p} choosable />
          <ChangeTable changes={plain} />
          <input type="hidden" name="fileName" value={p.fileName} />
          <input type="hidden" name="format" value={uploadFormat} />
          <input type="hidden" name="sha256" value={p.sha256} />
          <input type="hidden" name="digest" value={p.digest} />
          <input type="hidden" name="data" value={data} />
          {p.needsReason || p.conflicts.some((c) => c.change.correction) ? (
            <div>
              <label for="reason">訂正の理由</label>
              <p class="hint" id="reason-hint">
                公開済みの値を訂正する変更があります。理由は公開ページの訂正履歴に表示されます。
              </p>
              <textarea
                id="reason"
                name="reason"
                rows={3}
                aria-describedby="reason-hint"
                required={p.needsReason}
              />
            </div>
          ) : null}
          <p>確定すると、{outcome}</p>
          <div class="actions">
            <button type="submit">この内容で確定する</button>
            <a href={home.href}>やめる</a>
          </div>
        </form>
      ) : (
        <>
          <ConflictList preview={p} choosable={false} />
          <ChangeTable changes={plain} />
          <p>
            <a href={home.href}>{home.label}に戻る</a>
          </p>
        </>
      )}
    </>
  );
};

const ChangeTable: FC<{ changes: Preview["changes"] }> = ({ changes }) =>
  changes.length ? (
    <div class="table-wrap">
      <table>
        <caption>変更の一覧（いまの値は下書きを含みます）</caption>
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">対象</th>
            <th scope="col">列</th>
            <th scope="col">いまの値</th>
            <th scope="col">新しい値</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <td>{c.row}</td>
              <td>
                {c.key} {c.label}
              </td>
              <td>{c.column}</td>
              <td>{shown(c.before, c.unit)}</td>
              <td>
                {shown(c.after, c.unit)}
                {c.correction ? <span class="badge">公開済みの値の訂正</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) : null;

export const ResultPage: FC<{
  code: string;
  title: string;
  cells: number;
  rows: number;
  /** What applying did (the dataset's outcome). */
  outcome: string;
  /** A planner publishes the changes at 「公開前の確認」. */
  publishedLater: boolean;
  /** The stored file of the import, to download again. */
  importId?: number;
  /** Cells changed after the export that were not ticked: left as they were. */
  left: number;
  back?: { href: string; label: string };
}> = ({ code, title, cells, rows, outcome, publishedLater, importId, left, back }) => (
  <>
    <h1>取り込みました: {title}</h1>
    <p class="notice" role="status">
      {cells
        ? `${rows} 行・${cells} セルの変更を取り込みました。${outcome}`
        : "ファイルの値で変更したセルはありません。"}
      {left
        ? `書き出した後に Shisaku で変更されていた ${left} セルは、チェックがなかったため上書きせず、いまの値のまま残しました。`
        : ""}
    </p>
    {publishedLater ? (
      <p>
        <a href={`/${code}/manage/publish`}>公開前の確認</a>へ
      </p>
    ) : null}
    {importId ? (
      <p>
        <a href={importFileHref(code, importId)} download>
          取り込んだファイルをダウンロードする
        </a>
        （監査ログと「最近の取り込み」からもダウンロードできます）
      </p>
    ) : null}
    <p>
      {back ? (
        <a href={back.href}>{back.label}に戻る</a>
      ) : (
        <a href={`/${code}/manage/spreadsheets`}>Excel・CSV での入出力に戻る</a>
      )}
    </p>
  </>
);
