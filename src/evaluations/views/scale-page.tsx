/**
 * Staff (planners): the municipality's rating scale — each level's code and what it means for
 * each aspect. A level is removed by ticking it, added by filling the blank level at the end.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import type { FormBody } from "../../core/forms.ts";
import { CheckField, shownValues, TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { ASPECT_LABELS, ASPECTS, type RatingScale } from "../evaluation.ts";

/** The form's names of a level's fields. */
export const levelField = {
  code: (i: number) => `levels.${i}.code`,
  definition: (i: number, aspect: string) => `levels.${i}.definitions.${aspect}`,
  remove: (i: number) => `levels.${i}.remove`,
};

const DONE = {
  saved: "評価の段階を保存しました。評価の入力画面・公開ページ・評価シートに使われます。",
};

export const ScalePage: FC<{
  code: string;
  scale: RatingScale;
  version: number;
  /** Level rows in the form: the saved ones (or as many as were posted) and one blank. */
  rows: number;
  csrf: string;
  done?: string;
  raw?: FormBody;
  errors?: { message: string; details: ErrorDetail[] };
  /** 409: the scale saved meanwhile (the form keeps what was typed, over this version). */
  current?: RatingScale;
}> = (p) => {
  const v = shownValues(p.raw);
  const details = p.errors?.details;
  const fields = Array.from({ length: p.rows }, (_, i) => [
    levelField.code(i),
    ...ASPECTS.map((a) => levelField.definition(i, a)),
  ]).flat();
  return (
    <>
      <h1>評価の段階</h1>
      <p class="lead">
        一次評価で必要性・有効性・効率性・公平性をそれぞれ評価する段階です（上が高い評価）。
        {p.version === 0 ? "いまは既定の A・B・C を使っています。" : `版 ${p.version}`}
      </p>
      <DoneNotice messages={DONE} done={p.done} />
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={fields} />
      ) : null}
      {p.current ? <CurrentScale scale={p.current} version={p.version} /> : null}
      <form method="post" action={`/${p.code}/manage/evaluations/settings`} class="stack">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        <input type="hidden" name="rows" value={String(p.rows)} />
        {Array.from({ length: p.rows }, (_, i) => {
          const level = p.scale.levels[i];
          return (
            <fieldset>
              <legend>
                {level ? `段階 ${i + 1}` : `段階を追加する（任意・空欄なら追加しません）`}
              </legend>
              <TextField
                name={levelField.code(i)}
                label="記号"
                value={v.text(levelField.code(i), level?.code ?? "")}
                details={details}
                hint="例: A、S、1 など（20文字以内）"
                required={level !== undefined}
              />
              {ASPECTS.map((a) => (
                <TextField
                  name={levelField.definition(i, a)}
                  label={`${ASPECT_LABELS[a]}の定義`}
                  value={v.text(levelField.definition(i, a), level?.definitions[a] ?? "")}
                  details={details}
                  required={level !== undefined}
                  multiline
                  rows={2}
                />
              ))}
              {level ? (
                <CheckField
                  name={levelField.remove(i)}
                  label="この段階を削除する"
                  checked={v.flag(levelField.remove(i), false)}
                />
              ) : null}
            </fieldset>
          );
        })}
        <p class="hint">
          提出済み・二次評価済み・公表済みの評価で使われている段階は削除できません。
        </p>
        <div>
          <button type="submit">保存する</button>
        </div>
      </form>
    </>
  );
};

/** The scale saved now, shown on the conflict page beside the form with what was typed. */
const CurrentScale: FC<{ scale: RatingScale; version: number }> = ({ scale, version }) => (
  <>
    <ErrorSummary message={`ほかの人が先に評価の段階を保存しました（現在は版 ${version}）`}>
      <p>
        あなたの入力はまだ保存していません。現在の内容と見比べて、必要なら保存し直してください。
      </p>
    </ErrorSummary>
    <div class="table-wrap">
      <table>
        <caption>現在の評価の段階（版 {version}）</caption>
        <thead>
          <tr>
            <th scope="col">記号</th>
            {ASPECTS.map((a) => (
              <th scope="col">{ASPECT_LABELS[a]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scale.levels.map((l) => (
            <tr>
              <th scope="row">{l.code}</th>
              {ASPECTS.map((a) => (
                <td>{l.definitions[a]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);
