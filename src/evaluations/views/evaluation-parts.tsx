/**
 * Parts of the evaluation page: the radio questions, the workflow's step lines, the public
 * addresses of a published evaluation and what its public sheet will lack.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { personName } from "../../core/people.ts";
import { errorAria, FieldError } from "../../core/views/form.tsx";
import {
  DIRECTION_DEFINITIONS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type Direction,
} from "../evaluation.ts";
import type { SheetBasis, Step } from "../staff-queries.ts";

export const formatTime = (at: Date) => at.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });
/** "user:3 someone@city.example token:2" → someone@city.example */
export const directionText = (d: Direction | null) => (d ? DIRECTION_LABELS[d] : "—");

interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Radio buttons of one question, in a fieldset whose id is the field's name. */
export const Radios: FC<{
  name: string;
  legend: string;
  hint?: string;
  choices: Choice[];
  picked: string;
  details?: ErrorDetail[];
}> = ({ name, legend, hint, choices, picked, details }) => (
  <fieldset id={name} class="choices">
    <legend>{legend}</legend>
    {hint ? (
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
    ) : null}
    <FieldError field={name} details={details} />
    {choices.map((c, i) => {
      const id = `${name}-${i}`;
      return (
        <div class="check">
          <input
            type="radio"
            id={id}
            name={name}
            value={c.value}
            checked={c.value === picked}
            {...errorAria(name, details, hint ? `${name}-hint` : undefined)}
          />{" "}
          <label for={id}>
            <strong>{c.label}</strong>
            {c.hint ? <span class="muted"> — {c.hint}</span> : null}
          </label>
        </div>
      );
    })}
  </fieldset>
);

export const directionChoices = (none: string): Choice[] => [
  ...DIRECTIONS.map((d) => ({
    value: d,
    label: DIRECTION_LABELS[d],
    hint: DIRECTION_DEFINITIONS[d],
  })),
  { value: "", label: none },
];

export const StepLine: FC<{ label: string; step: Step | null }> = ({ label, step }) => (
  <>
    <dt>{label}</dt>
    <dd>{step ? `${formatTime(step.at)}（${personName(step.by)}）` : "—"}</dd>
  </>
);

/** The public addresses of a program's evaluation of a year: page, PDF sheet and API. */
export function publicAddresses(origin: string, code: string, programCode: string, fy: number) {
  const page = `${origin}/${code}/programs/${encodeURIComponent(programCode)}`;
  return {
    page,
    pdf: `${page}/sheet-${fy}.pdf`,
    api: `${origin}/api/v1/municipalities/${code}/programs/${encodeURIComponent(programCode)}`,
  };
}

/** What the public sheet of the year will lack, one sentence each. */
export function sheetGaps(sheet: SheetBasis, fy: number): string[] {
  const year = fiscalYearLabel(fy);
  return [
    sheet.costs
      ? null
      : `${year}のコスト（予算額・決算額・財源・従事職員数）が登録されていません。公開する評価シートの事業費・人件費・総コストは「—」になります。`,
    sheet.unitCost
      ? null
      : `${year}の人件費単価が設定されていません。公開する評価シートの人件費・総コストは「—」になります。`,
  ].filter((x): x is string => x !== null);
}

export const PublishedNotice: FC<{ addresses: ReturnType<typeof publicAddresses>; fy: number }> = ({
  addresses: a,
  fy,
}) => (
  <div class="notice" role="status">
    <p>評価を公表しました。次の公開アドレスで誰でも見られます。</p>
    <ul>
      <li>
        公開ページ（{fiscalYearLabel(fy)}の評価）：<a href={a.page}>{a.page}</a>
      </li>
      <li>
        評価シート（PDF）：<a href={a.pdf}>{a.pdf}</a>
      </li>
      <li>
        API：<a href={a.api}>{a.api}</a>
      </li>
    </ul>
  </div>
);
