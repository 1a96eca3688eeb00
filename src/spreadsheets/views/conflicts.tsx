/**
 * The conflicts of an import's preview, listed before the other changes: cells someone changed
 * in Shisaku after the file was exported. Each shows the value now (who changed it and when)
 * beside the file's; inside the confirmation form, a box per conflict takes the file's value —
 * unticked, the cell keeps the value now (the same choice as the web form's conflict page).
 */
import type { FC } from "hono/jsx";
import { dayInJapan, formatJapaneseDay } from "../../core/fiscal-year.ts";
import { personName } from "../../core/people.ts";
import { type Preview, shown } from "../import.ts";

/** 「令和8年12月7日 19:05」 in Japan's time. */
export function whenText(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString("ja-JP", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
  });
  return `${formatJapaneseDay(dayInJapan(at))} ${time}`;
}

/** Says when the file carried no versions: nothing could be checked. */
export const VersionsNotice: FC<{ preview: Preview }> = ({ preview: p }) =>
  p.versionsChecked ? null : (
    <p class="notice">
      このファイルには書き出した時点の版の記録がないため（『_版』の列のない
      CSV、古い書き出し、手作りのファイルなど）、書き出した後に Shisaku
      で変更された値を上書きしないかどうかを確かめられませんでした。変更の一覧の「いまの値」を確かめてから確定してください。
    </p>
  );

export const ConflictList: FC<{
  preview: Preview;
  /** Inside the confirmation form: each conflict gets its box. */
  choosable: boolean;
}> = ({ preview: p, choosable }) =>
  p.conflicts.length === 0 ? null : (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">
        書き出した後に Shisaku で変更されたセル（{p.conflicts.length} 件）
      </h2>
      <p>
        これらのセルは、ファイルを書き出した後にほかの人（またはあなた）が Shisaku
        で変更しています。
        {choosable
          ? "チェックを入れたセルだけをファイルの値で上書きします。チェックを入れないセルは、いまの値のまま残します。"
          : "誤りを直してからもう一度アップロードすると、どちらの値にするかを選べます。"}
      </p>
      <div class="table-wrap">
        <table>
          <caption>書き出した後に変更されたセル（いまの値とファイルの値）</caption>
          <thead>
            <tr>
              {choosable ? <th scope="col">ファイルの値にする</th> : null}
              <th scope="col">行</th>
              <th scope="col">対象</th>
              <th scope="col">列</th>
              <th scope="col">いまの値（Shisaku）</th>
              <th scope="col">変更した人・日時</th>
              <th scope="col">ファイルの値</th>
            </tr>
          </thead>
          <tbody>
            {p.conflicts.map((c, n) => (
              <tr>
                {choosable ? (
                  <td>
                    <input
                      type="checkbox"
                      id={`take-${n}`}
                      name="take"
                      value={c.id}
                      checked={c.taken}
                    />{" "}
                    <label for={`take-${n}`}>
                      {c.change.row} 行目『{c.change.column}』を上書きする
                    </label>
                  </td>
                ) : null}
                <td>{c.change.row}</td>
                <td>
                  {c.change.key} {c.change.label}
                </td>
                <td>{c.change.column}</td>
                <td>{shown(c.change.before, c.change.unit)}</td>
                <td>{c.by ? `${personName(c.by)}・${c.at ? whenText(c.at) : ""}` : "—"}</td>
                <td>
                  {shown(c.change.after, c.change.unit)}
                  {c.change.correction ? <span class="badge">公開済みの値の訂正</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
