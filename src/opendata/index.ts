/** The open data catalogue (オープンデータ): what other domains may use. */
import {
  createDataset,
  publishDataset,
  updateDataset,
  uploadResource,
  withdrawDataset,
} from "./actions.ts";

export { listDatasets } from "./catalogue.ts";
export { ckanApi } from "./ckan-api.ts";
export { downloadAddress, downloadCounter, flushDownloads } from "./downloads.ts";
export { opendataManageRoutes } from "./manage-routes.tsx";
export { permissions } from "./permissions.ts";
export { opendataRoutes } from "./routes.tsx";
export { STANDARD_SCHEMAS } from "./standard/schemas.ts";

/** The writes a person triggers (each one audit entry for the record it changes). */
export const actions = {
  createDataset,
  updateDataset,
  uploadResource,
  publishDataset,
  withdrawDataset,
};
