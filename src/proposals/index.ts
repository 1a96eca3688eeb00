/** Staff proposals (職員提案制度): submission, the committee's scores and decision, implementation: what other domains may use. */
import { saveProposalDraft } from "./drafts.ts";
import {
  decideProposal,
  recordImplementation,
  saveCriteria,
  scoreProposal,
  submitProposal,
} from "./proposals.ts";

export { permissions } from "./permissions.ts";
export { staffProposalRoutes } from "./routes.tsx";

/** The writes a person triggers (each one audit entry per record it changes). */
export const actions = {
  submitProposal,
  saveProposalDraft,
  saveCriteria,
  scoreProposal,
  decideProposal,
  recordImplementation,
};
