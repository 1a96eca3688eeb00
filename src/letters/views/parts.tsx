/** Pieces shared by the letter pages: dates, plain multi-line text, the timeline. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import type { NodeRef, TimelineStep } from "../queries.ts";
import { CATEGORIES, OUTCOME_LABELS, STEP_LABELS } from "../rules.ts";

/** 2026年5月1日, in Japan's calendar. */
export function japaneseDate(at: Date): string {
  const d = new Date(at.getTime() + 9 * 60 * 60 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export const isoDay = (at: Date) =>
  new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);

export const categoryLabel = (c: string) => (CATEGORIES as Record<string, string>)[c] ?? c;

/** A writer's or staff member's text: every line a paragraph, nothing interpreted. */
export const PlainText: FC<{ text: string }> = ({ text }) => (
  <div class="letter-text">
    {text.split("\n").map((line) => (
      <p>{line}</p>
    ))}
  </div>
);

export const NodeLink: FC<{ code: string; node: NodeRef }> = ({ code, node }) => (
  <a href={`/${code}/${node.path}`}>
    {node.title}（{node.code}）
  </a>
);

/** The handling timeline, oldest step first, each dated. */
export const Timeline: FC<{ code: string; steps: TimelineStep[]; linkNodes?: boolean }> = ({
  code,
  steps,
  linkNodes = true,
}) => (
  <ol class="timeline">
    {steps.map((s) => (
      <li>
        <time datetime={isoDay(s.occurredAt)}>{japaneseDate(s.occurredAt)}</time>{" "}
        <strong>{STEP_LABELS[s.kind]}</strong>
        {s.outcome ? <> — {OUTCOME_LABELS[s.outcome]}</> : null}
        {s.reflectedNode ? (
          <p>
            反映先:{" "}
            {linkNodes ? (
              <NodeLink code={code} node={s.reflectedNode} />
            ) : (
              `${s.reflectedNode.title}（${s.reflectedNode.code}）`
            )}
            {s.reflectedFromFiscalYear
              ? `（${fiscalYearLabel(s.reflectedFromFiscalYear)}から）`
              : ""}
          </p>
        ) : null}
        {s.reason ? <p>理由: {s.reason}</p> : null}
        {s.publicComment ? <PlainText text={s.publicComment} /> : null}
      </li>
    ))}
  </ol>
);
