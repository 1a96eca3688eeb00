/**
 * The line a staff list shows under its heading: download the same rows as Excel, fill them in,
 * and upload them on the spreadsheets page.
 */
import type { FC } from "hono/jsx";

export const ExcelHint: FC<{
  code: string;
  /** The dataset's name (spreadsheets/import.ts DATASETS). */
  dataset: string;
  /** What the download holds, for people: 「この一覧の指標」. */
  what: string;
  /** "mine", "all" or a section code, as on the spreadsheets page. */
  section?: string;
}> = ({ code, dataset, what, section }) => (
  <p class="excel-hint">
    Excel でまとめて入力するときは、
    <a
      href={`/${code}/manage/spreadsheets/${dataset}/export?format=xlsx${section ? `&section=${section}` : ""}`}
    >
      {what}を Excel に書き出し
    </a>
    、記入して<a href={`/${code}/manage/spreadsheets#${dataset}`}>アップロード</a>します。
  </p>
);
