/**
 * Staff: a program's master data (事務事業の基本情報) — name, 目的・対象・手段, 担当課, period, and
 * the initiatives it serves with the share of its cost each gets. Planners edit everything; an
 * editor of the program's section edits 目的・対象・手段 and reads the rest.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import type { FormBody } from "../../core/forms.ts";
import { shownValues, TextField } from "../../core/views/fields.tsx";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import { linkField, MASTER_LABELS, type ProgramMaster } from "../program-master.ts";
import type { Choice, MasterView } from "../program-master-store.ts";

export const programMasterPath = (code: string, programCode: string) =>
  `/${code}/manage/programs/${encodeURIComponent(programCode)}`;

const FIELDS = [
  "name",
  "purpose",
  "targetGroup",
  "means",
  "sectionCode",
  "firstFiscalYear",
  "lastFiscalYear",
  "initiatives",
];

const Select: FC<{
  name: string;
  label: string;
  choices: Choice[];
  picked: string;
  blank?: string;
  details?: ErrorDetail[];
}> = (p) => (
  <div>
    <label for={p.name}>{p.label}</label>
    <select id={p.name} name={p.name} {...errorAria(p.name, p.details)}>
      {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
      {p.choices.map((c) => (
        <option value={c.code} selected={c.code === p.picked}>
          {c.code === c.name ? c.name : `${c.code} ${c.name}`}
        </option>
      ))}
    </select>
    <FieldError field={p.name} details={p.details} />
  </div>
);

const sharesText = (m: ProgramMaster, initiatives: Choice[]) =>
  m.initiatives
    .map((l) => {
      const name = initiatives.find((i) => i.code === l.initiativeCode)?.name ?? "";
      return `${l.initiativeCode} ${name}（${l.share === null ? "均等" : `割合 ${l.share}`}）`;
    })
    .join("\n");

export const ProgramMasterPage: FC<
  MasterView & {
    code: string;
    /** planners: every field; section: 目的・対象・手段; none: read only. */
    editable: "all" | "section" | "none";
    csrf: string;
    done?: string;
    raw?: FormBody;
    errors?: { message: string; details: ErrorDetail[] };
  }
