/** Shared indicators and peer comparison (共通指標と類似団体比較): what other domains may use. */
import { linkIndicator } from "./link-indicator.ts";

export { peersApi } from "./api.ts";
export { NATIONAL_USAGE, nationalCommand } from "./cli.ts";
export { type PeerMedian, peerMedianOf } from "./compare.ts";
export { importNationalFile } from "./national-import.ts";
export { peerRoutes } from "./routes.tsx";
export { PeerMedianNote } from "./views/compare-pages.tsx";

/** The writes a person triggers (each one audit entry for the record it changes). */
export const actions = { linkIndicator };
