/** Town meetings with the mayor (市長と語ろう会) and the proposals raised at them: what other domains may use. */
export { listMeetings, type Meeting } from "./meetings.ts";
export { meetingManageRoutes, meetingRoutes } from "./routes.tsx";
export { isDate, wholeNumber } from "./rules.ts";
