/**
 * Surveys, the pure rules of what staff type: the survey form, the sample frame (a table of
 * counts) and the sample's draw, and the one-time access codes.
 */

import { randomInt } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import type { ErrorDetail } from "../core/errors.ts";
import { fiscalYearOf, readDateField } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import { isDate, wholeNumber } from "../meetings/index.ts";
import { isFrameList, readFrameList } from "./frame-list.ts";
import { type Questionnaire, readQuestionnaire } from "./questionnaire.ts";
import type { SURVEY_POPULATIONS } from "./schema.ts";

export type Population = (typeof SURVEY_POPULATIONS)[number];
export const POPULATION_LABELS: Record<Population, string> = {
  citizens: "18歳以上の市民",
  staff: "職員",
};

export const SURVEY_LIMITS = { title: 200, purpose: 4000, sampleSize: 100_000, strata: 2000 };

export interface SurveySubmission {
  title: string;
  titleEasy: string;
  purpose: string;
  population: string;
  opensOn: string;
  closesOn: string;
  questionnaire: string;
}

export interface SurveyInput {
  title: string;
  titleEasy: string | null;
  purpose: string;
  population: Population;
  fiscalYear: number;
  opensOn: string;
  closesOn: string;
  questionnaireYaml: string;
  questionnaire: Questionnaire;
}

const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();

export function validateSurvey(raw: SurveySubmission): Checked<SurveyInput> {
  const details: ErrorDetail[] = [];
  const text = (field: "title" | "purpose", label: string) => {
    const v = clean(raw[field]);
    if (v === "") details.push({ location: field, message: `${label}を入力してください` });
    else if (v.length > SURVEY_LIMITS[field])
      details.push({
        location: field,
        message: `${label}は${SURVEY_LIMITS[field]}文字以内にしてください`,
      });
    return v;
  };
  const title = text("title", "調査名");
  const purpose = text("purpose", "調査の目的");
  const titleEasy = clean(raw.titleEasy).slice(0, SURVEY_LIMITS.title) || null;
  const population =
    raw.population === "staff" ? "staff" : raw.population === "citizens" ? "citizens" : null;
  if (!population)
    details.push({
      location: "population",
      message: "対象（18歳以上の市民・職員）を選んでください",
    });
  const day = (field: "opensOn" | "closesOn", label: string) => {
    const read = readDateField(raw[field], label);
    if (!read.ok) details.push({ location: field, message: read.message });
    return read.ok ? (read.date ?? "") : raw[field].trim();
  };
  const opensOn = day("opensOn", "開始日");
  const closesOn = day("closesOn", "締切日");
  if (isDate(opensOn) && isDate(closesOn) && closesOn < opensOn)
    details.push({ location: "closesOn", message: "締切日は開始日より後にしてください" });
  const questionnaireYaml = clean(raw.questionnaire);
  const qn = readQuestionnaire(questionnaireYaml);
  if (!qn.ok) details.push(...qn.details);
  if (details.length || !qn.ok || !population) return { ok: false, details };
  return {
    ok: true,
    value: {
      title,
      titleEasy,
      purpose,
      population,
      fiscalYear: fiscalYearOf(new Date(`${opensOn}T12:00:00+09:00`)),
      opensOn,
      closesOn,
      questionnaireYaml,
      questionnaire: qn.value,
    },
  };
}

export interface FrameRow {
  ageBand: string;
  sex: string;
  area: string;
  population: number;
}

/**
 * The headers of a frame file: citizens 年齢層,性別,地区,人数; staff 課コード,人数 (one
 * stratum per section). Counts only — a file with a name column is refused.
 */
export const FRAME_HEADERS: Record<Population, string[]> = {
  citizens: ["年齢層", "性別", "地区", "人数"],
  staff: ["課コード", "人数"],
};

/**
 * Reads a frame of counts (CSV text, UTF-8), or for citizens an anonymised list of people
 * (frame-list.ts, read into counts): every row checked, all or nothing.
 */
