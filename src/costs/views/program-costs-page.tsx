/**
 * Staff: one program's costs of a fiscal year (事業費・財源内訳・従事職員数・施設・リーディング
 * プロジェクト) with the costs computed from them, the budget request for the next fiscal year,
 * and adding another fiscal year. The form carries the version it was opened on.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatNumber } from "../../core/format.ts";
import type { FormBody } from "../../core/forms.ts";
import { personName } from "../../core/people.ts";
import { CheckField, shownValues, TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary, FieldError } from "../../core/views/form.tsx";
import type { StaffProgram } from "../../evaluations/index.ts";
import { formatTime } from "../../evaluations/index.ts";
import { SampleBadge, yen } from "../../programs/index.ts";
import type { BudgetRequestView } from "../budget-store.ts";
import {
  COST_BASIS_LABELS,
  type CostBasis,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  STAFF_KINDS,
  STAFF_LABELS,
  type StaffKind,
  type YearCost,
} from "../cost.ts";
import { AMOUNT_LABELS, COST_FIELDS, EMPTY_COSTS } from "../cost-input.ts";
import type { StaffYear } from "../cost-store.ts";

const DRAFT =
  "公開ページとAPIはまだ変わっていません。この年度の評価が公表されるか、企画担当が公開すると載ります。";
const DONE: Record<string, string> = {
  saved: `コストを下書きとして保存しました。${DRAFT}`,
  created: `この年度のコストを下書きとして登録しました。${DRAFT}`,
  published: "この年度のコストを公開しました。公開ページとAPIに載っています。",
  request:
    "予算要求額を保存しました。予算要求額は庁内の事業査定だけに使い、公開ページには載りません。",
};

/** Whether the saved costs are what the public sees. */
const publicationText = (y: StaffYear) =>
  y.publishedVersion === null
    ? "未公開（下書き）。公開ページとAPIには載っていません。"
    : y.publishedVersion === y.version
      ? `公開中（版 ${y.version}）。公開ページとAPIはこの内容です。`
      : `公開中は版 ${y.publishedVersion}。保存した版 ${y.version} は下書きで、公開ページとAPIにはまだ載っていません。`;

export const programCostsPath = (code: string, programCode: string, fy: number) =>
  `/${code}/manage/programs/${encodeURIComponent(programCode)}/years/${fy}`;

export interface ProgramCostsProps {
  code: string;
  program: StaffProgram;
  fiscalYear: number;
  /** null: the year has no costs yet (the form creates it). */
  year: StaffYear | null;
  /** Fiscal years with costs, and those that may be added. */
  years: number[];
  addable: number[];
  cost: YearCost | null;
  /** The amount the year's cost is, and the funding sources add up to (決算額 once settled). */
  basis: CostBasis;
  costProblem: string | null;
  unit: Record<StaffKind, number> | null;
  /** The request for the next fiscal year, when the program runs then. */
  request: { fiscalYear: number; current: BudgetRequestView | null } | null;
  editable: boolean;
  /** A planner: may publish the year's costs. */
  mayPublish: boolean;
  csrf: string;
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
  raw?: FormBody;
  /** Which form the errors belong to. */
  rawOf?: "costs" | "request";
}

const amountText = (v: number | null) => (v === null ? "" : String(v));

