import type { FC } from "hono/jsx";
import { STATUS_DESCRIPTIONS, STATUS_LABELS, type StatusCode } from "../achievement.ts";

/** A status shown by text and symbol, never by colour alone. */
export const StatusLabel: FC<{ code: StatusCode }> = ({ code }) => (
  <span class={`status ${code}`} title={STATUS_DESCRIPTIONS[code]}>
    {STATUS_LABELS[code]}
  </span>
);

export const StatusLegend: FC = () => (
  <details class="legend">
    <summary>評価の見方</summary>
    <dl class="meta">
      {(Object.keys(STATUS_LABELS) as StatusCode[]).map((code) => (
        <>
          <dt>
            <StatusLabel code={code} />
          </dt>
          <dd>{STATUS_DESCRIPTIONS[code]}</dd>
        </>
      ))}
    </dl>
  </details>
);

export const KIND_LABELS = {
  policy: "政策指標",
  outcome: "成果指標",
  reference: "参考指標",
  activity: "活動指標",
} as const;

export const ChallengeBadge: FC = () => <span class="badge challenge">チャレンジ</span>;
