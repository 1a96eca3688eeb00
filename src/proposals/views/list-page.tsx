/**
 * Staff proposals (職員提案制度), the list page: the person's own proposals and the others they
 * may see (the committee all of them, everyone else the decided ones), with links to submit a
 * proposal and, for the committee, to the criteria. Staff pages only: nothing here is public.
 */
import type { FC } from "hono/jsx";
import { japaneseDate } from "../../letters/index.ts";
import type { DraftListRow, ProposalListRow } from "../queries.ts";
import { statusLabel } from "../rules.ts";

export const ProposalListPage: FC<{
  code: string;
  rows: ProposalListRow[];
  /** This person's own drafts (nobody else sees them). */
  drafts: DraftListRow[];
  userId: number;
  committee: boolean;
}> = ({ code, rows, drafts, userId, committee }) => {
  const own = rows.filter((r) => r.proposerId === userId);
  const others = rows.filter((r) => r.proposerId !== userId);
  const Table: FC<{ caption: string; list: ProposalListRow[] }> = ({ caption, list }) => (
    <div class="table-wrap">
      <table>
        <caption>
          {caption}（{list.length}件）
        </caption>
        <thead>
          <tr>
            <th scope="col">提案番号</th>
            <th scope="col">提案の名称</th>
            <th scope="col">提案者</th>
            <th scope="col">提出日</th>
            <th scope="col">状況</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/${code}/manage/proposals/${r.number}`}>{r.number}</a>
              </th>
              <td>{r.title}</td>
              <td>{r.groupName ? `${r.groupName}（グループ）` : r.proposerName}</td>
              <td>{japaneseDate(r.submittedAt)}</td>
              <td>{statusLabel(r.decision)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <h1>職員提案</h1>
      <p class="lead">
        事務の改善や市民サービスの向上につながる提案を、個人またはグループで出せます。審査会（企画担当）が観点ごとに採点し、採用・一部採用・不採用・継続審査を決めます。
      </p>
      <p>
        <a href={`/${code}/manage/proposals/new`}>提案する</a>
        {committee ? (
          <>
            ・<a href={`/${code}/manage/proposals/criteria`}>審査の観点</a>
          </>
        ) : null}
      </p>
      {drafts.length ? (
        <>
          <h2>自分の下書き</h2>
          <p>下書きは自分だけが見られます。提出するまで審査されず、提案数にも数えません。</p>
          <ul>
            {drafts.map((d) => (
              <li>
                <a href={`/${code}/manage/proposals/drafts/${d.id}`}>
                  {d.title || "（名称未入力の下書き）"}
                </a>
                （{japaneseDate(d.updatedAt)}に保存）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>自分の提案</h2>
      {own.length ? <Table caption="自分が出した提案" list={own} /> : <p>まだ提案していません。</p>}
      <h2>{committee ? "ほかの提案（すべて）" : "審査の終わった提案"}</h2>
      {others.length ? (
        <Table
          caption={committee ? "ほかの職員の提案" : "審査の終わったほかの職員の提案"}
          list={others}
        />
      ) : (
        <p>該当する提案はありません。</p>
      )}
    </>
  );
};