export const ProgramCostsPage: FC<ProgramCostsProps> = (p) => {
  const y = p.year ?? {
    ...EMPTY_COSTS,
    fiscalYear: p.fiscalYear,
    version: 0,
    publishedVersion: null,
  };
  const v = shownValues(p.rawOf === "costs" ? p.raw : undefined);
  const r = shownValues(p.rawOf === "request" ? p.raw : undefined);
  const details = p.errors?.details;
  const path = programCostsPath(p.code, p.program.code, p.fiscalYear);
  const programPath = `/${p.code}/manage/programs/${encodeURIComponent(p.program.code)}`;
  return (
    <>
      <h1>
        {p.program.name}
        <span class="muted">（{fiscalYearLabel(p.fiscalYear)}のコスト）</span>
      </h1>
      {p.program.sample ? (
        <p>
          <SampleBadge /> 説明用の架空の事業です。金額は実在のものではありません。
        </p>
      ) : null}
      <DoneNotice messages={DONE} done={p.done} />
      {p.errors ? (
        <ErrorSummary
          message={p.errors.message}
          details={p.errors.details}
          fields={[...COST_FIELDS, "amount", "note", "fiscalYear"]}
        />
      ) : null}
      <dl class="meta">
        <dt>事務事業コード</dt>
        <dd>{p.program.code}</dd>
        <dt>担当課</dt>
        <dd>{p.program.section.name}</dd>
        <dt>版</dt>
        <dd>{p.year ? p.year.version : "未登録（保存すると登録されます）"}</dd>
        <dt>公開</dt>
        <dd id="cost-publication">{p.year ? publicationText(p.year) : "—"}</dd>
        <dt>年度</dt>
        <dd>
          {p.years.map((fy, i) => (
            <>
              {i > 0 ? "・" : ""}
              {fy === p.fiscalYear ? (
                <strong>{fiscalYearLabel(fy)}</strong>
              ) : (
                <a href={programCostsPath(p.code, p.program.code, fy)}>{fiscalYearLabel(fy)}</a>
              )}
            </>
          ))}
        </dd>
      </dl>

      {p.year && p.mayPublish && p.year.publishedVersion !== p.year.version ? (
        <form method="post" action={`${path}/publish`} class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="version" value={String(p.year.version)} />
          <p>
            この年度の評価を公表すると、そのときのコストも公開されます。評価を待たずに公開するときは、内容を確かめてから公開してください。
          </p>
          <div class="actions">
            <button type="submit" class="secondary">
              この年度のコスト（版 {p.year.version}）を公開する
            </button>
          </div>
        </form>
      ) : null}

      <h2>計算されたコスト</h2>
      {p.cost ? (
        <div class="table-wrap">
          <table>
            <caption>{fiscalYearLabel(p.fiscalYear)}のコスト（保存されている内容から計算）</caption>
            <tbody>
              <tr>
                <th scope="row">事業費（{COST_BASIS_LABELS[p.cost.basis]}）</th>
                <td class="num">{yen(p.cost.programCost)}</td>
              </tr>
              {STAFF_KINDS.map((k) => (
                <tr>
                  <th scope="row">
                    人件費（{STAFF_LABELS[k]} {formatNumber(y.staff[k], 2)}人 ×{" "}
                    {yen(p.unit?.[k] ?? null)}）
                  </th>
                  <td class="num">{yen(p.cost!.staffCost[k])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">人件費 計</th>
                <td class="num">{yen(p.cost.staffCost.total)}</td>
              </tr>
              <tr>
                <th scope="row">総コスト（事業費 + 人件費）</th>
                <td class="num">
                  <strong>{yen(p.cost.totalCost)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{p.costProblem ?? "この年度のコストはまだ登録されていません。"}</p>
      )}

      <h2>事業費・財源内訳・従事職員数</h2>
      {p.editable ? (
        <form method="post" action={path} class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="version" value={String(p.year?.version ?? 0)} />
          {(["initialBudget", "finalBudget", "settlement"] as const).map((f) => (
            <TextField
              name={f}
              label={`${AMOUNT_LABELS[f]}（円）`}
              hint={f === "settlement" ? "決算確定前は空欄でかまいません。" : undefined}
              value={v.text(f, amountText(y[f]))}
              details={details}
              inputmode="numeric"
              required={f !== "settlement"}
            />
          ))}
          <fieldset id="funding" aria-describedby="funding-hint">
            <legend>財源内訳（円）</legend>
            <p class="hint" id="funding-hint">
              {p.basis === "settlement"
                ? `${fiscalYearLabel(p.fiscalYear)}は決算確定済みです。合計を決算額と一致させてください。`
                : `${fiscalYearLabel(p.fiscalYear)}は決算が未確定です。合計を最終予算額と一致させてください（決算が確定すると決算額と一致させます）。`}
            </p>
            <FieldError field="funding" details={details} />
            {FUNDING_SOURCES.map((s) => (
              <TextField
                name={`funding.${s}`}
                label={FUNDING_LABELS[s]}
                value={v.text(`funding.${s}`, String(y.funding[s]))}
                details={details}
                inputmode="numeric"
                required
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>従事職員数（人工、小数第2位まで）</legend>
            {STAFF_KINDS.map((k) => (
              <TextField
                name={`staff.${k}`}
                label={STAFF_LABELS[k]}
                value={v.text(`staff.${k}`, formatNumber(y.staff[k], 2))}
                details={details}
                inputmode="decimal"
                required
              />
            ))}
          </fieldset>
          <TextField
            name="facilities"
            label="使用する施設（1行に1つ）"
            value={v.text("facilities", y.facilities.join("\n"))}
            details={details}
            multiline
            rows={3}
          />
          <CheckField
            name="leadingProject"
            label="リーディングプロジェクト（この年度）"
            checked={v.flag("leadingProject", y.leadingProject)}
          />
          <div class="actions">
            <button type="submit">{p.year ? "保存" : "この年度を登録"}</button>
          </div>
        </form>
      ) : (
        <p class="muted">
          この事務事業のコストを編集できるのは、担当課の入力担当と企画担当・管理者です。
        </p>
      )}

      {p.request ? (
        <>
          <h2>予算要求（{fiscalYearLabel(p.request.fiscalYear)}）</h2>
          {p.request.current ? (
            <p>
              現在の要求額: <strong>{yen(p.request.current.amount)}</strong>（
              {formatTime(p.request.current.requestedAt)}、
              {personName(p.request.current.requestedBy)}）
            </p>
          ) : (
            <p class="muted">要求額はまだ入力されていません。</p>
          )}
          {p.editable ? (
            <form
              method="post"
              action={`${programPath}/budget-requests/${p.request.fiscalYear}`}
              class="stack"
            >
              <CsrfField token={p.csrf} />
              <input type="hidden" name="version" value={String(p.request.current?.version ?? 0)} />
              <TextField
                name="amount"
                label={`${fiscalYearLabel(p.request.fiscalYear)}の予算要求額（円）`}
                hint={`事業査定で${fiscalYearLabel(p.fiscalYear)}の当初予算額（${yen(p.year?.initialBudget ?? null)}）と評価の方向性に並べて示されます。`}
                value={r.text("amount", amountText(p.request.current?.amount ?? null))}
                details={details}
                inputmode="numeric"
                required
              />
              <TextField
                name="note"
                label="要求の説明"
                value={r.text("note", p.request.current?.note ?? "")}
                details={details}
                multiline
                rows={3}
              />
              <div class="actions">
                <button type="submit">予算要求額を保存</button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}

      {p.editable && p.addable.length ? (
        <>
          <h2>年度を追加</h2>
          <form method="post" action={`${programPath}/years`} class="filters">
            <CsrfField token={p.csrf} />
            <div>
              <label for="fiscalYear">年度</label>
              <select id="fiscalYear" name="fiscalYear">
                {p.addable.map((fy) => (
                  <option value={String(fy)}>{fiscalYearLabel(fy)}</option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit">この年度のコストを入力</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${programPath}/evaluations/${p.fiscalYear}`}>
          {fiscalYearLabel(p.fiscalYear)}の事務事業評価へ
        </a>
        {" ・ "}
        <a href={programPath}>基本情報（目的・対象・手段・関連する取組）</a>
        {" ・ "}
        <a href={`/${p.code}/programs/${encodeURIComponent(p.program.code)}`}>公開ページ</a>
      </p>
    </>
  );
};
