/** The fields of an indicator definition's edit form. */
import type { FC } from "hono/jsx";
import { shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { CheckField, SectionChoices, shownValues, TextField } from "../../core/views/fields.tsx";
import { errorAria, FieldError } from "../../core/views/form.tsx";
import type { ValueKind, YearKind } from "../../plan/index.ts";
import type { FieldsProps } from "../../publishing/index.ts";
import { type DefinitionFields, formatInterim, TARGET_FORM_LABELS } from "../definition.ts";
import { VALUE_KIND_ENTRY, VALUE_KIND_LABELS, YEAR_KIND_LABELS } from "../labels.ts";

const YEAR_HINT = "西暦か和暦で書きます（例: 2025、令和7年度、R7）。";

export const DefinitionFieldsForm: FC<FieldsProps<DefinitionFields>> = ({
  values,
  raw,
  sections,
  details,
  labels,
}) => {
  const { text, flag, list } = shownValues(raw);
  const num = (name: string, value: number | null) =>
    text(name, value === null ? "" : String(value));
  const year = (name: string, fy: number | null) =>
    text(name, fy === null ? "" : shortFiscalYearLabel(fy));
  const form = text("targetForm", values.target.form);
  return (
    <>
      <TextField
        name="name"
        label="指標名"
        required
        value={text("name", values.name)}
        details={details}
      />
      <TextField
        name="definition"
        label="指標の定義・説明"
        multiline
        value={text("definition", values.definition)}
        details={details}
      />
      <TextField name="unit" label="単位" value={text("unit", values.unit)} details={details} />
      <TextField
        name="decimals"
        label="表示する小数点以下の桁数"
        hint="0〜6。空欄なら入力どおりに表示します。"
        inputmode="numeric"
        value={num("decimals", values.decimals)}
        details={details}
      />
      {labels?.challenge || values.challenge ? (
        <CheckField
          name="challenge"
          label={labels?.challenge ?? "チャレンジ指標"}
          checked={flag("challenge", values.challenge)}
        />
      ) : null}
      <fieldset class="stack" {...errorAria("valueKind", details)}>
        <legend>値の種類（各年度に入力する値）</legend>
        {(Object.keys(VALUE_KIND_LABELS) as ValueKind[]).map((kind) => (
          <div>
            <div class="check">
              <input
                type="radio"
                id={`valueKind-${kind}`}
                name="valueKind"
                value={kind}
                checked={text("valueKind", values.valueKind) === kind}
                aria-describedby={`valueKind-${kind}-hint`}
              />{" "}
              <label for={`valueKind-${kind}`}>{VALUE_KIND_LABELS[kind]}</label>
            </div>
            <p class="hint" id={`valueKind-${kind}-hint`}>
              {VALUE_KIND_ENTRY[kind]}
            </p>
          </div>
        ))}
        <FieldError field="valueKind" details={details} />
      </fieldset>
      <div>
        <label for="yearKind">年の数え方</label>
        <select id="yearKind" name="yearKind" {...errorAria("yearKind", details)}>
          {(Object.keys(YEAR_KIND_LABELS) as YearKind[]).map((kind) => (
            <option value={kind} selected={text("yearKind", values.yearKind) === kind}>
              {YEAR_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <FieldError field="yearKind" details={details} />
      </div>
      <fieldset class="stack">
        <legend>基準値</legend>
        <TextField
          name="baselineText"
          label="表記（計画に印刷されたとおり）"
          required
          value={text("baselineText", values.baseline.text)}
          details={details}
        />
        <TextField
          name="baselineValue"
          label="数値"
          inputmode="decimal"
          hint="達成度の計算に使います。数値がまだないときは空欄にします。"
          value={num("baselineValue", values.baseline.value)}
          details={details}
        />
        <TextField
          name="baselineFiscalYear"
          label="基準年度"
          hint={YEAR_HINT}
          value={year("baselineFiscalYear", values.baseline.fiscalYear)}
          details={details}
        />
        <TextField
          name="baselineNote"
          label="注記"
          value={text("baselineNote", values.baseline.note)}
          details={details}
        />
      </fieldset>
      <fieldset class="stack">
        <legend>目標</legend>
        <div>
          <label for="targetForm">目標の形式</label>
          <select id="targetForm" name="targetForm" {...errorAria("targetForm", details)}>
            {Object.entries(TARGET_FORM_LABELS).map(([value, label]) => (
              <option value={value} selected={value === form}>
                {label}
              </option>
            ))}
          </select>
          <FieldError field="targetForm" details={details} />
        </div>
        <TextField
          name="targetText"
          label="表記（計画に印刷されたとおり）"
          required
          value={text("targetText", values.target.text)}
          details={details}
        />
        <TextField
          name="targetValue"
          label="数値"
          inputmode="decimal"
          hint="「以上」「以下」「未満」「超」の形式で必要です。ほかの形式（文字の目標を含む）では空欄にします。"
          value={num("targetValue", values.target.value)}
          details={details}
        />
        <TextField
          name="targetFiscalYear"
          label="目標年度"
          hint={YEAR_HINT}
          value={year("targetFiscalYear", values.target.fiscalYear)}
          details={details}
        />
        <TextField
          name="targetNote"
          label="注記"
          value={text("targetNote", values.target.note)}
          details={details}
        />
        <TextField
          name="targetInterim"
          label="中間目標"
          multiline
          rows={3}
          hint="1行に1つ、「年度, 数値, 計画の表記」の順に書きます（例: 令和5年度, 25, 25件）。文字の目標では数値を空にします（例: 令和5年度, , 基本設計）。進み具合は基準値・中間目標・目標値を結ぶ線と比べて判定します。"
          value={text("targetInterim", formatInterim(values.target.interim ?? []))}
          details={details}
        />
      </fieldset>
      <fieldset class="stack">
        <legend>この指標の出典（計画の出典と別のとき）</legend>
        <TextField
          name="sourceDocument"
          label="資料名"
          value={text("sourceDocument", values.source?.document ?? null)}
          details={details}
        />
        <TextField
          name="sourcePage"
          label="ページ"
          value={text("sourcePage", values.source?.page ?? null)}
          details={details}
        />
        <TextField
          name="sourceUrl"
          label="URL"
          value={text("sourceUrl", values.source?.url ?? null)}
          details={details}
        />
      </fieldset>
      <SectionChoices
        sections={sections}
        picked={list("sections", values.sections)}
        details={details}
      />
      <TextField
        name="note"
        label="注記"
        multiline
        value={text("note", values.note)}
        details={details}
      />
    </>
  );
};
