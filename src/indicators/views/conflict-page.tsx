/**
 * Staff: a stale form of an actual was submitted (409). The shared conflict page
 * (core/views/conflict-page.tsx) with what differs between the input and the value saved now
 * (the draft, else the published value), who saved it, and the overwrite posting the input again.
 */
import type { FC } from "hono/jsx";
import type { FieldChange } from "../../core/field-changes.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { personName } from "../../core/people.ts";
import { ConflictPage as SharedConflictPage } from "../../core/views/conflict-page.tsx";
import { currentVersions, type DraftActual, type PublishedActual } from "../entry.ts";
import type { IndicatorRecord } from "../queries.ts";
import type { EntrySubmitted } from "./entry-page.tsx";

export interface ConflictPageProps {
  code: string;
  record: IndicatorRecord;
  fiscalYear: number;
  published: PublishedActual | undefined;
  draft: DraftActual | undefined;
  submitted: EntrySubmitted;
  csrf: string;
}

export const ConflictPage: FC<ConflictPageProps> = (p) => {
  const r = p.record;
  const base = `/${p.code}/manage/indicators/${encodeURIComponent(r.code)}`;
  const now = p.draft ?? p.published;
  const versions = currentVersions(p.published, p.draft);
  const changes: FieldChange[] = [
    {
      label: "値",
      after: p.submitted.value || "（空欄）",
      before: now ? formatValue(now.value, r.unit, r.decimals) : "（なし）",
    },
    { label: "注記", after: p.submitted.note || "—", before: now?.note || "—" },
    { label: "訂正の理由", after: p.submitted.reason || "—", before: p.draft?.reason || "—" },
  ].filter((c) => c.after !== c.before);
  const saved = p.draft
    ? `（下書き: ${personName(p.draft.updatedBy)}・${p.draft.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}）`
    : p.published
      ? "（公開中）"
      : "";
  return (
    <SharedConflictPage
      subject={`${r.name}（${r.code}）の${fiscalYearLabel(p.fiscalYear)}の値`}
      currentLabel={`現在の内容${saved}`}
      changes={changes}
      editPath={`${base}?fy=${p.fiscalYear}#entry`}
      postPath={`${base}/actuals/${p.fiscalYear}`}
      csrf={p.csrf}
      basis={[
        ["publishedVersion", String(versions.published)],
        ["draftVersion", String(versions.draft)],
      ]}
      submitted={[
        ["value", p.submitted.value],
        ["text", p.submitted.text],
        ["done", p.submitted.done],
        ["asOf", p.submitted.asOf],
        ["estimate", p.submitted.estimate],
        ["note", p.submitted.note],
        ["reason", p.submitted.reason],
      ]}
    />
  );
};
