/**
 * Staff proposals (職員提案制度), one proposal's page: what was proposed, by whom and for which
 * sections, its timeline, the committee's decision and the implementation record; and for the
 * committee, the average scores and the forms to score, decide and record the implementation.
 * Staff pages only: nothing here is public.
 */
import type { FC } from "hono/jsx";
import { DATE_HINT, dateFieldValue, fiscalYearLabel } from "../../core/fiscal-year.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import { japaneseDate, PlainText } from "../../letters/index.ts";
import type { ProposalStep } from "../notices.ts";
import type { StaffProposal } from "../proposals.ts";
import {
  type Criterion,
  DECISION_LABELS,
  isAdopted,
  PROPOSAL_LIMITS,
  SCORE_MAX,
  SCORE_MIN,
  scoreSummary,
  statusLabel,
} from "../rules.ts";
import { PROPOSAL_DECISIONS } from "../schema.ts";
import { type Errors, type Section, type Submitted, textOf } from "./forms.tsx";
import { ProposalTimeline } from "./timeline.tsx";

const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** Every message says whether the public sees it: a staff proposal's content never is. */
const INTERNAL = "職員提案の内容は庁内だけのもので、公開ページには載りません。";
const DONE: Record<string, string> = {
  submitted: `提案を受け付けました。審査の状況はこのページで確認できます。${INTERNAL}`,
  scored: `採点を保存しました。${INTERNAL}`,
  decided: `審査結果を保存しました。${INTERNAL}`,
  implemented: `実施の記録を保存しました。${INTERNAL}`,
};

export interface ProposalPageProps {
  code: string;
  proposal: StaffProposal;
  proposerName: string;
  steps: ProposalStep[];
  mailed: boolean;
  sections: Section[];
  criteria: Criterion[];
  scores: { criterion: string; score: number; scorerId: number }[];
  userId: number;
  committee: boolean;
  csrf: string;
  done?: string;
  errors?: Errors;
  submitted?: Submitted;
}

