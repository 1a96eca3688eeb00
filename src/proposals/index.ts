/** Staff proposals (職員提案制度): submission, the committee's scores and decision, implementation: what other domains may use. */
export { staffProposalRoutes } from "./routes.tsx";
