/** Staff: enter or correct one indicator's actual, with the previous years and the target. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { personName } from "../../core/people.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import type { EntryState } from "../drafts.ts";
import { currentVersions, isPublished, type PublishedActual } from "../entry.ts";
import { shortYearLabel, VALUE_KIND_ENTRY, VALUE_KIND_LABELS } from "../labels.ts";
import type { IndicatorRecord } from "../queries.ts";

export interface EntryPageProps {
  code: string;
  record: IndicatorRecord;
  state: EntryState;
  fiscalYear: number;
  years: number[];
  csrf: string;
  mayEdit: boolean;
  /** The definition's edit page, for those who may edit it. */
  definitionPath?: string;
  /** What was submitted, when the page is shown again with errors. */
  submitted?: { value: string; note: string; reason: string };
  errors?: { message: string; details: ErrorDetail[] };
  done?: string;
}

const DONE: Record<string, string> = {
  saved: "下書きとして保存しました。企画担当が公開すると、公開ページに表示されます。",
  unchanged: "公開中の値と同じため、下書きはありません。",
  discarded: "下書きを取り消しました。",
};

const shown = (r: IndicatorRecord, v: { value: number | null; note: string | null } | undefined) =>
  v ? `${formatValue(v.value, r.unit, r.decimals)}${v.note ? `（${v.note}）` : ""}` : "—";

export const EntryPage: FC<EntryPageProps> = (p) => {
  const { record: r, state, fiscalYear: fy } = p;
  const base = `/${p.code}/manage/indicators/${encodeURIComponent(r.code)}`;
  const year = state.years.get(fy);
  const versions = currentVersions(year?.published, year?.draft);
  const current = year?.draft ?? year?.published;
  const value = p.submitted?.value ?? (current?.value == null ? "" : String(current.value));
  const note = p.submitted?.note ?? current?.note ?? "";
  const reason = p.submitted?.reason ?? year?.draft?.reason ?? "";
  const published = year?.published as PublishedActual | undefined;
  const locked = published && published.origin !== "entered";
  return (
    <>
      <h1>
        実績値の入力: {r.name}（{r.code}）
      </h1>
      {p.definitionPath ? (
        <p>
          <a href={p.definitionPath}>この指標の定義を編集する</a>
        </p>
      ) : null}
      <DoneNotice messages={DONE} done={p.done} />
      <dl class="meta">
        <dt>担当</dt>
        <dd>{state.owners.map((o) => o.name).join("、") || "未設定"}</dd>
        <dt>単位</dt>
        <dd>{r.unit || "—"}</dd>
        <dt>基準値</dt>
        <dd>{r.baseline.text}</dd>
        <dt>目標</dt>
        <dd>{r.target.text}</dd>
        {r.target.interim.length > 0 ? (
          <>
            <dt>中間目標</dt>
            <dd>
              {r.target.interim
                .map((i) => `${shortYearLabel(i.fiscalYear, r.yearKind)} ${i.text}`)
                .join("、")}
            </dd>
          </>
        ) : null}
        <dt>値の種類</dt>
        <dd>{VALUE_KIND_LABELS[r.valueKind]}</dd>
      </dl>
      <p>
        <a href={`/${p.code}/indicators/${encodeURIComponent(r.code)}`}>公開ページを見る</a>
      </p>

      <div class="table-wrap">
        <table>
          <caption>年度ごとの値（下書きは公開前）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">公開中の値</th>
              <th scope="col">下書き</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.years.map((y) => {
              const s = state.years.get(y);
              return (
                <tr>
                  <th scope="row">{shortFiscalYearLabel(y)}</th>
                  <td>{shown(r, s?.published)}</td>
                  <td>
                    {s?.draft ? (
                      <>
                        <span class="badge draft">下書き</span> {shown(r, s.draft)}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {y === fy ? (
                      <span aria-current="true">入力中</span>
                    ) : (
                      <a href={`${base}?fy=${y}#entry`}>
                        {s?.published || s?.draft ? "訂正する" : "入力する"}
                        <span class="visually-hidden">（{shortFiscalYearLabel(y)}）</span>
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 id="entry">{fiscalYearLabel(fy)}の実績値</h2>
      {p.errors ? (
        <ErrorSummary
          message={p.errors.message}
          details={p.errors.details}
          fields={["value", "note", "reason"]}
        />
      ) : null}
      {year?.draft ? (
        <p class="notice">
          <span class="badge draft">下書き</span> {shown(r, year.draft)} —{" "}
          {personName(year.draft.updatedBy)} が{" "}
          {year.draft.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}{" "}
          に保存（未公開）
        </p>
      ) : null}
      {locked ? (
        <p class="notice">
          この年度の値は公表資料から取り込まれているため、ここでは変更できません。
        </p>
      ) : !p.mayEdit ? (
        <p class="notice">この指標の実績値を入力する権限がありません。</p>
      ) : (
        <>
          <form method="post" action={`${base}/actuals/${fy}`} class="stack">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="publishedVersion" value={String(versions.published)} />
            <input type="hidden" name="draftVersion" value={String(versions.draft)} />
            <div>
              <label for="value">値{r.unit ? `（${r.unit}）` : ""}</label>
              <p class="hint" id="value-hint">
                {VALUE_KIND_ENTRY[r.valueKind]}。
                数字で入力します（全角・桁区切りも可）。値がないときは空欄にして、注記に理由を書いてください。
              </p>
              <input
                id="value"
                name="value"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value={value}
                {...errorAria("value", p.errors?.details, "value-hint")}
              />
              <FieldError field="value" details={p.errors?.details} />
            </div>
            <div>
              <label for="note">注記（任意）</label>
              <textarea id="note" name="note" {...errorAria("note", p.errors?.details)}>
                {note}
              </textarea>
              <FieldError field="note" details={p.errors?.details} />
            </div>
            <div>
              <label for="reason">
                訂正の理由
                {isPublished(published) ? "（公表済みの値を変えるときは必須）" : "（任意）"}
              </label>
              <p class="hint" id="reason-hint">
                公表済みの値を訂正すると、公開ページの訂正履歴に旧値・新値・日付とともに表示されます。
              </p>
              <textarea
                id="reason"
                name="reason"
                {...errorAria("reason", p.errors?.details, "reason-hint")}
              >
                {reason}
              </textarea>
              <FieldError field="reason" details={p.errors?.details} />
            </div>
            <div class="actions">
              <button type="submit">下書きとして保存</button>
            </div>
          </form>
          {year?.draft ? (
            <form method="post" action={`${base}/actuals/${fy}/discard`}>
              <CsrfField token={p.csrf} />
              <input type="hidden" name="draftVersion" value={String(year.draft.version)} />
              <button type="submit" class="secondary">
                下書きを取り消す
              </button>
            </form>
          ) : null}
        </>
      )}
    </>
  );
};
