/**
 * Staff: one program's evaluation of a fiscal year (事務事業評価シートの入力). The section fills
 * the self-evaluation and submits it; 行革推進課 (planners) sets the secondary evaluation and
 * confirms it or sends it back; a planner publishes it. Each form carries the version it was
 * opened on. What is editable and which buttons show is decided by workflow.ts.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import type { FormBody } from "../../core/forms.ts";
import { personName } from "../../core/people.ts";
import { shownValues, TextField } from "../../core/views/fields.tsx";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import { formatJapaneseDate } from "../../reporting/index.ts";
import {
  ASPECT_LABELS,
  ASPECT_QUESTIONS,
  ASPECTS,
  DEFAULT_RATING_SCALE,
  type RatingScale,
} from "../evaluation.ts";
import type { SheetBasis, StaffEvaluation, StaffProgram } from "../staff-queries.ts";
import { ACTION_LABELS, type EvaluationAction, STATE_LABELS } from "../workflow.ts";
import {
  directionChoices,
  directionText,
  formatTime,
  PublishedNotice,
  publicAddresses,
  Radios,
  StepLine,
  sheetGaps,
} from "./evaluation-parts.tsx";

/** The form's field names, also the locations of its errors. */
export const SELF_FIELDS = [
  ...ASPECTS.map((a) => `ratings.${a}`),
  "findings",
  "direction",
  "reason",
] as const;
export const SECONDARY_FIELDS = ["secondary.direction", "secondary.comment"] as const;
/** The check box that confirms publishing, which cannot be undone. */
export const PUBLISH_CONFIRM = "confirmPublish";

export const ALL_FIELDS: string[] = [
  ...SELF_FIELDS,
  ...SECONDARY_FIELDS,
  "comment",
  PUBLISH_CONFIRM,
];

const DONE: Record<string, string> = {
  save: "一次評価を下書きとして保存しました。公表するまで、公開ページとAPIには載りません。",
  saveSecondary:
    "二次評価を保存しました（まだ確定していません）。公表するまで、公開ページとAPIには載りません。",
  submit:
    "一次評価を提出しました。行革推進課が二次評価を行います。公表するまで、公開ページとAPIには載りません。",
  review: "二次評価を確定しました。まだ公開ページとAPIには載っていません。公表すると載ります。",
  sendBack: "評価を担当課に差し戻しました。公開ページとAPIには載っていません。",
};

export interface EvaluationEditProps {
  code: string;
  program: StaffProgram;
  fiscalYear: number;
  evaluation: StaffEvaluation;
  sentBack: { by: string; at: Date; comment: string } | null;
  editable: { self: boolean; secondary: boolean };
  actions: EvaluationAction[];
  csrf: string;
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
  /** The submitted form, shown again as typed when it had errors. */
  raw?: FormBody;
  scale?: RatingScale;
  /** The year's round when it is closed and this person could otherwise edit the self-evaluation. */
  closedRound?: { deadline: string };
  /** Whether the year has a cost row and 人件費単価 (what the public sheet is computed from). */
  sheet: SheetBasis;
  /** The site's origin (https://…), to name the public addresses in full. */
  origin: string;
}

