/**
 * A survey's paper forms as a spreadsheet dataset, one per survey (`survey-answers/{id}`): the
 * access code, then one column per question headed 「問1」「問2」… as printed, with the question
 * and how to answer above the header (surveys' paper-sheet.ts). A blank template is downloaded,
 * filled and uploaded; each row is read by the paper form's rules, each code checked by the
 * paper keying's rule (unknown, answered already, keyed twice, the second keying by the first
 * keyer), and applying keys every form at once (surveys' keyPaperForms): the upload counts as
 * one keying by the uploader, so a form drawn for double entry still waits for another person.
 * Neither the preview nor the audit entry shows an answer: a row shows the keying it makes.
 */
import { announceChange } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound, recordIdOf } from "../core/errors.ts";
import {
  CODE_HEADER,
  compareKeyings,
  findSurvey,
  keyPaperForms,
  normaliseCode,
  type PaperCode,
  type PaperColumn,
  type PaperUploadForm,
  paperCodes,
  paperColumns,
  paperKeying,
  readPaperRow,
  permissions as surveyPermissions,
} from "../surveys/index.ts";
import type { Survey } from "../surveys/schema.ts";
import type {
  CellChange,
  CellError,
  ColumnSpec,
  Dataset,
  DatasetFamily,
  FileChanges,
  ParsedRow,
} from "./dataset.ts";

interface PaperSnapshot {
  survey: Survey;
  codes: Map<string, PaperCode>;
  drawn: Set<string>;
}

const FAMILY = "survey-answers";
const CODE = "code";
const ANSWERS = "回答";

const width = (c: PaperColumn) =>
  c.question.kind === "text" ? 30 : c.question.kind === "multiple" ? 12 : 10;

function columnsOf(columns: PaperColumn[]): ColumnSpec[] {
  return [
    {
      key: CODE,
      header: CODE_HEADER,
      kind: { type: "text" },
      editable: true,
      width: 18,
      above: ["問の文", "答え方"],
    },
    ...columns.map(
      (c): ColumnSpec => ({
        key: c.question.key,
        header: c.header,
        kind: { type: "text" },
        editable: true,
        width: width(c),
        above: [`${c.question.text}${c.question.required ? "（必須）" : ""}`, c.how],
      }),
    ),
  ];
}

const INSTRUCTIONS = [
  "1行に1枚の調査票を入力します。『回答番号』には調査票に書き写された回答番号を入力します（例: K7QM-3TXA-9PRW。小文字やハイフンなしでも読み取ります）。",
  "『問1』『問2』…は印刷用の調査票の問の番号です。見出しの上の行に、問の文と答え方があります。",
  "選択肢は番号（1, 2, …）か選択肢の文で入力します。いくつでも選べる問は「1;3」のように「;」で区切ります。数値は数字だけか、単位を付けて入力します。",
  "答えのない問は空欄にします。前の問の答えによって聞く問は、聞かない答えのときは必ず空欄にします。",
  "二重入力の対象の調査票は、別の人がもう一度入力するまで集計に入りません。アップロードは、アップロードした人の一回の入力として数えます。",
  "誤りが一つでもあると何も登録しません。確認の画面に、誤りのあるシート・行・列（問）がすべて表示されます。",
];

const KEYING_TEXT = {
  single: "入力（集計に入ります）",
  first: "一回目の入力（二重入力の対象。別の人の二回目の入力を待ちます）",
} as const;

