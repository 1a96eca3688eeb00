/** Staff pages of the registries: a registry's records, the record form, retiring. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DATE_HINT } from "../../core/fiscal-year.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import { ExcelHint } from "../../spreadsheets/index.ts";
import type { FieldDef, RegistryDef } from "../definitions.ts";
import type { RecordChange } from "../history.ts";
import type { StoredRecord } from "../store.ts";
import { RecordDetails, RecordHistory, RecordTable } from "./public.tsx";

export const DONE = {
  added: "記録を登録しました。公開ページとAPIに載り、指標を計算し直しました。",
  saved: "記録を保存しました。公開ページとAPIに反映し、指標を計算し直しました。",
  unchanged: "変更はありませんでした。",
  retired: "記録を廃止・終了にしました。公開ページとAPIに反映し、指標を計算し直しました。",
};

export const ManageRegistryPage: FC<{
  code: string;
  def: RegistryDef;
  records: StoredRecord[];
  mayManage: boolean;
  done?: string;
}> = ({ code, def, records, mayManage, done }) => (
  <>
    <h1>{def.label}の台帳</h1>
    <DoneNotice messages={DONE} done={done} />
    <p>{def.description}</p>
    {mayManage ? (
      <p>
        <a class="button" href={`/${code}/manage/registries/${def.key}/new`}>
          {def.noun}を登録する
        </a>
      </p>
    ) : null}
    {mayManage ? (
      <ExcelHint code={code} dataset={`registry-${def.key}`} what={`${def.label}の台帳`} />
    ) : null}
    {records.length ? (
      <RecordTable
        def={def}
        records={records}
        href={(r) => `/${code}/manage/registries/${def.key}/${r.id}`}
        caption={`${def.label}（${records.length}件）`}
      />
    ) : (
      <p class="muted">記録はまだありません。</p>
    )}
    <p>
      <a href={`/${code}/registries/${def.key}`}>公開ページで見る</a>
    </p>
  </>
);

export interface TypedValues {
  name: string;
  fields: Record<string, string>;
  sample: boolean;
}

const Input: FC<{ f: FieldDef; value: string; errors?: ErrorDetail[] }> = ({
  f,
  value,
  errors,
}) => {
  const hint = f.hint ? `${f.name}-hint` : undefined;
  const aria = errorAria(f.name, errors, hint);
  return (
    <div class="field">
      <label for={f.name}>
        {f.label}
        {f.unit ? `（${f.unit}）` : ""}
        {f.required ? <span class="required">（必須）</span> : null}
      </label>
      {f.hint ? (
        <p class="hint" id={hint}>
          {f.hint}
        </p>
      ) : null}
      <FieldError field={f.name} details={errors} />
      {f.kind === "longtext" ? (
        <textarea id={f.name} name={f.name} rows={3} {...aria}>
          {value}
        </textarea>
      ) : f.kind === "choice" ? (
        <select id={f.name} name={f.name} {...aria}>
          <option value="">（選んでください）</option>
          {f.options?.map((o) => (
            <option value={o} selected={o === value}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={f.name}
          name={f.name}
          type={f.kind === "date" ? "date" : "text"}
          inputmode={f.kind === "number" ? "decimal" : undefined}
          value={value}
          {...aria}
        />
      )}
    </div>
  );
};

export const RecordForm: FC<{
  def: RegistryDef;
  action: string;
  csrf: string;
  values: TypedValues;
  version?: number;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ def, action, csrf, values, version, errors }) => (
  <>
    {errors ? (
      <ErrorSummary
        message={errors.message}
        details={errors.details}
        fields={["name", "sample", ...def.fields.map((f) => f.name)]}
      />
    ) : null}
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      {version !== undefined ? (
        <input type="hidden" name="version" value={String(version)} />
      ) : null}
      <div class="field">
        <label for="name">
          {def.nameLabel}
          <span class="required">（必須）</span>
        </label>
        <FieldError field="name" details={errors?.details} />
        <input id="name" name="name" value={values.name} {...errorAria("name", errors?.details)} />
      </div>
      {def.fields.map((f) => (
        <Input f={f} value={values.fields[f.name] ?? ""} errors={errors?.details} />
      ))}
      <div class="field">
        <FieldError field="sample" details={errors?.details} />
        <label>
          <input type="checkbox" name="sample" value="1" checked={values.sample} />{" "}
          サンプル（説明用の架空の記録。名称に「サンプル」を含めます）
        </label>
      </div>
      <button type="submit">保存する</button>
    </form>
  </>
);

export const RetireForm: FC<{
  code: string;
  def: RegistryDef;
  record: StoredRecord;
  csrf: string;
  errors?: ErrorDetail[];
}> = ({ code, def, record, csrf, errors }) => (
  <form method="post" action={`/${code}/manage/registries/${def.key}/${record.id}/retire`}>
    <h2>廃止・終了にする</h2>
    <p>
      協定の終了、施設の閉鎖・統合・売却、記録の取り下げなど。記録は台帳に残り、その日から数えなくなります。
    </p>
    <CsrfField token={csrf} />
    <input type="hidden" name="version" value={String(record.version)} />
    <div class="field">
      <label for="retiredOn">廃止・終了の日</label>
      <FieldError field="retiredOn" details={errors} />
      <p class="hint" id="retiredOn-hint">
        {DATE_HINT}
      </p>
      <input
        id="retiredOn"
        name="retiredOn"
        type="text"
        autocomplete="off"
        {...errorAria("retiredOn", errors, "retiredOn-hint")}
      />
    </div>
    <div class="field">
      <label for="reason">理由</label>
      <FieldError field="reason" details={errors} />
      <input id="reason" name="reason" {...errorAria("reason", errors)} />
    </div>
    <button type="submit" class="secondary">
      廃止・終了にする
    </button>
  </form>
);

export const ManageRecordPage: FC<{
  code: string;
  def: RegistryDef;
  record: StoredRecord;
  csrf: string;
  mayManage: boolean;
  values: TypedValues;
  errors?: { message: string; details: ErrorDetail[] };
  done?: string;
  history: RecordChange[];
}> = (p) => (
  <>
    <h1>{p.record.name}</h1>
    <DoneNotice messages={DONE} done={p.done} />
    {p.mayManage && !p.record.retiredOn ? (
      <>
        <RecordForm
          def={p.def}
          action={`/${p.code}/manage/registries/${p.def.key}/${p.record.id}`}
          csrf={p.csrf}
          values={p.values}
          version={p.record.version}
          errors={p.errors}
        />
        <RetireForm
          code={p.code}
          def={p.def}
          record={p.record}
          csrf={p.csrf}
          errors={p.errors?.details}
        />
      </>
    ) : (
      <RecordDetails def={p.def} record={p.record} />
    )}
    <RecordHistory history={p.history} />
    <p>
      <a href={`/${p.code}/registries/${p.def.key}/${p.record.id}`}>公開ページで見る</a>
    </p>
  </>
);
