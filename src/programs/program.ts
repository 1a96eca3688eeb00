/**
 * 事務事業 (program): the budgeted unit of work that is evaluated yearly. Pure data and checks.
 *
 * A program is identified by its budget line, which stays stable across fiscal years:
 * 会計 (account) − 款 (chapter) − 項 (clause) − 目 (item) − 事業番号 (number). Each part is kept
 * as text, as the budget book prints it (leading zeros matter: 「01」 is not 「1」).
 */
import type { ErrorDetail } from "../core/errors.ts";

/** The budget line of a program: 会計・款・項・目・事業番号. */
export interface ProgramCode {
  /** 会計, e.g. 「01」 (一般会計). */
  account: string;
  /** 款. */
  chapter: string;
  /** 項. */
  clause: string;
  /** 目. */
  item: string;
  /** 事業番号 within the 目. */
  number: string;
}

export const PROGRAM_CODE_PARTS = ["account", "chapter", "clause", "item", "number"] as const;
export const PROGRAM_CODE_LABELS: Record<keyof ProgramCode, string> = {
  account: "会計",
  chapter: "款",
  clause: "項",
  item: "目",
  number: "事業番号",
};

/** A link from a program to an initiative (具体的な取組) it serves. */
export interface InitiativeLink {
  /** The initiative's plan node code. */
  initiativeCode: string;
  /**
   * The program's share of cost attributed to this initiative, as a whole-number weight
   * (e.g. percent: 60 and 40). null on every link = equal shares.
   */
  share: number | null;
}

export interface Program {
  code: ProgramCode;
  /** 事務事業名. */
  name: string;
  /** 担当課 (section codes); an editor of any of them may submit the self-evaluation. */
  sectionCodes: readonly string[];
  /** The initiatives the program serves: at least one. */
  initiatives: readonly InitiativeLink[];
}

const SEPARATOR = "-";

/** The code as one key, parts joined by 「-」: 01-02-01-03-005. */
export const programCodeKey = (code: ProgramCode): string =>
  PROGRAM_CODE_PARTS.map((p) => code[p]).join(SEPARATOR);

/** Each part present, without spaces or 「-」 (so that the key reads back unambiguously). */
export function checkProgramCode(code: ProgramCode, location = "code"): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  for (const part of PROGRAM_CODE_PARTS) {
    const value = code[part];
    const label = PROGRAM_CODE_LABELS[part];
    if (typeof value !== "string" || value.trim() === "")
      issues.push({ location: `${location}.${part}`, message: `${label}が入力されていません` });
    else if (/[\s-]/.test(value))
      issues.push({
        location: `${location}.${part}`,
        message: `${label}（${value}）に空白や「-」は使えません`,
      });
  }
  return issues;
}