/** The dataset of one survey's paper forms. */
function surveyAnswers(mc: string, survey: Survey): Dataset<PaperSnapshot> {
  const columns = paperColumns(survey.questionnaire);
  const specs = columnsOf(columns);
  const compare = (s: PaperSnapshot, rows: ParsedRow[], who: { userId: number }, sheet: string) => {
    const errors: CellError[] = [];
    const changes: CellChange[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const at = (column: string | null, message: string) =>
        errors.push({ sheet, row: row.row, column, message });
      const code = normaliseCode(row.key)!;
      const first = seen.get(code);
      if (first !== undefined) {
        at(CODE_HEADER, `回答番号「${row.key}」が ${first} 行目と重複しています`);
        continue;
      }
      seen.set(code, row.row);
      const state = s.codes.get(code)!;
      const rule = paperKeying(state, s.survey, who.userId, s.drawn.has(code));
      const cells = Object.fromEntries(
        columns.map((c) => {
          const v = row.values[c.question.key];
          return [c.question.key, v === null || v === undefined ? null : String(v)];
        }),
      );
      const read = readPaperRow(s.survey.questionnaire, columns, cells);
      if (!rule.ok) at(CODE_HEADER, `回答番号「${row.key}」: ${rule.message}`);
      if (!read.ok) for (const e of read.errors) at(e.header, e.message);
      if (!rule.ok || !read.ok) continue;
      const form: PaperUploadForm = {
        responseId: state.responseId,
        answers: read.answers,
        keying: rule.keying,
      };
      let after: string = rule.keying === "second" ? "" : KEYING_TEXT[rule.keying];
      if (rule.keying === "second") {
        const compared = compareKeyings(
          s.survey.questionnaire,
          state.firstAnswers ?? {},
          read.answers,
        );
        const n = compared.disagreements.length;
        form.entryId = state.entryId!;
        form.agrees = n === 0;
        after = n
          ? `二回目の入力（一回目と ${n} 問が食い違います。「二重入力の照合」で確定するまで集計に入りません）`
          : "二回目の入力（一回目と一致。集計に入ります）";
      }
      changes.push({
        row: row.row,
        key: code,
        label: `（${Object.keys(read.answers).length}問に回答）`,
        column: ANSWERS,
        fiscalYear: null,
        before: rule.keying === "second" ? "一回目の入力済み" : null,
        after,
        unit: "",
        correction: false,
        stored: form,
      });
    }
    return {
      changes,
      changedRows: changes.length,
      unchangedRows: 0,
      errors,
    } satisfies FileChanges;
  };
  return {
    name: `${FAMILY}/${survey.id}`,
    title: `紙の調査票の回答: ${survey.title}${survey.isSample ? "（サンプル）" : ""}`,
    sheet: "紙の調査票",
    back: { href: `/${mc}/manage/surveys/${survey.id}`, label: survey.title },
    description:
      "紙の調査票の回答を、1行に1枚ずつ入力して取り込みます。問ごとの列は印刷用の調査票の問の番号です。",
    columns: specs,
    keyColumn: CODE,
    importRole: surveyPermissions.keyIn.role,
    outcome:
      "紙の調査票の回答として登録されます。二重入力の対象の調査票は、別の人がもう一度入力するまで集計に入りません。",
    instructions: INSTRUCTIONS,
    load: async (read) => {
      const { codes, drawn } = await read((tx) => paperCodes(tx, mc, survey));
      return { survey, codes, drawn };
    },
    rows: () => [],
    codeLists: () =>
      columns
        .filter((c) => c.question.options?.length)
        .map((c) => ({
          title: `${c.header} ${c.question.text}`,
          header: ["番号", "選択肢"],
          rows: (c.question.options ?? []).map((o, i) => [i + 1, o.text]),
        })),
    current: (s, key) => {
      const code = normaliseCode(key);
      return code && s.codes.has(code)
        ? { key, values: { [CODE]: key }, years: new Map() }
        : undefined;
    },
    newRow: (_s, key) =>
      normaliseCode(key)
        ? `回答番号「${key}」はこの調査の回答番号にありません。調査票に書き写された番号を確かめてください`
        : `回答番号「${key}」は回答番号の形ではありません（英数字12文字。例: K7QM-3TXA-9PRW）`,
    unitOf: () => "",
    compare,
    // Checked in short reads; the transaction only writes, each write taking only the forms
    // still as they were read (keyPaperForms refuses the whole file otherwise).
    verifiesBefore: true,
    tables: ["survey_responses", "survey_double_entries"],
    apply: async (tx, ctx, changes) => {
      const forms = changes.map((c) => c.stored as PaperUploadForm);
      await keyPaperForms(tx, ctx.mc, ctx.who, survey, forms);
      ctx.written?.(changes.length);
      await announceChange(tx, ctx.mc);
    },
  };
}

/** Every survey's paper forms: 「survey-answers/12」 is survey 12's. */
export const surveyAnswersFamily: DatasetFamily = {
  name: FAMILY,
  title: "紙の調査票の回答",
  importRole: surveyPermissions.keyIn.role,
  async of(db: Db, mc: string, subject: string) {
    const id = recordIdOf(subject, "調査");
    const survey = await findSurvey(db, mc, id, { publicOnly: false });
    if (!survey) throw notFound(`調査 ${subject}`);
    if (survey.status === "draft")
      throw new AppError(
        "conflict",
        `調査「${survey.title}」はまだ回答の受付を始めていません。紙の調査票の取り込みは、回答の受付を始めてからできます`,
      );
    return surveyAnswers(mc, survey);
  },
};