export function readFrame(
  csv: string,
  population: Population,
  sections?: Set<string>,
): Checked<FrameRow[]> {
  let rows: string[][];
  try {
    rows = parseCsv(csv.replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    return {
      ok: false,
      details: [{ location: "frame", message: `CSVとして読めません: ${(e as Error).message}` }],
    };
  }
  if (population === "citizens" && rows.length > 0 && isFrameList(rows[0]!)) {
    const list = readFrameList(rows);
    if (list.ok && list.value.length > SURVEY_LIMITS.strata)
      return {
        ok: false,
        details: [{ location: "frame", message: `層は${SURVEY_LIMITS.strata}までです` }],
      };
    return list;
  }
  const header = FRAME_HEADERS[population];
  const details: ErrorDetail[] = [];
  if (
    rows.length < 2 ||
    header.some((h, i) => rows[0]![i] !== h) ||
    rows[0]!.length !== header.length
  )
    return {
      ok: false,
      details: [
        {
          location: "frame: 1行目",
          message: `見出しは「${header.join(",")}」にしてください（人数の表だけを受け付けます）`,
        },
      ],
    };
  if (rows.length - 1 > SURVEY_LIMITS.strata)
    return {
      ok: false,
      details: [{ location: "frame", message: `層は${SURVEY_LIMITS.strata}までです` }],
    };
  const out: FrameRow[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    if (r.length !== header.length) {
      details.push({
        location: `frame: ${line}行目`,
        message: `列は${header.length}つにしてください`,
      });
      return;
    }
    const [ageBand, sex, area] = population === "staff" ? ["", "", r[0]!] : [r[0]!, r[1]!, r[2]!];
    const count = wholeNumber(r[header.length - 1]!);
    if (population === "citizens" && (!ageBand || !sex || !area))
      details.push({
        location: `frame: ${line}行目`,
        message: "年齢層・性別・地区を入れてください",
      });
    if (population === "staff" && sections && !sections.has(area))
      details.push({
        location: `frame: ${line}行目 課コード`,
        message: `課コード「${area}」は課の一覧にありません`,
      });
    if (count === null)
      details.push({
        location: `frame: ${line}行目 人数`,
        message: "人数は0以上の整数で入れてください",
      });
    const key = `${ageBand}|${sex}|${area}`;
    if (seen.has(key))
      details.push({ location: `frame: ${line}行目`, message: "同じ層が2回あります" });
    seen.add(key);
    out.push({ ageBand, sex, area, population: count ?? 0 });
  });
  if (details.length === 0 && out.every((r) => r.population === 0))
    details.push({ location: "frame", message: "人数の合計が0です" });
  return details.length ? { ok: false, details } : { ok: true, value: out };
}

/** A seed and a sample size typed on the draw form. An empty seed gets a random one. */
export function validateDraw(
  raw: { seed: string; size: string },
  frameTotal: number,
): Checked<{ seed: string; size: number }> {
  const seed = raw.seed.trim() || newSeed();
  const size = wholeNumber(raw.size);
  const details: ErrorDetail[] = [];
  if (!/^[\x21-\x7e]{1,64}$/.test(seed))
    details.push({ location: "seed", message: "シードは英数字・記号の64文字以内にしてください" });
  if (size === null || size < 1 || size > SURVEY_LIMITS.sampleSize)
    details.push({
      location: "size",
      message: `標本の大きさは1〜${SURVEY_LIMITS.sampleSize}の整数にしてください`,
    });
  else if (size > frameTotal)
    details.push({
      location: "size",
      message: `標本の大きさが母集団（${frameTotal}人）を超えています`,
    });
  return details.length ? { ok: false, details } : { ok: true, value: { seed, size: size! } };
}

/** Letters of access codes: no 0/O, 1/I/L, so a code read off paper is typed right. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A one-time access code, e.g. "K7QM-3TXA-9PRW" (12 letters: about 59 bits). */
export function newAccessCode() {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** A code as typed (lower case, spaces, no dashes, full width) in its stored form, or null. */
export function normaliseCode(typed: string): string | null {
  const t = typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  if (t.length !== 12 || [...t].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `${t.slice(0, 4)}-${t.slice(4, 8)}-${t.slice(8)}`;
}

export const newSeed = () => String(randomInt(1, 2 ** 47));
