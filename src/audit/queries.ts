/** Reading the audit trail of one municipality: filtered, newest first. Read only. */
import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { auditLog } from "../core/audit-schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { challengeWording, definitionFieldLabels } from "../indicators/index.ts";
import { letters } from "../letters/schema.ts";
import { nodeFieldLabels, nodeLevelsOf } from "../plan/index.ts";
import { endOfTokyoDay, startOfTokyoDay } from "./filter.ts";

export interface AuditSearch {
  /** Matched against the record type (prefix) or the record key (contains), ignoring case. */
  record?: string;
  /** Contained in the actor label ("user:12 someone@city.example token:3", "cli"), ignoring case. */
  actor?: string;
  /** Exactly this action ("plan.import"). */
  action?: string;
  /** Calendar days (YYYY-MM-DD) in Asia/Tokyo, both inclusive. */
  from?: string;
  to?: string;
  /** Without a limit: every matching entry from `offset` on (the CSV), and no count query. */
  limit?: number;
  offset?: number;
}

export interface AuditItem {
  id: number;
  at: Date;
  actor: string;
  address: string | null;
  action: string;
  recordType: string;
  recordKey: string;
  before: unknown;
  after: unknown;
  /**
   * What the record is, to label it: its record type, except where the record's own data says
   * more — a `letter` that is a town meeting's proposal (letters.source) is `meeting_proposal`.
   */
  recordKind: string;
  /** The record in words beside its kind, where its data says more: a plan node's level (主要施策). */
  about?: string;
  /** Names of the record's fields by key, where its domain names them (a plan node's, by its level). */
  fieldLabels?: Readonly<Record<string, string>>;
}

type Row = Omit<AuditItem, "recordKind">;

/** `by` of a publication's entry: whose draft was published (core/record-drafts.ts). */
const PUBLISHED_BY = "下書きを作った人";

/**
 * The entries with the kind of their record (a town meeting's proposal is no letter), and a plan
 * node with its level and its fields named as the plan names that level.
 */
async function withKinds(tx: Tx, mc: string, rows: Row[]): Promise<AuditItem[]> {
  const levels = await nodeLevelsOf(tx, mc, [
    ...new Set(rows.filter((r) => r.recordType === "plan_node").map((r) => r.recordKey)),
  ]);
  const keys = [...new Set(rows.filter((r) => r.recordType === "letter").map((r) => r.recordKey))];
  const proposals = new Set(
    keys.length === 0
      ? []
      : (
          await tx
            .select({ receipt: letters.receiptNumber })
            .from(letters)
            .where(
              and(
                eq(letters.municipalityCode, mc),
                eq(letters.source, "meeting"),
                inArray(letters.receiptNumber, keys),
              ),
            )
        ).map((l) => l.receipt),
  );
  // An indicator's definition, named as its edit form names it (the チャレンジ flag in the plan's words).
  const definition = rows.some((r) => r.recordType === "indicator")
    ? definitionFieldLabels((await challengeWording(tx, mc)).label)
    : undefined;
  return rows.map((r) => {
    const level = r.recordType === "plan_node" ? levels.get(r.recordKey) : undefined;
    return {
      ...r,
      recordKind:
        r.recordType === "letter" && proposals.has(r.recordKey) ? "meeting_proposal" : r.recordType,
      ...(level
        ? { about: level.label, fieldLabels: { ...nodeFieldLabels(level.label), by: PUBLISHED_BY } }
        : {}),
      ...(r.recordType === "indicator" ? { fieldLabels: definition } : {}),
    };
  });
}

/** `%`, `_` and `\` typed by a person are literal characters, not patterns. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(mc: string, f: AuditSearch): SQL | undefined {
  return and(
    eq(auditLog.municipalityCode, mc),
    f.record
      ? or(
          ilike(auditLog.recordType, `${literal(f.record)}%`),
          ilike(auditLog.recordKey, `%${literal(f.record)}%`),
        )
      : undefined,
    f.actor ? ilike(auditLog.actor, `%${literal(f.actor)}%`) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? gte(auditLog.occurredAt, startOfTokyoDay(f.from)) : undefined,
    f.to ? lt(auditLog.occurredAt, endOfTokyoDay(f.to)) : undefined,
  );
}

/** The matching entries, newest first, and how many match in all: one page query, one count. */
export function searchAudit(
  db: Db,
  mc: string,
  f: AuditSearch,
): Promise<{ items: AuditItem[]; total: number }> {
  const where = conditions(mc, f);
  return withTenant(db, mc, async (tx) => {
    const page = tx
      .select({
        id: auditLog.id,
        at: auditLog.occurredAt,
        actor: auditLog.actor,
        address: auditLog.address,
        action: auditLog.action,
        recordType: auditLog.recordType,
        recordKey: auditLog.recordKey,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .$dynamic();
    if (f.limit === undefined) {
      const items = await withKinds(tx, mc, await (f.offset ? page.offset(f.offset) : page));
      return { items, total: (f.offset ?? 0) + items.length };
    }
    const items = await withKinds(tx, mc, await page.limit(f.limit).offset(f.offset ?? 0));
    const [row] = await tx.select({ n: count() }).from(auditLog).where(where);
    return { items, total: row?.n ?? 0 };
  });
}
