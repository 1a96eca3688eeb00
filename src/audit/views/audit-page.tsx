/** Staff: the audit trail, filtered by record, person, action and period; read only. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { ErrorSummary, errorAria, FieldError } from "../../core/views/form.tsx";
import { importFileHref } from "../../spreadsheets/index.ts";
import { type AuditFilter, filterQuery, tokyoIso } from "../filter.ts";
import {
  ACTION_LABELS,
  actionLabel,
  changedFields,
  describeActor,
  displayTime,
  recordTypeLabel,
} from "../labels.ts";
import type { AuditItem } from "../queries.ts";

export const FILTER_FIELDS = ["record", "actor", "action", "from", "to"] as const;
export type FilterValues = Partial<Record<(typeof FILTER_FIELDS)[number], string>>;

/** Changes listed in a row before the rest are summed up (the JSON has them all). */
const SHOWN_CHANGES = 4;

export interface AuditPageProps {
  code: string;
  /** What the form shows: the parsed filter, or what was typed when it had errors. */
  values: FilterValues;
  /** Absent when the filter had errors. */
  result?: { filter: AuditFilter; items: AuditItem[]; total: number; page: number; size: number };
  errors?: { message: string; details: ErrorDetail[] };
}

const json = (v: unknown) => (v === null || v === undefined ? "なし" : JSON.stringify(v, null, 2));

const Changes: FC<{ item: AuditItem }> = ({ item }) => {
  const changes = changedFields(item.before, item.after);
  if (item.before == null && item.after == null) return <span class="muted">—</span>;
  return (
    <>
      {changes.length ? (
        <ul>
          {changes.slice(0, SHOWN_CHANGES).map((ch) => (
            <li>
              {ch.key && item.fieldLabels?.[ch.key] ? (
                <>{item.fieldLabels[ch.key]}：</>
              ) : ch.key ? (
                <>
                  <code>{ch.key}</code>：
                </>
              ) : null}
              {ch.before} → {ch.after}
            </li>
          ))}
          {changes.length > SHOWN_CHANGES ? (
            <li class="muted">ほか {changes.length - SHOWN_CHANGES} 項目</li>
          ) : null}
        </ul>
      ) : (
        <span class="muted">変更なし</span>
      )}
      <details>
        <summary>
          変更前・変更後（JSON）
          <span class="visually-hidden">
            {item.recordKey} の{actionLabel(item.action)}
          </span>
        </summary>
        <p>変更前</p>
        <pre>{json(item.before)}</pre>
        <p>変更後</p>
        <pre>{json(item.after)}</pre>
      </details>
    </>
  );
};

const Field: FC<{
  name: string;
  label: string;
  hint?: string;
  value?: string;
  type: "search" | "text";
  errors?: ErrorDetail[];
}> = (p) => (
  <div>
    <label for={p.name}>{p.label}</label>
    {p.hint ? (
      <p class="muted" id={`${p.name}-hint`}>
        {p.hint}
      </p>
    ) : null}
    <FieldError field={p.name} details={p.errors} />
    <input
      id={p.name}
      type={p.type}
      name={p.name}
      value={p.value ?? ""}
      {...errorAria(p.name, p.errors, p.hint ? `${p.name}-hint` : undefined)}
    />
  </div>
);

