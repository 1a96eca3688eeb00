/**
 * The evaluation round (事務事業評価の実施): pure rules, no I/O. A planner opens one round per
 * fiscal year with a deadline; each section self-evaluates the programs it runs that year
 * ("my evaluations"); reminders go to the sections' editors 7 days before and on the deadline;
 * closing the round freezes the self-evaluations of that year for editors (planners still
 * review and publish); a planner may reopen it. The dates, deadlines and reminder days are the
 * reporting rounds' (reporting/rules.ts).
 */
import { may } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel, fiscalYearRange } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import {
  compareCodes,
  daysUntilDeadline,
  formatJapaneseDate,
  isPastDeadline,
  type ReminderKind,
  reminderKindDue,
  validateDeadline,
} from "../reporting/index.ts";
import { permissions } from "./permissions.ts";
import type { EvaluationState } from "./workflow.ts";

export interface EvaluationRound {
  fiscalYear: number;
  /** YYYY-MM-DD (Japan): the last day on which a self-evaluation is on time. */
  deadline: string;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

/** A program of the round's year with the state of its evaluation. */
export interface RoundProgram {
  code: string;
  name: string;
  section: { code: string; name: string };
  state: EvaluationState;
}

/** A self-evaluation counts as done once submitted (submitted, reviewed or published). */
export const selfDone = (state: EvaluationState) => state !== "draft";

/** Programs not submitted after the deadline day (none before then), by code. */
export function overduePrograms(
  round: Pick<EvaluationRound, "deadline">,
  programs: RoundProgram[],
  now: Date,
): RoundProgram[] {
  if (!isPastDeadline(round.deadline, now)) return [];
  return programs.filter((p) => !selfDone(p.state)).sort((a, b) => compareCodes(a.code, b.code));
}

/** Is the self-evaluation of this year frozen for this person (round closed, not a planner)? */
export function selfEvaluationClosed(
  round: Pick<EvaluationRound, "closedAt"> | undefined,
  role: Role,
): boolean {
  return round?.closedAt != null && !may({ role }, permissions.editClosedRound);
}

/** Checks a round to open: a fiscal year without a round, a deadline not before it begins. */
export function checkEvaluationRound(
  input: { fiscalYear: number; deadline: string },
  existing: Pick<EvaluationRound, "fiscalYear">[],
): Checked<string> {
  const details: ErrorDetail[] = [];
  const fy = input.fiscalYear;
  if (!Number.isSafeInteger(fy))
    details.push({ location: "fiscalYear", message: "年度を選んでください" });
  else if (existing.some((r) => r.fiscalYear === fy))
    details.push({
      location: "fiscalYear",
      message: `${fiscalYearLabel(fy)}の事務事業評価はすでに開始されています（年度ごとに1つです）`,
    });
  const read = validateDeadline(input.deadline);
  if (!read.ok) details.push({ location: "deadline", message: read.message });
  else if (Number.isSafeInteger(fy) && read.deadline < fiscalYearRange(fy).start)
    details.push({
      location: "deadline",
      message: `入力期限 ${formatJapaneseDate(read.deadline)} が${fiscalYearLabel(fy)}の始まりより前です`,
    });
  return details.length || !read.ok ? { ok: false, details } : { ok: true, value: read.deadline };
}

// ── Reminders ───────────────────────────────────────────────────────────────────────────────

export interface StaffMember {
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  sectionCodes: string[];
}

export interface EvaluationReminder {
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** The outbox key: one per municipality, year, kind and person. */
export const evaluationReminderKey = (mc: string, fy: number, kind: ReminderKind, userId: number) =>
  `evaluation-reminder/${mc}/${fy}/${kind}/${userId}`;

export const myEvaluationsPath = (mc: string, fy: number) => `/${mc}/manage/evaluations?fy=${fy}`;

/**
 * The reminders due now for an open round: each editor (or above) of a section with programs
 * not yet submitted, listing them. The outbox ignores a key prepared before.
 */
export function evaluationReminders(input: {
  municipality: { code: string; name: string };
  round: EvaluationRound;
  programs: RoundProgram[];
  staff: StaffMember[];
  now: Date;
  origin?: string;
}): EvaluationReminder[] {
  const { municipality, round, now } = input;
  if (round.closedAt !== null) return [];
  const kind = reminderKindDue(round.deadline, now);
  if (kind === null) return [];
  const missing = input.programs.filter((p) => !selfDone(p.state));
  const year = fiscalYearLabel(round.fiscalYear);
  const deadline = formatJapaneseDate(round.deadline);
  const left = daysUntilDeadline(round.deadline, now);
  const link = `${(input.origin ?? "").replace(/\/+$/, "")}${myEvaluationsPath(municipality.code, round.fiscalYear)}`;
  return input.staff
    .filter((s) => may(s, permissions.editSelf) && s.email.trim() !== "")
    .sort((a, b) => a.userId - b.userId)
    .flatMap((s) => {
      const mine = missing
        .filter((p) => s.sectionCodes.includes(p.section.code))
        .sort((a, b) => compareCodes(a.code, b.code));
      if (mine.length === 0) return [];
      const subject =
        kind === "due"
          ? `【${municipality.name}】本日${deadline}は${year}の事務事業評価の提出期限です（未提出 ${mine.length}件）`
          : `【${municipality.name}】${year}の事務事業評価の提出期限まであと${left}日です（未提出 ${mine.length}件）`;
      const text = [
        `${s.displayName.trim() || s.email} 様`,
        "",
        `${year}の事務事業評価（一次評価）について、ご担当の事務事業のうち次の${mine.length}件が未提出です。`,
        kind === "due"
          ? `本日 ${deadline} が提出期限です。本日中に提出してください。`
          : `提出期限は ${deadline} です（あと${left}日）。`,
        "",
        ...mine.map((p) => `・${p.code} ${p.name}`),
        "",
        "入力は職員用ページの「事務事業評価」から行えます。",
        link,
        "",
        "このメールは施策（Shisaku）から自動で送信しています。",
        `行き違いで提出済みの場合はご容赦ください。（${municipality.name}）`,
        "",
      ].join("\n");
      return [
        {
          key: evaluationReminderKey(municipality.code, round.fiscalYear, kind, s.userId),
          to: s.email,
          subject,
          text,
        },
      ];
    });
}
