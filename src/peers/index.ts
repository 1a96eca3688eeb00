/** Shared indicators and peer comparison (共通指標と類似団体比較): what other domains may use. */
export { peersApi } from "./api.ts";
export { demoNationalCommand, NATIONAL_USAGE, nationalCommand } from "./cli.ts";
export { type PeerMedian, peerMedianOf } from "./compare.ts";
export { generateNationalDemo, NATIONAL_DEMO } from "./demo.ts";
/** The one tenant write (staff page and command line; audited, one entry per indicator). */
export { linkIndicator, linkSharedIndicator } from "./link-indicator.ts";
export { peerManageRoutes } from "./manage-routes.tsx";
export { importNationalFile } from "./national-import.ts";
export { permissions } from "./permissions.ts";
export { peerRoutes } from "./routes.tsx";
export { PeerMedianNote } from "./views/compare-pages.tsx";

import { linkSharedIndicator } from "./link-indicator.ts";

/** The writes of staff (ActionContext, Outcome). */
export const actions = { linkIndicator: linkSharedIndicator };
