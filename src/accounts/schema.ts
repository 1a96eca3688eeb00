import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sections, tenantCode, tenantForeignKey } from "../municipalities/schema.ts";

export const ROLES = ["admin", "planner", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in. One identity may belong to several municipalities (memberships). */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    /** Stored lower-cased. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull().default(""),
    /** argon2id, PHC string. */
    passwordHash: text("password_hash").notNull(),
    platformOperator: boolean("platform_operator").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email").on(sql`lower(${t.email})`)],
);

/** A user's role in one municipality. Roles are cumulative: admin ⊃ planner ⊃ editor ⊃ viewer. */
export const memberships = pgTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    municipalityCode: tenantCode(),
    role: text("role", { enum: ROLES }).notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.municipalityCode] })],
);

/** The sections whose indicators an editor may update. */
export const membershipSections = pgTable(
  "membership_sections",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    municipalityCode: tenantCode(),
    sectionId: integer("section_id").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "membership_sections_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ).onDelete("cascade"),
    primaryKey({ columns: [t.userId, t.municipalityCode, t.sectionId] }),
  ],
);

/** A signed-in session; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    municipalityCode: tenantCode(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    address: text("address"),
    userAgent: text("user_agent"),
  },
  (t) => [
    primaryKey({ name: "sessions_pkey", columns: [t.idHash, t.municipalityCode] }),
    index("sessions_user").on(t.userId),
  ],
);

/**
 * A personal API token: lets a section push actuals from another system with the same
 * permissions as its owner. Shown once; only its SHA-256 is kept.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "api_tokens_pkey", columns: [t.id, t.municipalityCode] }),
    uniqueIndex("api_tokens_hash").on(t.tokenHash, t.municipalityCode),
    index("api_tokens_user").on(t.userId),
  ],
);

export const SIGN_IN_COUNTERS = ["account", "address", "device"] as const;
export type SignInCounterKind = (typeof SIGN_IN_COUNTERS)[number];

/**
 * Failed sign-ins counted per account (e-mail), per client address and per browser that has
 * signed in to the account before, to slow guessing down (delay-rules.ts). Not a tenant table:
 * one person signs in to every municipality they belong to with one password, so failures count
 * across municipalities, and nothing here names a municipality. The key is a SHA-256 digest of
 * the e-mail or address, so the table keeps neither; rows whose last failure is a day old go.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    kind: text("kind", { enum: SIGN_IN_COUNTERS }).notNull(),
    keyHash: text("key_hash").notNull(),
    failures: integer("failures").notNull(),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
    /** No attempt under this key is taken (the password not even checked) before this time. */
    nextAllowedAt: timestamp("next_allowed_at", { withTimezone: true }).notNull(),
    /** The last warning mailed to the account's owner (accounts only). */
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.keyHash] }),
    index("sign_in_failures_last").on(t.lastFailureAt),
  ],
);
