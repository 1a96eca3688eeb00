/** The audit trail of every staff write and its viewer: what other domains may use. */
export { describeActor, displayTime } from "./labels.ts";
export { permissions } from "./permissions.ts";