export const ProposalPage: FC<ProposalPageProps> = ({
  code,
  proposal: p,
  proposerName,
  steps,
  mailed,
  sections,
  criteria,
  scores,
  userId,
  committee,
  csrf,
  done,
  errors,
  submitted,
}) => {
  const base = `/${code}/manage/proposals/${p.number}`;
  const errorsOf = (form: string) => (errors?.form === form ? errors.details : undefined);
  const s = (form: string) =>
    errors?.form === form ? textOf(submitted) : (_k: string, d: string) => d;
  const sectionName = (c: string) => sections.find((x) => x.code === c)?.name ?? c;
  const summary = scoreSummary(scores, criteria);
  const mine = new Map(
    scores.filter((x) => x.scorerId === userId).map((x) => [x.criterion, x.score]),
  );
  const sd = errorsOf("score");
  const dd = errorsOf("decision");
  const id = errorsOf("implementation");
  const ss = s("score");
  const ds = s("decision");
  const is = s("implementation");
  return (
    <>
      <h1>
        職員提案 {p.number}「{p.title}」
      </h1>
      <DoneNotice messages={DONE} done={done} />
      {errors ? (
        <ErrorSummary
          message={errors.message}
          details={errors.details}
          fields={[
            ...criteria.map((_, i) => `score${i}`),
            "decision",
            "reason",
            "implementation",
            "implementedOn",
            "measuredEffect",
            "measuredHours",
            "measuredYen",
          ]}
        />
      ) : null}
      <dl>
        <dt>状況</dt>
        <dd>
          <strong>{statusLabel(p.decision)}</strong>
        </dd>
        <dt>提出日</dt>
        <dd>
          {japaneseDate(p.submittedAt)}（{fiscalYearLabel(p.fiscalYear)}）
        </dd>
        <dt>提案者</dt>
        <dd>{p.groupName ? `${p.groupName}（グループ、代表 ${proposerName}）` : proposerName}</dd>
        {p.memberNames ? (
          <>
            <dt>メンバー</dt>
            <dd>{p.memberNames.split("\n").join("、")}</dd>
          </>
        ) : null}
        <dt>関係する課</dt>
        <dd>{p.sectionCodes.map(sectionName).join("、") || "—"}</dd>
      </dl>
      <ProposalTimeline steps={steps} mailed={mailed} group={p.groupName !== null} />
      <h2>現状の問題点</h2>
      <PlainText text={p.problem} />
      <h2>提案の内容</h2>
      <PlainText text={p.proposal} />
      <h2>期待される効果</h2>
      <PlainText text={p.expectedEffect} />
      {p.expectedHours !== null || p.expectedYen !== null ? (
        <p>
          見込み: {p.expectedHours !== null ? `年間 ${p.expectedHours}時間の削減` : ""}
          {p.expectedHours !== null && p.expectedYen !== null ? "・" : ""}
          {p.expectedYen !== null ? `年間 ${yen(p.expectedYen)}の削減` : ""}
        </p>
      ) : null}

      <h2>審査結果</h2>
      {p.decision ? (
        <dl>
          <dt>結果</dt>
          <dd>{DECISION_LABELS[p.decision]}</dd>
          <dt>理由</dt>
          <dd>{p.decisionReason}</dd>
          {p.decidedAt ? (
            <>
              <dt>決定日</dt>
              <dd>{japaneseDate(p.decidedAt)}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>審査待ちです。</p>
      )}
      {p.implementation ? (
        <>
          <h2>実施の記録と効果</h2>
          <dl>
            <dt>実施した内容</dt>
            <dd>{p.implementation}</dd>
            <dt>実施日</dt>
            <dd>{p.implementedOn ?? "—"}</dd>
            <dt>測定した効果</dt>
            <dd>
              {p.measuredEffect ?? "—"}
              {p.measuredHours !== null ? `（年間 ${p.measuredHours}時間の削減）` : ""}
              {p.measuredYen !== null ? `（年間 ${yen(p.measuredYen)}の削減）` : ""}
            </dd>
          </dl>
        </>
      ) : null}

      {committee ? (
        <>
          <h2>採点（審査会）</h2>
          {summary.scorers ? (
            <div class="table-wrap">
              <table>
                <caption>
                  採点の平均（{summary.scorers}人、合計の平均 {summary.averageTotal}点）
                </caption>
                <thead>
                  <tr>
                    <th scope="col">観点</th>
                    <th scope="col">平均点</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byCriterion.map((c) => (
                    <tr>
                      <th scope="row">{c.name}</th>
                      <td>{c.average ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>まだ誰も採点していません。</p>
          )}
          <h3>自分の採点</h3>
          <form method="post" action={`${base}/score`} class="stack">
            <CsrfField token={csrf} />
            {criteria.map((c, i) => (
              <div>
                <label for={`score${i}`}>
                  {c.name}（{SCORE_MIN}〜{SCORE_MAX}点）
                </label>
                {c.description ? (
                  <p class="hint" id={`score${i}-hint`}>
                    {c.description}
                  </p>
                ) : null}
                <select
                  id={`score${i}`}
                  name={`score${i}`}
                  {...errorAria(`score${i}`, sd, c.description ? `score${i}-hint` : undefined)}
                >
                  <option value="">—</option>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option
                      value={String(n)}
                      selected={ss(`score${i}`, String(mine.get(c.name) ?? "")) === String(n)}
                    >
                      {n}
                    </option>
                  ))}
                </select>
                <FieldError field={`score${i}`} details={sd} />
              </div>
            ))}
            <div class="actions">
              <button type="submit">採点を保存する</button>
            </div>
          </form>

          <h2>審査結果を決める</h2>
          <form method="post" action={`${base}/decision`} class="stack">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(p.version)} />
            <div>
              <label for="decision">審査結果</label>
              <select id="decision" name="decision" {...errorAria("decision", dd)}>
                <option value="">—</option>
                {PROPOSAL_DECISIONS.map((x) => (
                  <option value={x} selected={ds("decision", p.decision ?? "") === x}>
                    {DECISION_LABELS[x]}
                  </option>
                ))}
              </select>
              <FieldError field="decision" details={dd} />
            </div>
            <div>
              <label for="reason">理由（提案者に伝わります）</label>
              <textarea
                id="reason"
                name="reason"
                rows={4}
                maxlength={PROPOSAL_LIMITS.reason}
                {...errorAria("reason", dd)}
              >
                {ds("reason", p.decisionReason ?? "")}
              </textarea>
              <FieldError field="reason" details={dd} />
            </div>
            <div class="actions">
              <button type="submit">審査結果を保存する</button>
            </div>
          </form>

          {isAdopted(p.decision) ? (
            <>
              <h2>実施の記録と効果</h2>
              <form method="post" action={`${base}/implementation`} class="stack">
                <CsrfField token={csrf} />
                <input type="hidden" name="version" value={String(p.version)} />
                <div>
                  <label for="implementation">実施した内容</label>
                  <textarea
                    id="implementation"
                    name="implementation"
                    rows={4}
                    maxlength={PROPOSAL_LIMITS.text}
                    {...errorAria("implementation", id)}
                  >
                    {is("implementation", p.implementation ?? "")}
                  </textarea>
                  <FieldError field="implementation" details={id} />
                </div>
                <div>
                  <label for="implementedOn">実施日（任意）</label>
                  <p class="hint" id="implementedOn-hint">
                    {DATE_HINT}
                  </p>
                  <input
                    type="text"
                    id="implementedOn"
                    name="implementedOn"
                    autocomplete="off"
                    value={is("implementedOn", dateFieldValue(p.implementedOn))}
                    {...errorAria("implementedOn", id, "implementedOn-hint")}
                  />
                  <FieldError field="implementedOn" details={id} />
                </div>
                <div>
                  <label for="measuredEffect">測定した効果（任意）</label>
                  <textarea
                    id="measuredEffect"
                    name="measuredEffect"
                    rows={3}
                    maxlength={PROPOSAL_LIMITS.effect}
                    {...errorAria("measuredEffect", id)}
                  >
                    {is("measuredEffect", p.measuredEffect ?? "")}
                  </textarea>
                  <FieldError field="measuredEffect" details={id} />
                </div>
                <div>
                  <label for="measuredHours">削減できた時間（年間・時間、任意）</label>
                  <input
                    type="text"
                    inputmode="numeric"
                    id="measuredHours"
                    name="measuredHours"
                    value={is(
                      "measuredHours",
                      p.measuredHours === null ? "" : String(p.measuredHours),
                    )}
                    {...errorAria("measuredHours", id)}
                  />
                  <FieldError field="measuredHours" details={id} />
                </div>
                <div>
                  <label for="measuredYen">削減できた金額（年間・円、任意）</label>
                  <input
                    type="text"
                    inputmode="numeric"
                    id="measuredYen"
                    name="measuredYen"
                    value={is("measuredYen", p.measuredYen === null ? "" : String(p.measuredYen))}
                    {...errorAria("measuredYen", id)}
                  />
                  <FieldError field="measuredYen" details={id} />
                </div>
                <div class="actions">
                  <button type="submit">実施の記録を保存する</button>
                </div>
              </form>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
};
