/** Publishing planners' drafts (actuals, definitions, plan nodes) in one step: what other domains may use. */
export { type FieldsProps, recordEditRoutes } from "./edit-routes.tsx";
