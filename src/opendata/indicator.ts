/**
 * The indicator 「オープンデータの種類」 counted from the catalogue: the number of 自治体標準
 * オープンデータセット types of which at least one dataset is published. Pure.
 */
import { STANDARD_SCHEMAS } from "./standard/schemas.ts";

/** Is this the registry's indicator the catalogue counts? */
export const isOpenDataTypesIndicator = (i: { name: string }) =>
  i.name.normalize("NFKC").replace(/\s+/g, "") === "オープンデータの種類";

export const OPEN_DATA_TYPES_FORMULA =
  "オープンデータカタログで公開中のデータセット（登録したものと、台帳や計画から作るもの）が従う自治体標準オープンデータセットの種類の数（カタログから自動計算）";

/**
 * The published standard types, in the order of the standard's list, and how many. A type
 * whose published datasets are all サンプル is named so in the list.
 */
export function publishedStandardTypes(
  datasets: readonly { standardType: string | null; status: string; sample?: boolean }[],
) {
  const published = datasets.filter((d) => d.status === "published" && d.standardType);
  const types = STANDARD_SCHEMAS.flatMap((s) => {
    const of = published.filter((d) => d.standardType === s.key);
    if (of.length === 0) return [];
    return [of.every((d) => d.sample) ? `${s.name}（サンプル）` : s.name];
  });
  return { count: types.length, types };
}

/** The source shown with the computed actual: the formula and the list. */
export const openDataTypesSource = (types: readonly string[]) =>
  `${OPEN_DATA_TYPES_FORMULA}。内訳: ${types.length ? types.join("、") : "なし"}`;
