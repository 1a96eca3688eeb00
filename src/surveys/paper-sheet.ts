/**
 * Paper forms as rows of a spreadsheet (pure): the access code, then one column per question
 * headed 「問1」「問2」… as the printed questionnaire numbers them (print.ts), with the question's
 * wording and how to answer above. A choice is typed by its printed number (1, 2, …) or its
 * wording; several choices as 「1;3」; a number with or without its unit; a question asked only
 * after some answers (showIf) is left empty when it was not asked. A row is then read by the
 * same rules as the staff's paper form (questionnaire.ts readAll): required questions, ranges,
 * lengths.
 */
import type { ErrorDetail } from "../core/errors.ts";
import {
  type Answers,
  allQuestions,
  hasOptions,
  isAsked,
  type Question,
  type Questionnaire,
  readAll,
} from "./questionnaire.ts";

/** The header of the access code's column. */
export const CODE_HEADER = "回答番号";

export interface PaperColumn {
  question: Question;
  /** As printed: 1 for the first question of the questionnaire. */
  number: number;
  /** 「問1」 */
  header: string;
  /** How to answer, for the row above the header. */
  how: string;
}

const HOW: Record<Question["kind"], string> = {
  single: "番号か選択肢の文を一つ",
  likert: "番号か選択肢の文を一つ",
  multiple: "番号か選択肢の文。いくつでも「1;3」のように「;」で区切る",
  numeric: "数値",
  text: "書かれたとおりの文",
};

export function paperColumns(qn: Questionnaire): PaperColumn[] {
  const all = allQuestions(qn);
  return all.map((question, i) => {
    const options = question.options ?? [];
    const choices = options.map((o, n) => `${n + 1}=${o.text}`).join(" ");
    const range =
      question.kind === "numeric"
        ? [
            question.min !== undefined ? `${question.min}以上` : "",
            question.max !== undefined ? `${question.max}以下` : "",
            question.unit ? `単位「${question.unit}」` : "",
          ]
            .filter(Boolean)
            .join("・")
        : "";
    const condition = question.showIf ? conditionText(all, question) : "";
    return {
      question,
      number: i + 1,
      header: `問${i + 1}`,
      how: [
        HOW[question.kind],
        choices,
        range,
        question.required ? "必須" : "",
        condition ? `${condition}。ほかは空欄` : "",
      ]
        .filter(Boolean)
        .join("／"),
    };
  });
}

/** 「問1で 4・5 と答えた人だけ」 */
function conditionText(all: Question[], q: Question): string {
  const i = all.findIndex((x) => x.key === q.showIf!.question);
  return i < 0 ? "" : `問${i + 1}で ${conditionNumbers(all[i], q)} と答えた人だけ`;
}

/** The printed numbers of the options that ask `q`: 「1・2」. */
const conditionNumbers = (source: Question | undefined, q: Question) =>
  (source?.options ?? [])
    .map((o, n) => (q.showIf!.anyOf.includes(o.key) ? String(n + 1) : null))
    .filter((n): n is string => n !== null)
    .join("・");

const squeeze = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();

/** Splits 「1;3」「1；3」「1、3」「1,3」 into its choices. */
const SEPARATORS = /[;；,，、・/\s\u3000]+/;

/** The option key a choice typed as its number or wording stands for, or why none. */
function optionOf(q: Question, typed: string): { key: string } | { problem: string } {
  const options = q.options ?? [];
  const t = typed.normalize("NFKC").trim();
  if (/^\d+(\.0+)?$/.test(t)) {
    const n = Number(t);
    const o = options[n - 1];
    return o
      ? { key: o.key }
      : { problem: `選択肢の番号は 1〜${options.length} です（「${typed}」）` };
  }
  const found = options.find(
    (o) => squeeze(o.text) === squeeze(t) || (o.easy && squeeze(o.easy) === squeeze(t)),
  );
  return found
    ? { key: found.key }
    : {
        problem: `選択肢にない回答です（「${typed}」）。1〜${options.length} の番号か、選択肢の文を入力してください`,
      };
}

/** A problem of one cell: the question's column header and what is wrong. */
export interface PaperCellError {
  header: string;
  message: string;
}

/**
 * Reads one row's cells (by question key; null for an empty cell) into the answers a staff
 * member keying the form by hand would submit, or every problem of the row.
 */
export function readPaperRow(
  qn: Questionnaire,
  columns: PaperColumn[],
  cells: Record<string, string | null>,
): { ok: true; answers: Answers } | { ok: false; errors: PaperCellError[] } {
  const errors: PaperCellError[] = [];
  const fields: Record<string, string[]> = {};
  /** Choices read so far, for the conditions of later questions. */
  const chosen: Answers = {};
  const unreadable = new Set<string>();
  const byKey = new Map(columns.map((c) => [c.question.key, c]));
  for (const c of columns) {
    const q = c.question;
    const raw = cells[q.key] ?? null;
    const value = raw === null ? "" : raw.trim();
    const dependsOnUnreadable = q.showIf !== undefined && unreadable.has(q.showIf.question);
    if (value !== "" && !dependsOnUnreadable && !isAsked(q, chosen)) {
      const source = byKey.get(q.showIf!.question);
      errors.push({
        header: c.header,
        message: `${c.header}は、${source?.header ?? q.showIf!.question}で ${conditionNumbers(source?.question, q)} と答えた人だけに聞く問です。この行の答えでは聞かないため、空欄にしてください（「${value}」）`,
      });
      unreadable.add(q.key);
      continue;
    }
    if (value === "") continue;
    if (hasOptions(q)) {
      const typed = value.split(SEPARATORS).filter((t) => t !== "");
      if (q.kind !== "multiple" && typed.length > 1) {
        errors.push({
          header: c.header,
          message: `${c.header}は一つだけ選ぶ問です（「${value}」）`,
        });
        unreadable.add(q.key);
        continue;
      }
      const keys: string[] = [];
      for (const t of typed) {
        const o = optionOf(q, t);
        if ("problem" in o) errors.push({ header: c.header, message: `${c.header}: ${o.problem}` });
        else keys.push(o.key);
      }
      if (keys.length !== typed.length) {
        unreadable.add(q.key);
        continue;
      }
      fields[q.key] = keys;
      chosen[q.key] = q.kind === "multiple" ? keys : keys[0]!;
    } else if (q.kind === "numeric") {
      let n = value.normalize("NFKC").replace(/\s+/g, "");
      const unit = q.unit?.normalize("NFKC").replace(/\s+/g, "");
      if (unit && n.endsWith(unit)) n = n.slice(0, -unit.length);
      if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(n)) n = n.replace(/,/g, "");
      fields[q.key] = [n];
    } else fields[q.key] = [value];
  }
  const read = readAll({ questionnaire: qn }, fields);
  if (!read.ok)
    for (const d of read.details as ErrorDetail[]) {
      const c = byKey.get(d.location);
      if (c && unreadable.has(d.location)) continue;
      errors.push({
        header: c?.header ?? d.location,
        message: `${c?.header ?? ""} ${d.message}`.trim(),
      });
    }
  if (errors.length || !read.ok) return { ok: false, errors };
  return { ok: true, answers: read.value };
}
