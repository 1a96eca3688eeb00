/** The proposals that touched one measure or its initiatives, with their latest outcome. */
import type { FC } from "hono/jsx";
import type { PublicLetter } from "../queries.ts";
import { LetterSummary } from "./public-pages.tsx";

export const MeasureLettersPage: FC<{
  code: string;
  /** The measure, with its level as the plan names it (基本施策, 施策 …). */
  measure: { code: string; title: string; level: { label: string } };
  letters: PublicLetter[];
}> = ({ code, measure, letters }) => (
  <>
    <h1>「{measure.title}」に寄せられた提案と対応</h1>
    <p class="lead">
      市長へのたより・市長と語ろう会で寄せられ、この{measure.level.label}
      またはその取組に関係するもの（公開中のもの）と、その最新の結果です。
    </p>
    <p>
      <a href={`/${code}/measures/${measure.code}`}>{measure.level.label}のページへ戻る</a>・
      <a href={`/${code}/letters`}>市長へのたより（公開中）すべて</a>
    </p>
    <p id="result-count" role="status">
      {letters.length} 件
    </p>
    {letters.length === 0 ? (
      <p>この{measure.level.label}に関係する公開中の提案はまだありません。</p>
    ) : null}
    {letters.map((l) => (
      <LetterSummary code={code} letter={l} />
    ))}
  </>
);
