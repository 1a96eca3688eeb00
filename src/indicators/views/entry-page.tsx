/** Staff: enter or correct one indicator's actual, with the previous years and the target. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
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
import {
  type ActualDetails,
  currentVersions,
  detailsOf,
  isPublished,
  type PublishedActual,
} from "../entry.ts";
import {
  actualQualifier,
  japaneseDate,
  shortYearLabel,
  VALUE_KIND_ENTRY,
  VALUE_KIND_LABELS,
  yearLabel,
} from "../labels.ts";
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
  submitted?: EntrySubmitted;
  errors?: { message: string; details: ErrorDetail[] };
  done?: string;
  /** The year's round is closed for this indicator: the form is read-only. */
  closed?: { closedAt: Date; closedBy: string | null };
}

/** The fields of the entry form as typed (shown again with errors). */
export interface EntrySubmitted {
  value: string;
  text: string;
  /** "true" | "false" | "": 達成したか (milestone targets). */
  done: string;
  asOf: string;
  /** "true" when 見込 is checked. */
  estimate: string;
  note: string;
  reason: string;
}

const DONE: Record<string, string> = {
  saved: "下書きとして保存しました。企画担当が公開すると、公開ページに表示されます。",
  unchanged: "公開中の値と同じため、下書きはありません。",
  discarded: "下書きを取り消しました。",
};

/**
 * A closed year: why the value cannot be changed and whom to ask; a value typed before the close
 * (a save that raced it) is shown again, read-only, so that it is not lost.
 */
const Closed: FC<
  EntryPageProps & {
    closed: NonNullable<EntryPageProps["closed"]>;
    value: string;
    note: string;
  }
> = (p) => (
  <div class="notice" role="status" id="closed">
    <p>
      <strong>{fiscalYearLabel(p.fiscalYear)}の報告は締め切られています</strong>（
      {p.closed.closedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}、
      {personName(p.closed.closedBy)}）。この年度の実績値は変更できません。
    </p>
    <p>
      訂正が必要なときは、企画担当（締め切った{personName(p.closed.closedBy)}
      など）に、この指標の再開を依頼してください。再開されると、ここで入力できるようになります。
    </p>
    {p.submitted ? (
      <div class="stack">
        <p>入力した内容は保存されていません。再開を依頼するときのために控えてください。</p>
        <div>
          <label for="value">入力した値{p.record.unit ? `（${p.record.unit}）` : ""}</label>
          <input id="value" type="text" value={p.value} readonly />
        </div>
        {p.note ? (
          <div>
            <label for="note">入力した注記</label>
            <textarea id="note" readonly>
              {p.note}
            </textarea>
          </div>
        ) : null}
      </div>
    ) : null}
  </div>
);

type Shown = { value: number | null; note: string | null } & Partial<ActualDetails>;

/** A year's actual in the table: the value (or words), 達成, 時点・見込, and the note. */
const shown = (r: IndicatorRecord, v: Shown | undefined) => {
  if (!v) return "—";
  const d = detailsOf(v);
  const said =
    v.value === null && d.text !== null ? d.text : formatValue(v.value, r.unit, r.decimals);
  const reached = d.done === null ? "" : d.done ? "（達成）" : "（未達成）";
  const qualifier = actualQualifier(d);
  return `${said}${reached}${qualifier ? `〔${qualifier}〕` : ""}${v.note ? `（${v.note}）` : ""}`;
};

export const EntryPage: FC<EntryPageProps> = (p) => {
  const { record: r, state, fiscalYear: fy } = p;
  const base = `/${p.code}/manage/indicators/${encodeURIComponent(r.code)}`;
  const year = state.years.get(fy);
  const versions = currentVersions(year?.published, year?.draft);
  const current = year?.draft ?? year?.published;
  const value = p.submitted?.value ?? (current?.value == null ? "" : String(current.value));
  const note = p.submitted?.note ?? current?.note ?? "";
  const details = detailsOf(current);
  const text = p.submitted?.text ?? details.text ?? "";
  const done = p.submitted?.done ?? (details.done === null ? "" : String(details.done));
  const asOf = p.submitted?.asOf ?? (details.asOf ? japaneseDate(details.asOf) : "");
  const estimate = p.submitted ? p.submitted.estimate === "true" : details.estimate;
  const milestone = r.target.form === "milestone";
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
              <th scope="col">{r.yearKind === "calendar" ? "年" : "年度"}</th>
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
                  <th scope="row">{shortYearLabel(y, r.yearKind)}</th>
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
                        <span class="visually-hidden">（{shortYearLabel(y, r.yearKind)}）</span>
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 id="entry">{yearLabel(fy, r.yearKind)}の実績値</h2>
      {p.errors ? (
        <ErrorSummary
          message={p.errors.message}
          details={p.errors.details}
          fields={["value", "text", "done", "asOf", "estimate", "note", "reason"]}
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
      {p.closed ? (
        <Closed {...p} closed={p.closed} value={value} note={note} />
      ) : locked ? (
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
                {VALUE_KIND_ENTRY[r.valueKind]}。 数字で入力します（全角・桁区切りも可）。
                {milestone ? "数値でない実績は下の「文字の実績」に入力します。" : ""}
                値がないときは空欄にして、注記に理由を書いてください。
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
            {milestone ? (
              <>
                <div>
                  <label for="text">文字の実績（任意）</label>
                  <p class="hint" id="text-hint">
                    数値でない実績を、公表資料の言葉のまま入力します（例: 策定、設置、なし）。
                  </p>
                  <input
                    id="text"
                    name="text"
                    type="text"
                    autocomplete="off"
                    value={text}
                    {...errorAria("text", p.errors?.details, "text-hint")}
                  />
                  <FieldError field="text" details={p.errors?.details} />
                </div>
                <fieldset {...errorAria("done", p.errors?.details)}>
                  <legend>達成したか（目標「{r.target.text}」）</legend>
                  {(
                    [
                      ["true", "達成した"],
                      ["false", "まだ達成していない"],
                      ["", "答えない（未入力）"],
                    ] as const
                  ).map(([v, label]) => (
                    <label class="choice">
                      <input type="radio" name="done" value={v} checked={done === v} /> {label}
                    </label>
                  ))}
                  <FieldError field="done" details={p.errors?.details} />
                </fieldset>
              </>
            ) : null}
            <div>
              <label for="asOf">時点（任意）</label>
              <p class="hint" id="asOf-hint">
                値がある日現在のものなら、その日を入力します（例:
                平成15年9月30日、2003-09-30）。公開ページに「○年○月○日現在」と表示されます。
              </p>
              <input
                id="asOf"
                name="asOf"
                type="text"
                autocomplete="off"
                value={asOf}
                {...errorAria("asOf", p.errors?.details, "asOf-hint")}
              />
              <FieldError field="asOf" details={p.errors?.details} />
            </div>
            <div>
              <label class="choice">
                <input
                  type="checkbox"
                  id="estimate"
                  name="estimate"
                  value="true"
                  checked={estimate}
                />{" "}
                見込の値（確定値ではない）
              </label>
              <FieldError field="estimate" details={p.errors?.details} />
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
