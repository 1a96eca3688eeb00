/**
 * A program's master data (事務事業の基本情報) as staff edit it: name, 目的・対象・手段, 担当課,
 * period and the initiatives it serves with their cost shares. Pure: reading the form and the
 * rules (the shares' rules are rollup.ts's checkShares, the same as for a programs file).
 *
 * The programs table has no version column: a form carries the fingerprint of the master data
 * it was opened on, and a save over a different fingerprint is stale (409).
 */
import { createHash } from "node:crypto";
import type { ErrorDetail } from "../core/errors.ts";
import { type FormBody, formText } from "../core/forms.ts";
import type { Checked } from "../core/outcome.ts";
import { FIRST_FISCAL_YEAR } from "../core/reporting-years.ts";
import type { InitiativeLink } from "./program.ts";
import { checkShares } from "./rollup.ts";

export interface ProgramMaster {
  name: string;
  purpose: string;
  targetGroup: string;
  means: string;
  sectionCode: string;
  firstFiscalYear: number;
  /** null while the program continues. */
  lastFiscalYear: number | null;
  initiatives: InitiativeLink[];
}

/** What an editor of the program's section may change; the rest is the planners'. */
export const SECTION_FIELDS = ["purpose", "targetGroup", "means"] as const;

export const MASTER_LABELS = {
  name: "事務事業名",
  purpose: "目的（意図）",
  targetGroup: "対象（誰・何を）",
  means: "手段（事業の内容）",
  sectionCode: "担当課",
  firstFiscalYear: "開始年度",
  lastFiscalYear: "終了年度",
  initiatives: "関連する取組と配分割合",
} as const;

export const SAMPLE_WORD = "サンプル";
const LAST_YEAR = 2100;
const NAME_MAX = 200;
const TEXT_MAX = 4000;

/** The fingerprint of the master data a form was opened on. */
export const fingerprintOf = (m: ProgramMaster) =>
  createHash("sha256").update(JSON.stringify(m)).digest("hex").slice(0, 16);

/** A form row's field name of the initiative links: initiatives.<row>.<part>. */
export const linkField = (row: number, part: "initiativeCode" | "share" | "remove") =>
  `initiatives.${row}.${part}`;

const norm = (s: string) => s.normalize("NFKC").trim();

function readYear(raw: string, location: string, label: string, details: ErrorDetail[]) {
  const s = norm(raw);
  if (s === "") return null;
  const n = Number(s);
  if (!Number.isInteger(n) || n < FIRST_FISCAL_YEAR || n > LAST_YEAR) {
    details.push({
      location,
      message: `${label}は西暦4桁（${FIRST_FISCAL_YEAR}〜${LAST_YEAR}）で入力してください（「${raw}」）`,
    });
    return null;
  }
  return n;
}

/** Error locations of the links list (initiatives.<k>...) moved to the form's row numbers. */
export const toRows = (details: ErrorDetail[], rows: readonly number[]): ErrorDetail[] =>
  details.map((d) => {
    const m = /^initiatives\.(\d+)\.(.+)$/.exec(d.location);
    const row = m ? rows[Number(m[1])] : undefined;
    return row === undefined ? d : { ...d, location: linkField(row, m![2] as "share") };
  });

/**
 * The master data the form asks for. `full`: a planner's form with every field; otherwise only
 * the section's fields are read and the rest stays as `current`. `rows` maps each link to its
 * form row, for errors found later.
 */
export function readMasterForm(
  form: FormBody,
  current: ProgramMaster,
  full: boolean,
): Checked<{ master: ProgramMaster; rows: number[] }> {
  const details: ErrorDetail[] = [];
  const texts = Object.fromEntries(
    SECTION_FIELDS.map((f) => [f, formText(form[f]).trim()]),
  ) as Record<(typeof SECTION_FIELDS)[number], string>;
  if (!full)
    return {
      ok: true,
      value: { master: { ...current, ...texts }, rows: current.initiatives.map((_, i) => i) },
    };
  const first = readYear(
    formText(form.firstFiscalYear),
    "firstFiscalYear",
    MASTER_LABELS.firstFiscalYear,
    details,
  );
  if (first === null && norm(formText(form.firstFiscalYear)) === "")
    details.push({ location: "firstFiscalYear", message: "開始年度を入力してください" });
  const last = readYear(
    formText(form.lastFiscalYear),
    "lastFiscalYear",
    MASTER_LABELS.lastFiscalYear,
    details,
  );
  const links: InitiativeLink[] = [];
  const rows: number[] = [];
  for (let row = 0; form[linkField(row, "initiativeCode")] !== undefined; row++) {
    const code = formText(form[linkField(row, "initiativeCode")]).trim();
    const rawShare = formText(form[linkField(row, "share")]);
    if (code === "" || formText(form[linkField(row, "remove")]) === "on") continue;
    const s = norm(rawShare);
    const share = s === "" ? null : Number(s);
    if (share !== null && (!Number.isSafeInteger(share) || share < 0)) {
      details.push({
        location: linkField(row, "share"),
        message: `配分割合は0以上の整数で入力してください（「${rawShare}」）`,
      });
      continue;
    }
    links.push({ initiativeCode: code, share });
    rows.push(row);
  }
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      master: {
        name: formText(form.name).trim(),
        ...texts,
        sectionCode: formText(form.sectionCode).trim(),
        firstFiscalYear: first!,
        lastFiscalYear: last,
        initiatives: links,
      },
      rows,
    },
  };
}

/**
 * The rules of master data against what exists: a name (with 「サンプル」 on a sample program),
 * a known section, known initiatives with valid shares, a period that keeps every year with
 * costs, and texts of sensible length.
 */
export function checkMaster(
  m: ProgramMaster,
  known: {
    sample: boolean;
    sections: ReadonlySet<string>;
    initiatives: ReadonlySet<string>;
    costYears: readonly number[];
  },
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (m.name === "") issues.push({ location: "name", message: "事務事業名を入力してください" });
  else if (m.name.length > NAME_MAX)
    issues.push({ location: "name", message: `事務事業名は${NAME_MAX}文字以内にしてください` });
  else if (known.sample && !m.name.includes(SAMPLE_WORD))
    issues.push({
      location: "name",
      message: `サンプルの事務事業です。名称に「${SAMPLE_WORD}」を含めてください`,
    });
  for (const f of SECTION_FIELDS)
    if (m[f].length > TEXT_MAX)
      issues.push({
        location: f,
        message: `${MASTER_LABELS[f]}は${TEXT_MAX}文字以内にしてください`,
      });
  if (!known.sections.has(m.sectionCode))
    issues.push({ location: "sectionCode", message: "担当課を選んでください" });
  if (m.lastFiscalYear !== null && m.lastFiscalYear < m.firstFiscalYear)
    issues.push({
      location: "lastFiscalYear",
      message: "終了年度は開始年度と同じかそれより後にしてください",
    });
  const outside = known.costYears.filter(
    (y) => y < m.firstFiscalYear || (m.lastFiscalYear !== null && y > m.lastFiscalYear),
  );
  if (outside.length)
    issues.push({
      location: outside.some((y) => y < m.firstFiscalYear) ? "firstFiscalYear" : "lastFiscalYear",
      message: `コストが登録されている年度（${outside.join("・")}年度）が実施期間の外になります`,
    });
  m.initiatives.forEach((l, i) => {
    if (!known.initiatives.has(l.initiativeCode))
      issues.push({
        location: `initiatives.${i}.initiativeCode`,
        message: `取組「${l.initiativeCode}」は計画にありません`,
      });
  });
  issues.push(...checkShares(m.initiatives));
  return issues;
}
