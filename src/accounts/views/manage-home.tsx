import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { type EvaluationsDue, EvaluationsDueBox } from "../../evaluations/index.ts";
import { formatJapaneseDate } from "../../reporting/index.ts";
import { ROLE_LABELS } from "../rules.ts";
import type { SignedIn } from "../sessions.ts";
import { staffPagesFor } from "../staff-pages.ts";

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
      {staffPagesFor(staff.role).map((p) => (
        <li>
          <a href={`/${code}/manage/${p.path}`}>{p.label}</a>
          <span class="muted"> — {p.note}</span>
        </li>
      ))}
    </ul>
    <div class="actions">
      <form method="post" action={`/${code}/manage/sign-out-everywhere`}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit">すべての端末からサインアウト</button>
      </form>
    </div>
  </>
);