export const EvaluationEditPage: FC<EvaluationEditProps> = (p) => {
  const e = p.evaluation;
  const { self, secondary } = e.content;
  const scale = p.scale ?? DEFAULT_RATING_SCALE;
  const v = shownValues(p.raw);
  const details = p.errors?.details;
  const action = `/${p.code}/manage/programs/${encodeURIComponent(p.program.code)}/evaluations/${p.fiscalYear}`;
  const may = (a: EvaluationAction) => p.actions.includes(a);
  const addresses = publicAddresses(p.origin, p.code, p.program.code, p.fiscalYear);
  const gaps = sheetGaps(p.sheet, p.fiscalYear);
  const Hidden = () => (
    <>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="version" value={String(e.version)} />
    </>
  );
  return (
    <>
      <h1>
        {p.program.name}
        <span class="muted">（{fiscalYearLabel(p.fiscalYear)}の事務事業評価）</span>
      </h1>
      {p.program.sample ? (
        <p>
          <span class="badge sample">サンプル</span> 説明用の架空の事業です。
        </p>
      ) : null}
      <DoneNotice messages={DONE} done={p.done} />
      {p.done === "publish" && e.state === "published" ? (
        <PublishedNotice addresses={addresses} fy={p.fiscalYear} />
      ) : null}
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={ALL_FIELDS} />
      ) : null}
      <dl class="meta">
        <dt>事務事業コード</dt>
        <dd>{p.program.code}</dd>
        <dt>担当課</dt>
        <dd>{p.program.section.name}</dd>
        <dt>状態</dt>
        <dd>
          <strong>{e.version === 0 ? "未着手" : STATE_LABELS[e.state]}</strong>
          <span class="muted">（版 {e.version}）</span>
        </dd>
        <StepLine label="提出" step={e.submitted} />
        <StepLine label="二次評価の確定" step={e.reviewed} />
        <StepLine label="公表" step={e.published} />
      </dl>
      {p.sentBack ? (
        <div class="notice">
          <p>
            {formatTime(p.sentBack.at)}に{personName(p.sentBack.by)}が差し戻しました。理由：
          </p>
          <p class="pre-line">{p.sentBack.comment}</p>
        </div>
      ) : null}

      <h2>一次評価（担当課による自己評価）</h2>
      {p.closedRound ? (
        <div class="notice" role="status">
          <p>
            {fiscalYearLabel(p.fiscalYear)}の事務事業評価は締め切られました（締切：
            {formatJapaneseDate(p.closedRound.deadline)}
            ）。一次評価は変更できません。変更が必要な場合は、評価の担当（企画担当）に連絡してください。
          </p>
        </div>
      ) : null}
      {p.editable.self ? (
        <form method="post" action={action} class="stack">
          <Hidden />
          {ASPECTS.map((a) => (
            <Radios
              name={`ratings.${a}`}
              legend={ASPECT_LABELS[a]}
              hint={ASPECT_QUESTIONS[a]}
              choices={[
                ...scale.levels.map((l) => ({
                  value: l.code,
                  label: l.code,
                  hint: l.definitions[a],
                })),
                { value: "", label: "未評価" },
              ]}
              picked={v.text(`ratings.${a}`, self.ratings[a])}
              details={details}
            />
          ))}
          <TextField
            name="findings"
            label="評価の所見（成果と課題）"
            value={v.text("findings", self.findings)}
            details={details}
            multiline
          />
          <Radios
            name="direction"
            legend="今後の方向性"
            choices={directionChoices("未選択")}
            picked={v.text("direction", self.direction)}
            details={details}
          />
          <TextField
            name="reason"
            label="方向性の理由"
            value={v.text("reason", self.reason)}
            details={details}
            multiline
          />
          <p class="hint">
            下書きは何度でも保存できます。提出すると、行革推進課が二次評価を行うまで変更できません。
          </p>
          <div class="actions">
            <button type="submit" name="step" value="save">
              下書きとして保存
            </button>
            {may("submit") ? (
              <button type="submit" name="step" value="submit" class="secondary">
                保存して提出
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <caption>観点別の評価（{scale.levels.map((l) => l.code).join("・")}）</caption>
              <thead>
                <tr>
                  {ASPECTS.map((a) => (
                    <th scope="col">{ASPECT_LABELS[a]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {ASPECTS.map((a) => (
                    <td>{self.ratings[a] ?? "—"}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <dl class="meta">
            <dt>評価の所見</dt>
            <dd class="pre-line">{self.findings || "—"}</dd>
            <dt>今後の方向性（一次評価）</dt>
            <dd>{directionText(self.direction)}</dd>
            <dt>方向性の理由</dt>
            <dd class="pre-line">{self.reason || "—"}</dd>
          </dl>
        </>
      )}

      <h2>二次評価（行革推進課・委員会）</h2>
      {p.editable.secondary ? (
        <form method="post" action={action} class="stack">
          <Hidden />
          <p>
            一次評価の方向性は「{directionText(self.direction)}
            」です。二次評価では異なる方向性を選べます。
          </p>
          <Radios
            name="secondary.direction"
            legend="今後の方向性（二次評価）"
            choices={directionChoices("未選択")}
            picked={v.text("secondary.direction", secondary?.direction ?? null)}
            details={details}
          />
          <TextField
            name="secondary.comment"
            label="二次評価のコメント"
            value={v.text("secondary.comment", secondary?.comment ?? null)}
            details={details}
            multiline
          />
          <div class="actions">
            <button type="submit" name="step" value="saveSecondary">
              二次評価を保存
            </button>
            {may("review") ? (
              <button type="submit" name="step" value="review" class="secondary">
                保存して{ACTION_LABELS.review}
              </button>
            ) : null}
          </div>
        </form>
      ) : secondary ? (
        <dl class="meta">
          <dt>今後の方向性（二次評価）</dt>
          <dd>{directionText(secondary.direction)}</dd>
          <dt>コメント</dt>
          <dd class="pre-line">{secondary.comment || "—"}</dd>
        </dl>
      ) : (
        <p class="muted">二次評価はまだありません。</p>
      )}

      {may("publish") ? (
        <>
          <h2>公表</h2>
          <form method="post" action={action}>
            <Hidden />
            <p>
              公表すると、この評価が公開ページ（{addresses.page}
              ）とAPIに載ります。公表後は変更できません。
            </p>
            {gaps.length ? (
              <div class="notice" id="publish-gaps">
                <p>
                  <strong>公表する評価シートには、次のものが欠けます。</strong>
                  公表してから登録することもできます。
                </p>
                <ul>
                  {gaps.map((g) => (
                    <li>{g}</li>
                  ))}
                </ul>
                <p>
                  <a href={action.replace("/evaluations/", "/years/")}>
                    この年度のコストを入力する
                  </a>
                  {" ・ "}
                  <a href={`/${p.code}/manage/programs/cost-settings`}>人件費単価の設定</a>
                </p>
              </div>
            ) : null}
            {/* Publishing cannot be undone: the box is required (by the browser and again by the
                server), so a stray click does not publish. */}
            <div class="check">
              <input
                type="checkbox"
                id={PUBLISH_CONFIRM}
                name={PUBLISH_CONFIRM}
                required
                {...errorAria(PUBLISH_CONFIRM, details)}
              />{" "}
              <label for={PUBLISH_CONFIRM}>
                公表後は変更できないことを確認しました（この評価を公表します）
              </label>
              <FieldError field={PUBLISH_CONFIRM} details={details} />
            </div>
            <div class="actions">
              <button type="submit" name="step" value="publish">
                {ACTION_LABELS.publish}する
              </button>
            </div>
          </form>
        </>
      ) : null}

      {may("sendBack") ? (
        <>
          <h2>差し戻し</h2>
          <form method="post" action={action} class="stack">
            <Hidden />
            <TextField
              name="comment"
              label="差し戻しの理由"
              hint="担当課が一次評価を直すときに表示されます。"
              value={v.text("comment", "")}
              details={details}
              multiline
              rows={3}
              required
            />
            <div class="actions">
              <button type="submit" name="step" value="sendBack" class="secondary">
                作成中に差し戻す
              </button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`/${p.code}/manage/evaluations?fy=${p.fiscalYear}`}>評価の一覧へ戻る</a>
        {" ・ "}
        <a href={action.replace("/evaluations/", "/years/")}>コスト・予算要求</a>
        {" ・ "}
        <a href={action.replace(/\/evaluations\/\d+$/, "")}>基本情報</a>
        {" ・ "}
        <a href={`/${p.code}/programs/${encodeURIComponent(p.program.code)}`}>
          公開ページ（公表済みの評価のみ）
        </a>
      </p>
    </>
  );
};
