/**
 * `shisaku finance import <file>`: loads a finance file in one transaction, and fills the actuals
 * of the indicators that show the ratios (origin "reported"), so they are never typed twice.
 */

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import YAML from "yaml";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { issuesToDetails } from "../core/validation.ts";
import { indicatorActuals, indicators } from "../indicators/schema.ts";
import { municipalities } from "../municipalities/schema.ts";
import { nodeBlocks, planNodes } from "../plan/schema.ts";
import { FinanceFile, RATIO_KINDS } from "./finance-file.ts";
import { financeSettings, soundnessRatios } from "./schema.ts";

export async function readFinanceFile(file: string): Promise<FinanceFile> {
  let raw: unknown;
  try {
    raw = YAML.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new AppError("invalid_file", `財政ファイルを読めません: ${file}`, [
      { location: file, message: (e as Error).message.split("\n")[0]! },
    ]);
  }
  const result = FinanceFile.safeParse(raw);
  if (!result.success) {
    throw new AppError(
      "invalid_file",
      "財政ファイルに誤りがあります",
      issuesToDetails(result.error, file),
    );
  }
  return result.data;
}

export async function importFinance(db: Db, file: string, actor: Actor = SYSTEM_ACTOR) {
  const data = await readFinanceFile(file);
  const mc = data.municipality;
  const counts = await withTenant(db, mc, async (tx) => {
    const [exists] = await tx
      .select({ code: municipalities.code })
      .from(municipalities)
      .where(eq(municipalities.code, mc));
    if (!exists)
      throw new AppError("invalid_file", `団体コード ${mc} の団体が登録されていません`, [
        { location: `${file}: municipality`, message: "先に計画ファイルを読み込んでください" },
      ]);

    const codes = Object.values(data.indicators);
    const found = await tx
      .select({ id: indicators.id, code: indicators.code })
      .from(indicators)
      .where(
        and(
          eq(indicators.municipalityCode, mc),
          inArray(indicators.code, codes.length ? codes : [""]),
        ),
      );
    const idOf = new Map(found.map((r) => [r.code, r.id]));
    const missing: ErrorDetail[] = Object.entries(data.indicators)
      .filter(([, code]) => !idOf.has(code))
      .map(([kind, code]) => ({
        location: `${file}: indicators.${kind}`,
        message: `指標 ${code} は登録されていません`,
      }));
    // Explanations name a text block of a plan node by its title: both must exist.
    for (const [i, ref] of data.explanations.entries()) {
      const [block] = await tx
        .select({ id: nodeBlocks.id })
        .from(nodeBlocks)
        .innerJoin(planNodes, eq(planNodes.id, nodeBlocks.nodeId))
        .where(
          and(
            eq(planNodes.municipalityCode, mc),
            eq(planNodes.code, ref.node),
            eq(nodeBlocks.title, ref.title),
          ),
        );
      if (!block)
        missing.push({
          location: `${file}: explanations[${i}]`,
          message: `計画のノード ${ref.node} に見出し「${ref.title}」の文章はありません`,
        });
    }
    if (missing.length) throw new AppError("invalid_file", "財政ファイルに誤りがあります", missing);

    const settings = {
      surplusDisplay: data.surplusDisplay,
      ratioIndicators: data.indicators as Record<string, string>,
      overview: data.overview,
      explanations: data.explanations,
    };
    await tx
      .insert(financeSettings)
      .values({ municipalityCode: mc, ...settings })
      .onConflictDoUpdate({ target: financeSettings.municipalityCode, set: settings });

    let ratios = 0;
    let actuals = 0;
    for (const year of data.soundness) {
      for (const kind of RATIO_KINDS) {
        if (!(kind in year.reported)) continue;
        const value = year.reported[kind] ?? null;
        const row = {
          origin: "reported" as const,
          value,
          source: year.source,
          note: year.note ?? null,
        };
        await tx
          .insert(soundnessRatios)
          .values({ municipalityCode: mc, fiscalYear: year.fiscalYear, kind, ...row })
          .onConflictDoUpdate({
            target: [
              soundnessRatios.municipalityCode,
              soundnessRatios.fiscalYear,
              soundnessRatios.kind,
            ],
            set: row,
            // A ratio computed from its components is not replaced by the published one.
            setWhere: eq(soundnessRatios.origin, "reported"),
          });
        ratios++;
        const indicatorCode = data.indicators[kind];
        if (!indicatorCode) continue;
        const actual = {
          value,
          origin: "reported" as const,
          source: `財政健全化判断比率（公表値）: ${year.source}`,
          note: value === null ? "「−」と公表" : null,
        };
        await tx
          .insert(indicatorActuals)
          .values({
            municipalityCode: mc,
            indicatorId: idOf.get(indicatorCode)!,
            fiscalYear: year.fiscalYear,
            ...actual,
          })
          .onConflictDoUpdate({
            target: [
              indicatorActuals.indicatorId,
              indicatorActuals.fiscalYear,
              indicatorActuals.municipalityCode,
            ],
            set: {
              value: sql`excluded.value`,
              origin: sql`excluded.origin`,
              source: sql`excluded.source`,
              note: sql`excluded.note`,
              version: sql`${indicatorActuals.version} + 1`,
            },
            setWhere: sql`${indicatorActuals.origin} <> 'computed'`,
          });
        actuals++;
      }
    }
    await audit(tx, actor, {
      municipality: mc,
      action: "finance.import",
      recordType: "finance_file",
      recordKey: file,
      after: {
        sha256: createHash("sha256").update(JSON.stringify(data)).digest("hex"),
        ratios,
        actuals,
      },
    });
    await announceChange(tx, mc);
    return { ratios, actuals };
  });
  changed(db, [mc]);
  return { municipality: mc, ...counts };
}
