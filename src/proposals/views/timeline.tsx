/** A staff proposal's dated steps, and whether its proposer is told of each by e-mail. */
import type { FC } from "hono/jsx";
import { isoDay, japaneseDate } from "../../letters/index.ts";
import { PROPOSAL_STEP_LABELS, type ProposalStep } from "../notices.ts";
import { DECISION_LABELS } from "../rules.ts";

export const ProposalTimeline: FC<{ steps: ProposalStep[]; mailed: boolean; group: boolean }> = ({
  steps,
  mailed,
  group,
}) => (
  <>
    <h2>審査の経過</h2>
    <ol class="timeline">
      {steps.map((s) => (
        <li>
          <time datetime={isoDay(s.at)}>{japaneseDate(s.at)}</time>{" "}
          <strong>{PROPOSAL_STEP_LABELS[s.kind]}</strong>
          {s.decision ? <> — {DECISION_LABELS[s.decision]}</> : null}
        </li>
      ))}
    </ol>
    <p class="hint">
      {mailed
        ? "状況が変わるたびに（審査開始・審査結果・実施の記録）、提案者へメールでお知らせします。"
        : "提案者のメールアドレスが分からないため（アカウントが無効など）、状況が変わってもメールでのお知らせは送られません。"}
      {group ? "グループのメンバーにはメールは届きません。代表の提案者からお伝えください。" : ""}
    </p>
  </>
);
