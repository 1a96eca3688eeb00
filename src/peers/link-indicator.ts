/**
 * Linking a municipality's own indicator to a shared indicator (or removing the link): its page
 * then shows the peer median beside the actual. One write, audited. The form carries the link
 * it was opened on: another person's change in between is a conflict.
 */
import { and, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { indicators } from "../indicators/schema.ts";
import { permissions } from "./permissions.ts";
import { sharedIndicatorLinks, sharedIndicators } from "./schema.ts";

export interface LinkResult {
  indicator: string;
  sharedCode: string | null;
  before: string | null;
}

/** What the link is now, when the form was opened on another. */
export interface LinkNow {
  indicatorCode: string;
  indicator: string;
  sharedCode: string | null;
}

export async function linkSharedIndicator(
  ctx: ActionContext<Pick<Principal, "role">>,
  input: {
    indicatorCode: string;
    sharedCode: string | null;
    /** The link the form was opened on (null: none); undefined: not checked. */
    expected?: string | null;
  },
): Promise<Outcome<LinkResult, LinkNow>> {
  const { db, municipality: mc, actor } = ctx;
  const no = refusal(ctx.who, permissions.linkIndicator);
  if (no) return no;
  const { indicatorCode, sharedCode } = input;
  const outcome = await withTenant(db, mc, async (tx): Promise<Outcome<LinkResult, LinkNow>> => {
    const [indicator] = await tx
      .select({ id: indicators.id, name: indicators.name })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, indicatorCode)));
    if (!indicator)
      throw new AppError("not_found", `団体 ${mc} の指標 ${indicatorCode} が見つかりません`);
    if (sharedCode !== null) {
      const [shared] = await tx
        .select({ code: sharedIndicators.code })
        .from(sharedIndicators)
        .where(eq(sharedIndicators.code, sharedCode));
      if (!shared)
        return invalid([
          { location: "sharedCode", message: `共通指標 ${sharedCode} は一覧にありません` },
        ]);
    }
    const mine = and(
      eq(sharedIndicatorLinks.municipalityCode, mc),
      eq(sharedIndicatorLinks.indicatorId, indicator.id),
    );
    const [current] = await tx
      .select({ sharedCode: sharedIndicatorLinks.sharedCode })
      .from(sharedIndicatorLinks)
      .where(mine)
      .for("update");
    const before = current?.sharedCode ?? null;
    if (input.expected !== undefined && input.expected !== before)
      return conflict(
        { indicatorCode, indicator: indicator.name, sharedCode: before },
        `指標 ${indicatorCode} の共通指標は、画面を開いた後にほかの人が変更しました（現在: ${before ?? "関連付けなし"}）。最新の内容を確認してから、もう一度操作してください`,
      );
    if (before === sharedCode) return unchanged({ indicator: indicator.name, sharedCode, before });
    if (sharedCode !== null) {
      const [taken] = await tx
        .select({ code: indicators.code })
        .from(sharedIndicatorLinks)
        .innerJoin(indicators, eq(indicators.id, sharedIndicatorLinks.indicatorId))
        .where(
          and(
            eq(sharedIndicatorLinks.municipalityCode, mc),
            eq(sharedIndicatorLinks.sharedCode, sharedCode),
          ),
        );
      if (taken)
        return invalid(
          [
            {
              location: "sharedCode",
              message: `共通指標 ${sharedCode} には指標 ${taken.code} がすでに関連付けられています。先にその指標の関連付けを外してください`,
            },
          ],
          `共通指標 ${sharedCode} には、この団体の別の指標がすでに関連付けられています`,
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
    return saved({ indicator: indicator.name, sharedCode, before });
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** The same from the command line (the machine's operator: any link, no form to compare). */
export async function linkIndicator(
  db: Db,
  mc: string,
  indicatorCode: string,
  sharedCode: string | null,
  actor: Actor,
): Promise<LinkResult> {
  const outcome = await linkSharedIndicator(
    { db, municipality: mc, who: { role: "admin" }, actor },
    { indicatorCode, sharedCode },
  );
  switch (outcome.status) {
    case "saved":
      return outcome.value;
    case "unchanged":
      return outcome.value!;
    case "invalid":
      throw new AppError("bad_request", outcome.message, outcome.details);
    default:
      throw new AppError(
        outcome.status === "forbidden" ? "forbidden" : "conflict",
        outcome.message,
      );
  }
}
