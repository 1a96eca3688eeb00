/**
 * The demo municipality receives letters: its form is open and one demo account is assigned to
 * receive them (a fresh municipality starts closed; reception.ts). Written with audit entries,
 * as the operator's loading of the demo.
 */
import { and, eq } from "drizzle-orm";
import { memberships, users } from "../accounts/schema.ts";
import { audit, SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { letterReceivers, letterReception } from "./schema.ts";

export async function openDemoReception(db: Db, mc: string, receiverEmail: string) {
  await withTenant(db, mc, async (tx) => {
    const [member] = await tx
      .select({ userId: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.municipalityCode, mc), eq(users.email, receiverEmail)));
    if (!member) throw new Error(`demo receiver ${receiverEmail} is not a member of ${mc}`);
    await tx.insert(letterReception).values({ municipalityCode: mc, formOpen: true });
    await tx.insert(letterReceivers).values({ municipalityCode: mc, userId: member.userId });
    await audit(tx, SYSTEM_ACTOR, {
      municipality: mc,
      action: "letter_reception.open",
      recordType: "letter_reception",
      recordKey: mc,
      before: { formOpen: false },
      after: { formOpen: true },
    });
    await audit(tx, SYSTEM_ACTOR, {
      municipality: mc,
      action: "letter_receiver.assign",
      recordType: "letter_receiver",
      recordKey: receiverEmail,
      after: { receiver: true },
    });
  });
}
