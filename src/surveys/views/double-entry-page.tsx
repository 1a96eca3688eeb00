/**
 * The double entry of a survey's paper forms, for staff: the share drawn and its seed, the
 * disagreement rate, each form keyed twice (who keyed it and when), each disagreeing field with
 * both values, and the third look's form that settles a form's disagreements.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { percent } from "../estimates.ts";
import type { DoubleEntries } from "../queries.ts";
import { type Answers, allQuestions, type Questionnaire } from "../questionnaire.ts";
import type { Survey } from "../schema.ts";

type Value = Answers[string] | null;

/** A keyed value as the paper shows it: the option's number and text, 「（空欄）」 for a blank. */
export function shownValue(qn: Questionnaire, key: string, v: Value): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return "（空欄）";
  const q = allQuestions(qn).find((x) => x.key === key);
  const option = (k: string) => {
    const o = q?.options?.find((x) => x.key === k);
    return o ? `${k}（${o.text}）` : k;
  };
  return Array.isArray(v) ? v.map(option).join("、") : q?.options ? option(String(v)) : String(v);
}

const when = (d: Date | null) =>
  d
    ? d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" })
    : "";

const DONE = { settled: "不一致を確定しました。確定した値がこの調査票の回答になりました" };

export const DoubleEntryPage: FC<{
  code: string;
  survey: Survey;
  data: DoubleEntries;
  csrf: string;
  mayKeyIn: boolean;
  done?: string;
  errors?: { responseId: number; message: string; details: ErrorDetail[] };
}> = ({ code, survey: s, data, csrf, mayKeyIn, done, errors }) => {
  const base = `/${code}/manage/surveys/${s.id}`;
  const texts = new Map(allQuestions(s.questionnaire).map((q) => [q.key, q.text]));
  const waitingSecond = data.forms.filter((f) => f.comparison === null);
  const compared = data.forms.filter((f) => f.comparison !== null);
  const unsettled = compared.filter((f) => !f.entry.resolved).length;
  return (
    <>
      <h1>二重入力の照合: {s.title}</h1>
      <DoneNotice messages={DONE} done={done} />
      <p>
        紙の調査票の {data.percent}% を、回答番号から抽出の種 <code>{data.seed}</code>{" "}
        で選び、別の人がもう一度入力します（同じ種と回答番号なら、いつでも同じ調査票が選ばれます）。
        二回の入力が食い違った調査票は、調査票を見直して確定するまで集計に入りません。
      </p>
      <dl class="facts">
        <dt>二回入力した調査票</dt>
        <dd>{data.rate.forms}枚</dd>
        <dt>比べた項目</dt>
        <dd>{data.rate.fields}項目</dd>
        <dt>食い違った項目</dt>
        <dd>{data.rate.disagreements}項目</dd>
        <dt>不一致率</dt>
        <dd>
          {data.rate.rate === null
            ? "まだありません"
            : `${percent(data.rate.rate)}%（食い違った項目 ÷ 比べた項目）`}
        </dd>
        <dt>二回目の入力待ち</dt>
        <dd>{waitingSecond.length}枚</dd>
        <dt>確定待ち</dt>
        <dd>{unsettled}枚</dd>
      </dl>
      {waitingSecond.length ? (
        <section aria-labelledby="waiting">
          <h2 id="waiting">二回目の入力を待つ調査票</h2>
          <p>
            一回目と別の人が、<a href={`${base}/paper`}>紙の調査票の入力</a>
            で同じ回答番号の調査票をもう一度入力してください。
          </p>
          <ul>
            {waitingSecond.map((f) => (
              <li>
                <code>{f.code}</code>（一回目: {f.firstBy}、{when(f.entry.firstKeyedAt)}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="forms">
        <h2 id="forms">二回入力した調査票</h2>
        {compared.length === 0 ? <p>まだありません。</p> : null}
        {compared.map((f) => {
          const id = f.entry.responseId;
          const d = f.comparison!.disagreements;
          const err = errors?.responseId === id ? errors : undefined;
          return (
            <section aria-labelledby={`form-${id}`}>
              <h3 id={`form-${id}`}>
                回答番号 <code>{f.code}</code>:{" "}
                {d.length === 0
                  ? "一致"
                  : f.entry.resolved
                    ? `食い違い ${d.length}項目（確定済み）`
                    : `食い違い ${d.length}項目（確定待ち）`}
              </h3>
              <p class="hint">
                一回目: {f.firstBy}（{when(f.entry.firstKeyedAt)}）・二回目: {f.secondBy}（
                {when(f.entry.secondKeyedAt)}）
                {f.entry.settledAt ? `・確定: ${f.settledBy}（${when(f.entry.settledAt)}）` : ""}
              </p>
              {d.length ? (
                <form method="post" action={`${base}/double-entry/${id}/settle`} class="stack">
                  {err ? <ErrorSummary message={err.message} details={err.details} /> : null}
                  <CsrfField token={csrf} />
                  <table>
                    <caption>回答番号 {f.code} の食い違った項目</caption>
                    <thead>
                      <tr>
                        <th scope="col">問</th>
                        <th scope="col">一回目の入力</th>
                        <th scope="col">二回目の入力</th>
                        <th scope="col">調査票の値（三回目の確認）</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.map((x) => {
                        const chosen = f.entry.settled?.[x.question];
                        const name = `settle-${id}-${x.question}`;
                        return (
                          <tr>
                            <th scope="row">
                              {x.question}. {texts.get(x.question)}
                            </th>
                            <td>{shownValue(s.questionnaire, x.question, x.first)}</td>
                            <td>{shownValue(s.questionnaire, x.question, x.second)}</td>
                            <td>
                              {f.entry.resolved ? (
                                chosen === "second" ? (
                                  "二回目の値"
                                ) : (
                                  "一回目の値"
                                )
                              ) : (
                                <fieldset id={name} class="choices">
                                  <legend>{x.question} の調査票の値</legend>
                                  {(["first", "second"] as const).map((k) => (
                                    <div class="check">
                                      <input
                                        type="radio"
                                        id={`${name}-${k}`}
                                        name={`choice.${x.question}`}
                                        value={k}
                                        disabled={!mayKeyIn}
                                      />{" "}
                                      <label for={`${name}-${k}`}>
                                        {k === "first" ? "一回目の値" : "二回目の値"}
                                      </label>
                                    </div>
                                  ))}
                                </fieldset>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                  {!f.entry.resolved && mayKeyIn ? (
                    <div class="actions">
                      <button type="submit">
                        調査票を見て確定する（確定した値を回答にします）
                      </button>
                    </div>
                  ) : null}
                </form>
              ) : null}
            </section>
          );
        })}
      </section>
    </>
  );
};
