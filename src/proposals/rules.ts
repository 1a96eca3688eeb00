/**
 * Staff proposals (職員提案制度): the pure rules. What a proposal must say, the committee's
 * criteria and scores, its decision and the record of an adopted proposal's implementation,
 * who may see what, and the count per fiscal year (職員提案の提案数).
 */
import { may, type Principal } from "../accounts/index.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { readDateField } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import { wholeNumber } from "../meetings/index.ts";
import { permissions } from "./permissions.ts";
import { PROPOSAL_DECISIONS, type ProposalDecision } from "./schema.ts";

export const DECISION_LABELS: Record<ProposalDecision, string> = {
  adopted: "採用",
  partly_adopted: "一部採用",
  not_adopted: "不採用",
  continued: "継続審査",
};

export const isDecision = (v: string): v is ProposalDecision =>
  (PROPOSAL_DECISIONS as readonly string[]).includes(v);

/** Decided for good: everyone signed in may read it. 継続審査 is still under review. */
export const isFinal = (d: ProposalDecision | null) =>
  d === "adopted" || d === "partly_adopted" || d === "not_adopted";

export const isAdopted = (d: ProposalDecision | null) => d === "adopted" || d === "partly_adopted";

/** The status a proposer reads. */
export const statusLabel = (d: ProposalDecision | null) => (d ? DECISION_LABELS[d] : "審査待ち");

export const PROPOSAL_LIMITS = {
  title: 100,
  text: 4000,
  effect: 2000,
  groupName: 100,
  members: 1000,
  reason: 2000,
  criterion: 50,
  criterionDescription: 200,
  criteria: 10,
} as const;

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export interface Criterion {
  name: string;
  description: string | null;
}

/** The committee's criteria until a municipality saves its own. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { name: "独創性", description: "これまでにない発想・工夫があるか" },
  { name: "実現性", description: "費用・体制・制度の面から実施できるか" },
  { name: "効果", description: "時間・費用の削減や市民サービスの向上が見込めるか" },
  { name: "汎用性", description: "ほかの課・業務にも広げられるか" },
  { name: "具体性", description: "現状の課題と改善の方法が具体的に示されているか" },
];

const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();
const blank = (s: string) => (s === "" ? null : s);

// ---------------------------------------------------------------------------------------------
// Submission

export interface ProposalSubmission {
  title: string;
  problem: string;
  proposal: string;
  expectedEffect: string;
  expectedHours: string;
  expectedYen: string;
  sections: string[];
  applicant: string;
  groupName: string;
  memberNames: string;
}

export interface ProposalInput {
  title: string;
  problem: string;
  proposal: string;
  expectedEffect: string;
  expectedHours: number | null;
  expectedYen: number | null;
  sectionCodes: string[];
  groupName: string | null;
  memberNames: string | null;
}

/** An optional whole number ≥ 0, with the field's error when it is not one. */
function optionalAmount(
  raw: string,
  field: string,
  label: string,
  details: ErrorDetail[],
): number | null {
  if (raw.trim() === "") return null;
  const n = wholeNumber(raw);
  if (n === null || n > 2_000_000_000) {
    details.push({ location: field, message: `${label}は0以上の整数で入力してください` });
    return null;
  }
  return n;
}

/**
 * A draft (下書き) keeps what was typed, any field empty; only a text longer than a proposal may
 * ever be is refused. Everything else is checked when it is submitted (validateProposal).
 */
export function validateDraft(raw: ProposalSubmission): Checked<ProposalSubmission> {
  const details: ErrorDetail[] = [];
  const limits: [keyof ProposalSubmission, string, number][] = [
    ["title", "提案の名称", PROPOSAL_LIMITS.title],
    ["problem", "現状の問題点", PROPOSAL_LIMITS.text],
    ["proposal", "提案の内容", PROPOSAL_LIMITS.text],
    ["expectedEffect", "期待される効果", PROPOSAL_LIMITS.effect],
    ["expectedHours", "削減できる時間", 20],
    ["expectedYen", "削減できる金額", 20],
    ["groupName", "グループ名", PROPOSAL_LIMITS.groupName],
    ["memberNames", "メンバーの氏名", PROPOSAL_LIMITS.members],
  ];
  const value = { ...raw, sections: [...new Set(raw.sections.filter(Boolean))].slice(0, 100) };
  for (const [field, label, max] of limits) {
    const v = clean(raw[field] as string);
    (value as Record<string, unknown>)[field] = v;
    if (v.length > max)
      details.push({
        location: field,
        message: `${label}は${max}文字以内にしてください（いま${v.length}文字）`,
      });
  }
  if (value.applicant !== "group") value.applicant = "individual";
  return details.length ? { ok: false, details } : { ok: true, value };
}

