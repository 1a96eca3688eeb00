import type { FC } from "hono/jsx";

/** Text with the plan's own `**emphasis**` shown as <strong>; everything else is escaped. */
export const RichText: FC<{ text: string }> = ({ text }) => {
  const parts = text.split(/\*\*(.+?)\*\*/g);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <strong>{p}</strong> : p))}</>;
};

/** Multi-line text as paragraphs. */
export const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text.split("\n").map((line) => (
      <p>
        <RichText text={line} />
      </p>
    ))}
  </>
);

/** Our note on the data (e.g. where the source looks inconsistent); never the source's words. */
export const DataNote: FC<{ note: string | null | undefined }> = ({ note }) =>
  note ? (
    <p class="datanote">
      <span class="badge">データ注記</span> {note}
    </p>
  ) : null;
