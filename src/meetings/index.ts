/** Town meetings with the mayor (市長と語ろう会) and the proposals raised at them: what other domains may use. */
import { addMeetingProposal, publishMeeting, recordMeeting, updateMeeting } from "./meetings.ts";

export { listMeetings, type Meeting } from "./meetings.ts";
export { permissions } from "./permissions.ts";
export { meetingManageRoutes, meetingRoutes } from "./routes.tsx";
export { isDate, wholeNumber } from "./rules.ts";

/** The writes a person triggers (each one audit entry per record it changes). */
export const actions = { recordMeeting, updateMeeting, publishMeeting, addMeetingProposal };