> = (p) => {
  const v = shownValues(p.raw);
  const m = p.master;
  const details = p.errors?.details;
  const all = p.editable === "all";
  const section = p.sections.find((s) => s.code === m.sectionCode)?.name ?? m.sectionCode;
  const rowCount = p.raw
    ? Object.keys(p.raw).filter((k) => /^initiatives\.\d+\.initiativeCode$/.test(k)).length
    : m.initiatives.length + 1;
  const text = (name: "name" | "purpose" | "targetGroup" | "means", multiline = true) => (
    <TextField
      name={name}
      label={MASTER_LABELS[name]}
      value={v.text(name, m[name])}
      details={details}
      multiline={multiline}
      rows={3}
      required={name === "name"}
    />
  );
  return (
    <>
      <h1>
        {p.program.name}
        <span class="muted">（基本情報）</span>
      </h1>
      {p.program.sample ? (
        <p>
          <span class="badge sample">サンプル</span>{" "}
          説明用の架空の事業です。名称には「サンプル」を残してください。
        </p>
      ) : null}
      <DoneNotice
        messages={{
          saved: "基本情報を保存しました。公開ページと施策ごとのコスト集計に反映されています。",
        }}
        done={p.done}
      />
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={FIELDS} />
      ) : null}
      <dl class="meta">
        <dt>事務事業コード（会計-款-項-目-事業番号）</dt>
        <dd>{p.program.code}</dd>
        {all ? null : (
          <>
            <dt>{MASTER_LABELS.sectionCode}</dt>
            <dd>{section}</dd>
            <dt>実施期間</dt>
            <dd>
              {fiscalYearLabel(m.firstFiscalYear)}〜
              {m.lastFiscalYear === null ? "" : fiscalYearLabel(m.lastFiscalYear)}
            </dd>
            <dt>{MASTER_LABELS.initiatives}</dt>
            <dd class="pre-line">{sharesText(m, p.initiatives)}</dd>
          </>
        )}
      </dl>
      {p.editable === "none" ? (
        <dl class="meta">
          <dt>{MASTER_LABELS.purpose}</dt>
          <dd class="pre-line">{m.purpose || "—"}</dd>
          <dt>{MASTER_LABELS.targetGroup}</dt>
          <dd class="pre-line">{m.targetGroup || "—"}</dd>
          <dt>{MASTER_LABELS.means}</dt>
          <dd class="pre-line">{m.means || "—"}</dd>
        </dl>
      ) : (
        <form method="post" action={programMasterPath(p.code, p.program.code)} class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="fingerprint" value={v.text("fingerprint", p.fingerprint)} />
          {all ? text("name", false) : null}
          {text("purpose")}
          {text("targetGroup")}
          {text("means")}
          {all ? (
            <>
              <Select
                name="sectionCode"
                label={MASTER_LABELS.sectionCode}
                choices={p.sections}
                picked={v.text("sectionCode", m.sectionCode)}
                details={details}
              />
              <TextField
                name="firstFiscalYear"
                label={MASTER_LABELS.firstFiscalYear}
                hint="西暦4桁"
                value={v.text("firstFiscalYear", String(m.firstFiscalYear))}
                details={details}
                inputmode="numeric"
                required
              />
              <TextField
                name="lastFiscalYear"
                label={MASTER_LABELS.lastFiscalYear}
                hint="西暦4桁。続いている事業は空欄"
                value={v.text("lastFiscalYear", m.lastFiscalYear?.toString() ?? "")}
                details={details}
                inputmode="numeric"
              />
              <fieldset id="initiatives" class="stack">
                <legend>{MASTER_LABELS.initiatives}</legend>
                <p class="hint">
                  1つ以上選んでください。複数の取組に役立つ事業のコストは配分割合（整数の重み。例: 3
                  と 1）で分けます。割合をすべて空欄にすると均等に分けます。
                </p>
                <FieldError field="initiatives" details={details} />
                {Array.from({ length: rowCount }, (_, row) => {
                  const link = m.initiatives[row];
                  return (
                    <div class="stack">
                      <Select
                        name={linkField(row, "initiativeCode")}
                        label={`取組 ${row + 1}`}
                        choices={p.initiatives}
                        blank="（選ばない）"
                        picked={v.text(
                          linkField(row, "initiativeCode"),
                          link?.initiativeCode ?? "",
                        )}
                        details={details}
                      />
                      <TextField
                        name={linkField(row, "share")}
                        label={`取組 ${row + 1} の配分割合`}
                        value={v.text(linkField(row, "share"), link?.share?.toString() ?? "")}
                        details={details}
                        inputmode="numeric"
                      />
                      {link || p.raw ? (
                        <div class="check">
                          <input
                            type="checkbox"
                            id={linkField(row, "remove")}
                            name={linkField(row, "remove")}
                            checked={v.flag(linkField(row, "remove"), false)}
                          />{" "}
                          <label for={linkField(row, "remove")}>取組 {row + 1} の関連を外す</label>
                        </div>
                      ) : null}
                    </div>
                  );
                })}
              </fieldset>
            </>
          ) : (
            <p class="hint">名称・担当課・実施期間・関連する取組は企画担当・管理者が変更します。</p>
          )}
          <div class="actions">
            <button type="submit">保存</button>
          </div>
        </form>
      )}
      <p>
        <a href={`${programMasterPath(p.code, p.program.code)}/years/${m.firstFiscalYear}`}>
          コスト・予算要求
        </a>
        {" ・ "}
        <a href={`/${p.code}/programs/${encodeURIComponent(p.program.code)}`}>公開ページ</a>
      </p>
    </>
  );
};
