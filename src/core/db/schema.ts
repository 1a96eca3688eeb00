/** Every table of every domain, for Drizzle and drizzle-kit. Domains own their tables. */
export * from "../../accounts/schema.ts";
export * from "../../evaluation/schema.ts";
export * from "../../finance/frame-schema.ts";
export * from "../../finance/schema.ts";
export * from "../../indicators/schema.ts";
export * from "../../municipalities/schema.ts";
export * from "../../plan/schema.ts";
export * from "../../rounds/schema.ts";
export * from "../../spreadsheets/schema.ts";
export * from "../../voice/schema.ts";
export * from "../audit-schema.ts";
export * from "../outbox-schema.ts";
export * from "../record-drafts-schema.ts";
