/** Every table of every domain, for Drizzle and drizzle-kit. Domains own their tables. */
export * from "./accounts/schema.ts";
export * from "./core/audit-schema.ts";
export * from "./core/outbox-schema.ts";
export * from "./core/record-drafts-schema.ts";
export * from "./costs/schema.ts";
export * from "./evaluations/schema.ts";
export * from "./finance/frame-schema.ts";
export * from "./finance/schema.ts";
export * from "./indicators/schema.ts";
export * from "./letters/schema.ts";
export * from "./meetings/schema.ts";
export * from "./municipalities/schema.ts";
export * from "./plan/schema.ts";
export * from "./programs/schema.ts";
export * from "./proposals/schema.ts";
export * from "./reporting/schema.ts";
export * from "./spreadsheets/schema.ts";
