/** Public pages of letters: the writer's private status page, the published list, one letter. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel, formatJapaneseDay } from "../../core/fiscal-year.ts";
import type { findByToken, PublicFilter, PublicLetter } from "../queries.ts";
import { isContactErased } from "../retention-rules.ts";
import { CATEGORIES, KIND_LABELS, OUTCOME_LABELS, STEP_LABELS } from "../rules.ts";
import { OUTCOMES } from "../schema.ts";
import { categoryLabel, isoDay, japaneseDate, NodeLink, PlainText, Timeline } from "./parts.tsx";

type Own = NonNullable<Awaited<ReturnType<typeof findByToken>>>;

/** The writer's page: reachable only with the private token in its address. */
export const StatusPage: FC<{
  code: string;
  own: Own;
  sent: boolean;
  url: string;
  /** Where the writer asks for their contact details to be erased (this page's address + …). */
  eraseAction: string;
}> = ({ code, own, sent, url, eraseAction }) => {
  const l = own.letter;
  const erased = isContactErased(l);
  return (
    <>
      <h1>市長へのたより 受付番号 {l.receiptNumber}</h1>
      {erased ? (
        <p class="notice" role="status">
          {own.contactErasedAt
            ? `お名前・ご連絡先は ${japaneseDate(own.contactErasedAt)} に削除しました。`
            : "お名前・ご連絡先は削除しました。"}
          たよりの内容と対応の経過は、このページで引き続きご覧いただけます。
        </p>
      ) : null}
      {sent ? (
        <div class="notice" role="status">
          <p>
            <strong>たよりを受け付けました。受付番号は {l.receiptNumber} です。</strong>
          </p>
          <p>
            このページのアドレスを保存してください。対応の状況をいつでも確認できます。アドレスを知っている人は誰でもこのページを見られるため、他の人に知らせないでください。
          </p>
          <p>
            <code>{url}</code>
          </p>
        </div>
      ) : null}
      <p>
        現在の状況: <strong>{STEP_LABELS[l.status]}</strong>
        {l.outcome ? `（${OUTCOME_LABELS[l.outcome]}）` : ""}
      </p>
      <h2>対応の経過</h2>
      <Timeline code={code} steps={own.steps} />
      <h2>お送りいただいた内容</h2>
      <dl>
        <dt>受付日</dt>
        <dd>{japaneseDate(l.receivedAt)}</dd>
        <dt>件名</dt>
        <dd>{l.subject}</dd>
        <dt>分野</dt>
        <dd>{categoryLabel(l.category)}</dd>
        <dt>種類</dt>
        <dd>{KIND_LABELS[l.kind]}</dd>
        <dt>内容の公表</dt>
        <dd>{l.consentPublish ? "同意する（個人が分かる部分を伏せて公開）" : "同意しない"}</dd>
        <dt>市からの連絡</dt>
        <dd>
          {l.consentContact ? "希望する" : "希望しない"}
          {erased && l.consentContact ? "（連絡先を削除したため、市からは連絡できません）" : ""}
        </dd>
        <dt>添付ファイル</dt>
        <dd>{own.files.length ? own.files.map((f) => f.name).join("、") : "なし"}</dd>
      </dl>
      <h3>内容</h3>
      <PlainText text={l.body} />
      <p class="muted">お名前・ご連絡先はこのページにも表示しません。</p>
      {erased ? null : (
        <>
          <h2>お名前・ご連絡先の削除</h2>
          <p>
            市が保存しているお名前・ご住所・電話番号・メールアドレスを、いつでも削除できます。たよりの内容と対応の経過は残り、このページで引き続きご覧いただけます。対応が終わった後は、一定の期間が過ぎると自動で削除します。
          </p>
          <form method="post" action={eraseAction}>
            <div class="actions">
              <button type="submit" class="secondary">
                連絡先を削除する
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
};

/**
 * The confirmation before the writer's contact details are erased; it warns when the city still
 * owes them a reply.
 */
export const EraseContactPage: FC<{
  receiptNumber: string;
  statusPath: string;
  eraseAction: string;
  awaitsReply: boolean;
}> = ({ receiptNumber, statusPath, eraseAction, awaitsReply }) => (
  <>
    <h1>連絡先の削除（受付番号 {receiptNumber}）</h1>
    <p>
      お名前・ご住所・電話番号・メールアドレスを削除します。削除した連絡先は元に戻せません。たよりの内容と対応の経過は残り、状況確認のページで引き続きご覧いただけます。
    </p>
    {awaitsReply ? (
      <div class="notice" role="alert">
        <p>
          <strong>このたよりへの対応はまだ終わっていません。</strong>
        </p>
        <p>
          連絡先を削除すると、市からメール・電話・郵便でお返事やお知らせをお送りすることはできなくなります。回答は、状況確認のページでご覧ください。
        </p>
      </div>
    ) : null}
    <form method="post" action={eraseAction}>
      <input type="hidden" name="confirm" value="yes" />
      <div class="actions">
        <button type="submit">
          {awaitsReply ? "市から返事が届かなくなることを了解して、削除する" : "削除する"}
        </button>
      </div>
    </form>
    <p>
      <a href={statusPath}>削除せずに状況確認のページへ戻る</a>
    </p>
  </>
);

/** One published letter or meeting proposal in a list: its title, dates and latest status. */
export const LetterSummary: FC<{ code: string; letter: PublicLetter; level?: 2 | 3 }> = ({
  code,
  letter: l,
  level = 2,
}) => {
  const title = <a href={`/${code}/letters/${l.receiptNumber}`}>{l.subject}</a>;
  return (
    <article class="letter">
      {level === 2 ? <h2>{title}</h2> : <h3>{title}</h3>}
      <p class="muted">
        受付番号 {l.receiptNumber}・
        <time datetime={isoDay(l.receivedAt)}>{japaneseDate(l.receivedAt)}</time>・
        {l.meeting ? "市長と語ろう会での提案・" : ""}
        {categoryLabel(l.category)}・{KIND_LABELS[l.kind]}・{STEP_LABELS[l.status]}
        {l.outcome ? `（${OUTCOME_LABELS[l.outcome]}）` : ""}
      </p>
    </article>
  );
};

export const PublicListPage: FC<{
  code: string;
  letters: PublicLetter[];
  years: number[];
  nodes: { code: string; title: string }[];
  filter: PublicFilter;
  /** Whether the public form receives letters (reception.ts): no link to it while closed. */
  formOpen: boolean;
}> = ({ code, letters, years, nodes, filter, formOpen }) => (
  <>
    <h1>市長へのたより（公開中）</h1>
    <p class="lead">
      市民の皆さんからのたよりと、市の対応の経過です。投稿者が公表に同意したものだけを、個人が分かる部分を伏せて掲載しています。
    </p>
    <p>
      {formOpen ? (
        <>
          <a href={`/${code}/letters/new`}>市長へのたよりを送る</a>・
        </>
      ) : (
        "市長へのたよりの受け付けは、現在行っていません。"
      )}
      <a href={`/${code}/meetings`}>市長と語ろう会の記録</a>
    </p>
    <form method="get" action={`/${code}/letters`} class="filters">
      <div>
        <label for="category">分野</label>
        <select id="category" name="category">
          <option value="">すべて</option>
          {Object.entries(CATEGORIES).map(([k, label]) => (
            <option value={k} selected={filter.category === k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="outcome">提案の結果</label>
        <select id="outcome" name="outcome">
          <option value="">すべて</option>
          {OUTCOMES.map((o) => (
            <option value={o} selected={filter.outcome === o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="node">関連する施策・取組</label>
        <select id="node" name="node">
          <option value="">すべて</option>
          {nodes.map((n) => (
            <option value={n.code} selected={filter.node === n.code}>
              {n.code} {n.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="fy">受付年度</label>
        <select id="fy" name="fy">
          <option value="">すべて</option>
          {years.map((y) => (
            <option value={String(y)} selected={filter.fiscalYear === y}>
              {fiscalYearLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit">絞り込む</button>
      </div>
    </form>
    <p id="result-count" role="status">
      {letters.length === 0 ? "条件に合う公開中のたよりはありません。" : `${letters.length} 件`}
    </p>
    {letters.map((l) => (
      <LetterSummary code={code} letter={l} />
    ))}
  </>
);

export const PublicLetterPage: FC<{ code: string; letter: PublicLetter }> = ({
  code,
  letter: l,
}) => (
  <>
    <h1>{l.subject}</h1>
    <dl>
      <dt>受付番号</dt>
      <dd>{l.receiptNumber}</dd>
      <dt>受付日</dt>
      <dd>{japaneseDate(l.receivedAt)}</dd>
      <dt>分野</dt>
      <dd>{categoryLabel(l.category)}</dd>
      <dt>種類</dt>
      <dd>{KIND_LABELS[l.kind]}</dd>
      {l.meeting ? (
        <>
          <dt>出された場</dt>
          <dd>
            <a href={`/${code}/meetings/${l.meeting.id}`}>
              市長と語ろう会「{l.meeting.theme}」（{formatJapaneseDay(l.meeting.heldOn)}）
            </a>
          </dd>
        </>
      ) : null}
      {l.nodes.length ? (
        <>
          <dt>関連する施策・取組</dt>
          <dd>
            <ul>
              {l.nodes.map((n) => (
                <li>
                  <NodeLink code={code} node={n} />
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
    <h2>{l.meeting ? "提案の内容" : "たよりの内容（公開用に個人情報を伏せたもの）"}</h2>
    <PlainText text={l.body} />
    <h2>対応の経過</h2>
    <Timeline code={code} steps={l.steps} />
  </>
);

/** The form while the municipality does not receive letters (answered with 404). */
export const FormClosedPage: FC<{ code: string; name: string }> = ({ code, name }) => (
  <>
    <h1>市長へのたよりの受け付けは行っていません</h1>
    <p class="lead">
      {name}
      では、現在このサイトから市長へのたよりを受け付けていません。ご意見は、お手数ですが窓口・電話・郵便でお寄せください。
    </p>
    <p>
      これまでのたよりと対応の経過は<a href={`/${code}/letters`}>公開中の市長へのたより</a>
      で、市長と語ろう会の記録は<a href={`/${code}/meetings`}>こちら</a>でご覧いただけます。
    </p>
  </>
);
