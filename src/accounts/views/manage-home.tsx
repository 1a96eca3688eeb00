import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { type EvaluationsDue, EvaluationsDueBox } from "../../evaluations/index.ts";
import { formatJapaneseDate } from "../../reporting/index.ts";
import { ROLE_LABELS } from "../rules.ts";
import type { SignedIn } from "../sessions.ts";

/** What the person still has to report for the year of the round (see reporting/my-updates). */
export interface UpdatesSummary {
  fiscalYear: number;
  deadline?: string;
  missing: number;
  drafts: number;
  total: number;
}

const MyUpdates: FC<{ code: string; u: UpdatesSummary }> = ({ code, u }) => (
  <section class="box" aria-labelledby="my-updates">
    <h2 id="my-updates">あなたの担当の実績値（{fiscalYearLabel(u.fiscalYear)}）</h2>
    <p>
      {u.missing > 0 ? <strong>未入力 {u.missing} 件</strong> : "未入力はありません"}
      、下書き {u.drafts} 件（担当 {u.total} 件）
      {u.deadline ? `。入力期限は${formatJapaneseDate(u.deadline)}です` : ""}。
    </p>
    <p>
      <a class="button" href={`/${code}/manage/updates?fy=${u.fiscalYear}`}>
        実績値を入力する
      </a>
    </p>
  </section>
);

export const ManageHome: FC<{
  code: string;
  name: string;
  staff: SignedIn;
  updates?: UpdatesSummary;
  evaluations?: EvaluationsDue[];
}> = ({ code, name, staff, updates, evaluations }) => (
  <>
    <h1>{name} 職員用ページ</h1>
    <p class="lead">
      {staff.displayName || staff.email} さん（{ROLE_LABELS[staff.role]}
      ）としてサインインしています。
    </p>
    {updates && updates.total > 0 ? <MyUpdates code={code} u={updates} /> : null}
    <EvaluationsDueBox code={code} due={evaluations ?? []} />
    <ul>
      <li>
        <a href={`/${code}/manage/updates`}>実績値の入力</a>
        <span class="muted"> — 担当する指標のうち、値がまだないもの</span>
      </li>
      <li>
        <a href={`/${code}/manage/spreadsheets`}>Excel・CSV での入出力</a>
        <span class="muted"> — 実績値を Excel や CSV で書き出し、記入して取り込む</span>
      </li>
      <li>
        <a href={`/${code}/manage/rounds`}>実績値の報告</a>
        <span class="muted"> — 年度ごとの報告の開始・入力状況・締切</span>
      </li>
      <li>
        <a href={`/${code}/manage/running-actuals`}>集計中の値</a>
        <span class="muted"> — 記録から年度の途中で計算した値（締切または公開で実績値に）</span>
      </li>
      <li>
        <a href={`/${code}/manage/registries`}>台帳</a>
        <span class="muted">
          {" "}
          — 協定・広域行政・施設・契約・電子申請などの記録（指標を自動で計算）
        </span>
      </li>
      <li>
        <a href={`/${code}/manage/evaluations`}>事務事業評価</a>
        <span class="muted"> — 担当する事務事業の評価の入力・提出、二次評価と公表の状況</span>
      </li>
      <li>
        <a href={`/${code}/manage/finance`}>財政の入力</a>
        <span class="muted"> — 財政健全化判断比率の構成要素、財政フレームの年度と推計の前提</span>
      </li>
      <li>
        <a href={`/${code}/manage/proposals`}>職員提案</a>
        <span class="muted"> — 改善の提案を出す・審査の状況を見る</span>
      </li>
      <li>
        <a href={`/${code}/manage/meetings`}>市長と語ろう会</a>
        <span class="muted"> — 開催の記録と出された提案（企画担当・管理者）</span>
      </li>
      <li>
        <a href={`/${code}/manage/opendata`}>オープンデータカタログ</a>
        <span class="muted"> — データセットの作成・ファイルの登録・公開</span>
      </li>
      <li>
        <a href={`/${code}/manage/letters`}>市長へのたより</a>
        <span class="muted"> — 届いたたよりの分類・担当課・対応の記録と公開</span>
      </li>
      <li>
        <a href={`/${code}/manage/plan`}>計画と指標の編集</a>
        <span class="muted">
          {" "}
          — 計画の項目と指標の定義を下書きとして編集する（企画担当・管理者のみ）
        </span>
      </li>
      <li>
        <a href={`/${code}/manage/publish`}>公開前の確認</a>
        <span class="muted"> — 下書きと公開中の値の違いを確かめて公開する</span>
      </li>
      <li>
        <a href={`/${code}/manage/tokens`}>APIトークン</a>
        <span class="muted"> — ほかのシステムから実績値を送るための個人用トークン</span>
      </li>
      <li>
        <a href={`/${code}/manage/audit`}>監査ログ</a>
        <span class="muted"> — だれが・いつ・何を変えたかの記録（企画担当・管理者のみ）</span>
      </li>
    </ul>
    <div class="actions">
      <form method="post" action={`/${code}/manage/sign-out`}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit">サインアウト</button>
      </form>
      <form method="post" action={`/${code}/manage/sign-out-everywhere`}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit">すべての端末からサインアウト</button>
      </form>
    </div>
  </>
);
