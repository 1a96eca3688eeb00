/** Small pieces shared by the program pages. */
import type { FC } from "hono/jsx";
import { formatNumber } from "../../core/format.ts";
import {
  DIRECTION_DEFINITIONS,
  DIRECTION_LABELS,
  type Direction,
} from "../../evaluations/index.ts";

/** Shown on every sample program: the data is made up for the demo. */
export const SampleBadge: FC = () => (
  <span class="badge sample" title="説明用の架空のデータです">
    サンプル
  </span>
);

export const yen = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${formatNumber(value)}円`;

export const fte = (value: number) => `${formatNumber(value, 2)}人`;

export const DirectionText: FC<{ direction: Direction | null }> = ({ direction }) =>
  direction === null ? (
    <span class="muted">—</span>
  ) : (
    <abbr title={DIRECTION_DEFINITIONS[direction]}>{DIRECTION_LABELS[direction]}</abbr>
  );
