/**
 * Linking a municipality's own indicator to a shared indicator (or removing the link): its page
 * then shows the peer median beside the actual. One write, audited.
 */
import { and, eq } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, notFound } from "../core/errors.ts";
import { indicators } from "../indicators/schema.ts";
import { sharedIndicatorLinks, sharedIndicators } from "./schema.ts";

export async function linkIndicator(
  db: Db,
  mc: string,
  indicatorCode: string,
  sharedCode: string | null,
  actor: Actor,
): Promise<{ indicator: string; sharedCode: string | null; before: string | null }> {
  const result = await withTenant(db, mc, async (tx) => {
    const [indicator] = await tx
      .select({ id: indicators.id, name: indicators.name })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, indicatorCode)));
    if (!indicator) throw notFound(`団体 ${mc} の指標 ${indicatorCode}`);
    if (sharedCode !== null) {
      const [shared] = await tx
        .select({ code: sharedIndicators.code })
        .from(sharedIndicators)
        .where(eq(sharedIndicators.code, sharedCode));
      if (!shared) throw notFound(`共通指標 ${sharedCode}`);
    }
    const mine = and(
      eq(sharedIndicatorLinks.municipalityCode, mc),
      eq(sharedIndicatorLinks.indicatorId, indicator.id),
    );
    const [current] = await tx
      .select({ sharedCode: sharedIndicatorLinks.sharedCode })
      .from(sharedIndicatorLinks)
      .where(mine);
    const before = current?.sharedCode ?? null;
    if (before === sharedCode) return { indicator: indicator.name, sharedCode, before };
    if (sharedCode !== null) {
      const [taken] = await tx
        .select({ indicatorId: sharedIndicatorLinks.indicatorId })
        .from(sharedIndicatorLinks)
        .where(
          and(
            eq(sharedIndicatorLinks.municipalityCode, mc),
            eq(sharedIndicatorLinks.sharedCode, sharedCode),
          ),
        );
      if (taken)
        throw new AppError(
          "conflict",
          `共通指標 ${sharedCode} には、この団体の別の指標がすでに関連付けられています`,
          [{ location: "sharedCode", message: "先にその指標の関連付けを外してください" }],
        );
    }
    await tx.delete(sharedIndicatorLinks).where(mine);
    if (sharedCode !== null)
      await tx
        .insert(sharedIndicatorLinks)
        .values({ municipalityCode: mc, indicatorId: indicator.id, sharedCode });
    await audit(tx, actor, {
      municipality: mc,
      action: "peers.link_indicator",
      recordType: "indicator",
      recordKey: indicatorCode,
      before: { sharedCode: before },
      after: { sharedCode },
    });
    await announceChange(tx, mc);
    return { indicator: indicator.name, sharedCode, before };
  });
  changed(db, [mc]);
  return result;
}