export const AuditPage: FC<AuditPageProps> = ({ code, values, result, errors }) => {
  const base = `/${code}/manage/audit`;
  const link = (f: AuditFilter, page?: number) => {
    const q = filterQuery(f, page);
    return q ? `${base}?${q}` : base;
  };
  const actions = Object.entries(ACTION_LABELS);
  if (values.action && !ACTION_LABELS[values.action]) actions.push([values.action, values.action]);
  const details = errors?.details;
  return (
    <>
      <h1>監査ログ</h1>
      <p class="lead">
        この団体のデータへの変更と職員のサインインの記録です（だれが・いつ・どこから・どの記録を・変更前と変更後）。記録は追加されるだけで、だれも編集・削除できません。
      </p>
      {errors ? (
        <ErrorSummary
          message={errors.message}
          details={errors.details}
          fields={[...FILTER_FIELDS]}
        />
      ) : null}
      <form class="filters" method="get" action={base}>
        <Field
          name="record"
          label="対象"
          type="search"
          value={values.record}
          hint="指標コード・メールアドレスなど対象の一部、または種類（indicator_actual など）"
          errors={details}
        />
        <Field
          name="actor"
          label="操作者"
          type="search"
          value={values.actor}
          hint="メールアドレスの一部、cli など"
          errors={details}
        />
        <div>
          <label for="action">操作</label>
          <FieldError field="action" details={details} />
          <select id="action" name="action" {...errorAria("action", details)}>
            <option value="">すべての操作</option>
            {actions.map(([value, label]) => (
              <option value={value} selected={value === values.action}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="from"
          label="期間の開始日"
          type="text"
          value={values.from}
          hint="例：令和6年4月1日、2024-04-01（日本時間）"
          errors={details}
        />
        <Field
          name="to"
          label="期間の終了日"
          type="text"
          value={values.to}
          hint="この日を含みます"
          errors={details}
        />
        <div class="actions">
          <button type="submit">絞り込む</button>
          <a href={base}>条件をクリア</a>
        </div>
      </form>
      {result ? <Results code={code} result={result} link={link} /> : null}
    </>
  );
};

/** An applied spreadsheet import keeps its file: link it from the import's entry. */
const ImportFile: FC<{ code: string; item: AuditItem }> = ({ code, item }) => {
  const id = (item.after as { importId?: unknown } | null)?.importId;
  if (item.action !== "spreadsheet.import" || typeof id !== "number") return null;
  const name = (item.after as { file?: unknown }).file;
  return (
    <>
      <br />
      <a href={importFileHref(code, id)} download>
        取り込んだファイル{typeof name === "string" ? `「${name}」` : ""}をダウンロード
      </a>
    </>
  );
};

const Results: FC<{
  code: string;
  result: NonNullable<AuditPageProps["result"]>;
  link: (f: AuditFilter, page?: number) => string;
}> = ({ code, result: { filter, items, total, page, size }, link }) => {
  const first = (page - 1) * size + 1;
  const last = first + items.length - 1;
  const query = filterQuery(filter);
  const csv = `/${code}/manage/audit.csv${query ? `?${query}` : ""}`;
  const sjis = `${csv}${query ? "&" : "?"}encoding=sjis`;
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <>
      <p id="result-count" role="status">
        条件に合う記録は <strong>{total}</strong> 件
        {items.length ? `（${first}〜${last} 件目を表示、新しい順）` : ""}
      </p>
      <div class="actions">
        <a class="button" href={csv} download>
          この条件でCSVをダウンロード
        </a>
        <a href={sjis} download>
          Shift_JIS版（古いExcel向け）
        </a>
      </div>
      {items.length === 0 ? (
        <p>条件に合う記録はありません。条件を変えてお試しください。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>監査ログ（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">操作者</th>
                <th scope="col">接続元</th>
                <th scope="col">操作</th>
                <th scope="col">対象</th>
                <th scope="col">変更前 → 変更後</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const who = describeActor(item.actor);
                return (
                  <tr>
                    <th scope="row">
                      <time datetime={tokyoIso(item.at)}>{displayTime(item.at)}</time>
                    </th>
                    <td>
                      <a
                        href={link({ ...filter, actor: who.filter })}
                        title={`${who.name} の記録に絞り込む`}
                      >
                        {who.name}
                      </a>
                      {who.tokenId ? (
                        <span class="muted">（APIトークン {who.tokenId}）</span>
                      ) : null}
                    </td>
                    <td>{item.address ?? "—"}</td>
                    <td>
                      {actionLabel(item.action)}
                      <br />
                      <code class="muted">{item.action}</code>
                    </td>
                    <td>
                      {recordTypeLabel(item.recordKind)}
                      {item.about ? `（${item.about}）` : ""}：
                      <a
                        href={link({ ...filter, record: item.recordKey })}
                        title={`${item.recordKey} の記録に絞り込む`}
                      >
                        {item.recordKey}
                      </a>
                      <ImportFile code={code} item={item} />
                    </td>
                    <td>
                      <Changes item={item} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page > 1 || page < pages ? (
        <nav aria-label="ページ送り" class="actions">
          {page > 1 ? (
            <a rel="prev" href={link(filter, Math.min(page - 1, pages))}>
              前の{size}件
            </a>
          ) : null}
          {page < pages ? (
            <a rel="next" href={link(filter, page + 1)}>
              次の{size}件
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
};