export function validateProposal(
  raw: ProposalSubmission,
  knownSections: string[],
): Checked<ProposalInput> {
  const details: ErrorDetail[] = [];
  const text = (
    field: "title" | "problem" | "proposal" | "expectedEffect",
    label: string,
    max: number,
  ) => {
    const v = clean(raw[field]);
    if (v === "") details.push({ location: field, message: `${label}を入力してください` });
    else if (v.length > max)
      details.push({
        location: field,
        message: `${label}は${max}文字以内にしてください（いま${v.length}文字）`,
      });
    return v;
  };
  const title = text("title", "提案の名称", PROPOSAL_LIMITS.title);
  const problem = text("problem", "現状の問題点", PROPOSAL_LIMITS.text);
  const proposal = text("proposal", "提案の内容", PROPOSAL_LIMITS.text);
  const expectedEffect = text("expectedEffect", "期待される効果", PROPOSAL_LIMITS.effect);
  const expectedHours = optionalAmount(
    raw.expectedHours,
    "expectedHours",
    "削減できる時間",
    details,
  );
  const expectedYen = optionalAmount(raw.expectedYen, "expectedYen", "削減できる金額", details);
  const sectionCodes = [...new Set(raw.sections.filter(Boolean))];
  if (sectionCodes.length === 0)
    details.push({ location: "sections", message: "関係する課を1つ以上選んでください" });
  const unknown = sectionCodes.filter((c) => !knownSections.includes(c));
  if (unknown.length)
    details.push({ location: "sections", message: `課 ${unknown.join("、")} はありません` });
  let groupName: string | null = null;
  let memberNames: string | null = null;
  if (raw.applicant === "group") {
    groupName = clean(raw.groupName);
    memberNames = clean(raw.memberNames);
    if (groupName === "")
      details.push({
        location: "groupName",
        message: "グループ提案のときはグループ名を入力してください",
      });
    else if (groupName.length > PROPOSAL_LIMITS.groupName)
      details.push({
        location: "groupName",
        message: `グループ名は${PROPOSAL_LIMITS.groupName}文字以内にしてください`,
      });
    if (memberNames === "")
      details.push({
        location: "memberNames",
        message: "グループ提案のときはメンバーの氏名を入力してください",
      });
    else if (memberNames.length > PROPOSAL_LIMITS.members)
      details.push({
        location: "memberNames",
        message: `メンバーの氏名は${PROPOSAL_LIMITS.members}文字以内にしてください`,
      });
  } else if (raw.applicant !== "individual")
    details.push({ location: "applicant", message: "個人提案かグループ提案かを選んでください" });
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      title,
      problem,
      proposal,
      expectedEffect,
      expectedHours,
      expectedYen,
      sectionCodes,
      groupName,
      memberNames,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The committee

/** The criteria form: rows with a name are kept, in order; at least one, at most ten. */
export function validateCriteria(
  rows: { name: string; description: string }[],
): Checked<Criterion[]> {
  const details: ErrorDetail[] = [];
  const kept = rows
    .map((r) => ({ name: clean(r.name), description: blank(clean(r.description)) }))
    .filter((r) => r.name !== "");
  if (kept.length === 0)
    details.push({ location: "criteria", message: "審査の観点を1つ以上入力してください" });
  if (kept.length > PROPOSAL_LIMITS.criteria)
    details.push({
      location: "criteria",
      message: `審査の観点は${PROPOSAL_LIMITS.criteria}個までです`,
    });
  const names = kept.map((r) => r.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length)
    details.push({
      location: "criteria",
      message: `観点の名前が重なっています: ${[...new Set(twice)].join("、")}`,
    });
  for (const r of kept)
    if (
      r.name.length > PROPOSAL_LIMITS.criterion ||
      (r.description?.length ?? 0) > PROPOSAL_LIMITS.criterionDescription
    )
      details.push({
        location: "criteria",
        message: `観点「${r.name.slice(0, 20)}」が長すぎます（名前${PROPOSAL_LIMITS.criterion}文字・説明${PROPOSAL_LIMITS.criterionDescription}文字まで）`,
      });
  return details.length ? { ok: false, details } : { ok: true, value: kept };
}

/** One scorer's scores: every criterion scored 1–5. */
export function validateScores(
  raw: Record<string, string>,
  criteria: Criterion[],
): Checked<{ criterion: string; score: number }[]> {
  const details: ErrorDetail[] = [];
  const scores: { criterion: string; score: number }[] = [];
  criteria.forEach((c, i) => {
    const n = wholeNumber(raw[`score${i}`] ?? "");
    if (n === null || n < SCORE_MIN || n > SCORE_MAX)
      details.push({
        location: `score${i}`,
        message: `「${c.name}」を${SCORE_MIN}から${SCORE_MAX}の点数で選んでください`,
      });
    else scores.push({ criterion: c.name, score: n });
  });
  return details.length ? { ok: false, details } : { ok: true, value: scores };
}

/** The committee's average per criterion and overall, from every scorer's scores. */
export function scoreSummary(
  scores: { criterion: string; score: number; scorerId: number }[],
  criteria: Criterion[],
) {
  const avg = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
  const byCriterion = criteria.map((c) => ({
    name: c.name,
    average: avg(scores.filter((s) => s.criterion === c.name).map((s) => s.score)),
  }));
  const scorers = new Set(scores.map((s) => s.scorerId));
  const totals = [...scorers].map((id) =>
    scores.filter((s) => s.scorerId === id).reduce((a, s) => a + s.score, 0),
  );
  return { byCriterion, scorers: scorers.size, averageTotal: avg(totals) };
}

export interface DecisionInput {
  decision: ProposalDecision;
  reason: string;
}

export function validateDecision(raw: {
  decision: string;
  reason: string;
}): Checked<DecisionInput> {
  const details: ErrorDetail[] = [];
  if (!isDecision(raw.decision))
    details.push({
      location: "decision",
      message: "審査結果を 採用・一部採用・不採用・継続審査 から選んでください",
    });
  const reason = clean(raw.reason);
  if (reason === "")
    details.push({
      location: "reason",
      message: "審査結果の理由を入力してください（提案者に伝わります）",
    });
  else if (reason.length > PROPOSAL_LIMITS.reason)
    details.push({
      location: "reason",
      message: `理由は${PROPOSAL_LIMITS.reason}文字以内にしてください`,
    });
  if (details.length) return { ok: false, details };
  return { ok: true, value: { decision: raw.decision as ProposalDecision, reason } };
}

export interface ImplementationSubmission {
  implementation: string;
  implementedOn: string;
  measuredEffect: string;
  measuredHours: string;
  measuredYen: string;
}

export interface ImplementationInput {
  implementation: string;
  implementedOn: string | null;
  measuredEffect: string | null;
  measuredHours: number | null;
  measuredYen: number | null;
}

/** The implementation of an adopted (or partly adopted) proposal and its measured effect. */
export function validateImplementation(
  raw: ImplementationSubmission,
  decision: ProposalDecision | null,
  now = new Date(),
): Checked<ImplementationInput> {
  const details: ErrorDetail[] = [];
  if (!isAdopted(decision))
    details.push({
      location: "implementation",
      message: "実施の記録は、採用・一部採用になった提案にだけ付けられます",
    });
  const implementation = clean(raw.implementation);
  if (implementation === "")
    details.push({ location: "implementation", message: "実施した内容を入力してください" });
  else if (implementation.length > PROPOSAL_LIMITS.text)
    details.push({
      location: "implementation",
      message: `実施した内容は${PROPOSAL_LIMITS.text}文字以内にしてください`,
    });
  // The day it was implemented has happened: a day after today is refused.
  const day = readDateField(raw.implementedOn, "実施日", { optional: true, happened: true, now });
  if (!day.ok) details.push({ location: "implementedOn", message: day.message });
  const measuredEffect = clean(raw.measuredEffect);
  if (measuredEffect.length > PROPOSAL_LIMITS.effect)
    details.push({
      location: "measuredEffect",
      message: `効果は${PROPOSAL_LIMITS.effect}文字以内にしてください`,
    });
  const measuredHours = optionalAmount(
    raw.measuredHours,
    "measuredHours",
    "削減できた時間",
    details,
  );
  const measuredYen = optionalAmount(raw.measuredYen, "measuredYen", "削減できた金額", details);
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      implementation,
      implementedOn: day.ok ? day.date : null,
      measuredEffect: blank(measuredEffect),
      measuredHours,
      measuredYen,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Who sees what

/** The committee: planners and admins score, decide and read every proposal. */
export const isCommittee = (who: Pick<Principal, "role">) => may(who, permissions.review);

/** The proposer sees their own; everyone signed in sees decided ones; the committee sees all. */
export const maySeeProposal = (
  who: Pick<Principal, "role" | "userId">,
  p: { proposerId: number; decision: ProposalDecision | null },
) => isCommittee(who) || p.proposerId === who.userId || isFinal(p.decision);

// ---------------------------------------------------------------------------------------------
// 職員提案の提案数

export interface CountOfYear {
  fiscalYear: number;
  count: number;
}

/** Proposals submitted per fiscal year of submission, whatever became of them. */
export function proposalCounts(list: { fiscalYear: number }[]): CountOfYear[] {
  const years = new Map<number, number>();
  for (const p of list) years.set(p.fiscalYear, (years.get(p.fiscalYear) ?? 0) + 1);
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fiscalYear, count]) => ({ fiscalYear, count }));
}

export const countSource = (y: CountOfYear) =>
  `職員提案から自動計算: その年度に提出された職員提案の件数 ${y.count}件（提出日の年度で集計、審査結果を問わない）`;

/** Is this the registry's indicator of the number of staff proposals? */
export const isStaffProposalCountIndicator = (i: { name: string; definition: string | null }) =>
  /職員提案/.test(i.name) && /提案の?数/.test(i.name);
