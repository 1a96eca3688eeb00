/** Staff views of imports: the recent applied files (with their download), a job's progress. */
import type { FC } from "hono/jsx";
import { describeActor, displayTime } from "../../audit/index.ts";
import { assetHref } from "../../core/http/assets.ts";
import { type ExportFormat, FORMAT_LABELS } from "../files.ts";
import type { JobKind } from "../jobs.ts";
import type { RecentImport } from "../stored.ts";
import { type Progress, progressText } from "../table.ts";

export const importFileHref = (code: string, id: number) =>
  `/${code}/manage/spreadsheets/imports/${id}/file`;

export const RecentImports: FC<{
  code: string;
  items: RecentImport[];
  titles: Record<string, string>;
}> = ({ code, items, titles }) => (
  <section class="card" id="recent-imports">
    <h2>最近の取り込み</h2>
    {items.length === 0 ? (
      <p>まだ取り込んだファイルはありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>
            確定した取り込み（新しい順）。取り込んだファイルをそのままダウンロードできます
          </caption>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">操作者</th>
              <th scope="col">データ</th>
              <th scope="col">ファイル</th>
              <th scope="col">変更</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td>{displayTime(i.appliedAt)}</td>
                <td>{describeActor(i.appliedBy).name}</td>
                <td>{titles[i.dataset] ?? i.dataset}</td>
                <td>
                  <a href={importFileHref(code, i.id)} download>
                    {i.fileName}
                  </a>{" "}
                  <span class="muted">
                    （{FORMAT_LABELS[i.format as ExportFormat] ?? i.format}、
                    {(i.size / 1024).toFixed(1)} KB）
                  </span>
                </td>
                <td>
                  {i.changedRows} 行・{i.cells} セル
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

const PHASES: Record<JobKind, { phase: Progress["phase"]; label: string }[]> = {
  preview: [
    { phase: "reading", label: "ファイルを読み取り中" },
    { phase: "checking", label: "行を確認中" },
    { phase: "done", label: "確認が終わりました" },
  ],
  apply: [
    { phase: "reading", label: "ファイルを読み取り中" },
    { phase: "checking", label: "行をもう一度確認中" },
    { phase: "writing", label: "書き込み中" },
    { phase: "done", label: "取り込みが終わりました" },
  ],
};

export const JobPage: FC<{
  kind: JobKind;
  code: string;
  jobId: string;
  title: string;
  fileName: string;
  progress: Progress;
  /** Seconds until the page reloads itself without JavaScript. */
  refresh: number;
}> = ({ kind, code, jobId, title, fileName, progress, refresh }) => {
  const href = `/${code}/manage/spreadsheets/jobs/${jobId}`;
  const phases = PHASES[kind];
  const at = phases.findIndex((p) => p.phase === progress.phase);
  return (
    <>
      {kind === "apply" ? (
        <>
          <h1>取り込み中: {title}</h1>
          <p>
            ファイル <strong>{fileName}</strong>{" "}
            の変更を書き込んでいます。終わると結果が表示されます。
          </p>
        </>
      ) : (
        <>
          <h1>取り込みの確認中: {title}</h1>
          <p>
            ファイル <strong>{fileName}</strong>{" "}
            を確認しています。終わると変更の一覧が表示されます。
          </p>
        </>
      )}
      <p role="status" aria-live="polite" id="job-status" data-job={href}>
        {progressText(progress)}
      </p>
      {progress.total > 0 && (progress.phase === "checking" || progress.phase === "writing") ? (
        <progress max={progress.total} value={progress.done} aria-labelledby="job-status" />
      ) : null}
      <ol class="steps">
        {phases.map((p, i) => (
          <li aria-current={i === at ? "step" : undefined}>
            {p.label}
            {i < at ? "（済）" : ""}
          </li>
        ))}
      </ol>
      <p class="hint">このページは自動で更新されます（{refresh} 秒ごと）。</p>
      <form method="get" action={href}>
        <div class="actions">
          <button type="submit">いまの状況を見る</button>
          <a href={`/${code}/manage/spreadsheets`}>Excel・CSV での入出力に戻る</a>
        </div>
      </form>
      <script src={assetHref("import-job.js")} defer />
    </>
  );
};
