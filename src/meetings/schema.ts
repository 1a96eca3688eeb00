/** Town meetings with the mayor (市長と語ろう会); the proposals raised at one are letter rows. */
import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { tenantCode } from "../municipalities/schema.ts";

/**
 * A town meeting with the mayor (市長と語ろう会). Public as recorded: it names the participating
 * group and how many took part, never a participant.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    place: text("place").notNull(),
    theme: text("theme").notNull(),
    participantGroup: text("participant_group").notNull(),
    participantCount: integer("participant_count").notNull(),
    summary: text("summary").notNull(),
    /** A record is public once published; a draft is seen by staff only. */
    status: text("status", { enum: ["draft", "published"] })
      .notNull()
      .default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "meetings_pkey", columns: [t.id, t.municipalityCode] }),
    index("meetings_held").on(t.municipalityCode, t.heldOn),
  ],
);
