/** Writes indicators from plan files: upsert by code, appearances, sections, actuals. */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import type { IndicatorFile } from "../plan/index.ts";
import { indicatorActuals, indicatorAppearances, indicatorSections, indicators } from "./schema.ts";

export interface IndicatorPlacement {
  municipalityCode: string;
  nodeId: number;
  position: number;
  sectionIds: Map<string, number>;
}

/** Returns whether the indicator was created (true) or updated (false). */
export async function saveIndicator(tx: Tx, file: IndicatorFile, at: IndicatorPlacement) {
  const mc = at.municipalityCode;
  const values = {
    kind: file.kind,
    name: file.name,
    definition: file.definition ?? null,
    unit: file.unit,
    decimals: file.decimals ?? null,
    challenge: file.challenge,
    valueKind: file.valueKind,
    yearKind: file.yearKind,
    source: file.source ?? null,
    baselineValue: file.baseline.value,
    baselineFiscalYear: file.baseline.fiscalYear,
    baselineText: file.baseline.text,
    baselineNote: file.baseline.note ?? null,
    targetForm: file.target.form,
    targetValue: file.target.value,
    targetFiscalYear: file.target.fiscalYear,
    targetText: file.target.text,
    targetNote: file.target.note ?? null,
    targetInterim: file.target.interim.map((p) => ({
      fiscalYear: p.fiscalYear,
      value: p.value,
      text: p.text,
      ...(p.note ? { note: p.note } : {}),
    })),
    note: file.note ?? null,
  };
  // A reposted indicator (再掲) belongs to another node: keep its home unless it has none.
  const home = file.reposted
    ? sql`coalesce(${indicators.nodeId}, ${at.nodeId})`
    : sql`${at.nodeId}`;
  const [row] = await tx
    .insert(indicators)
    .values({ municipalityCode: mc, code: file.code, nodeId: at.nodeId, ...values })
    .onConflictDoUpdate({
      target: [indicators.municipalityCode, indicators.code],
      set: { ...values, nodeId: home, version: sql`${indicators.version} + 1` },
    })
    .returning({ id: indicators.id, created: sql<boolean>`(xmax = 0)` });
  const id = row!.id;

  await tx
    .insert(indicatorAppearances)
    .values({
      municipalityCode: mc,
      indicatorId: id,
      nodeId: at.nodeId,
      position: at.position,
      reposted: file.reposted,
    })
    .onConflictDoUpdate({
      target: [
        indicatorAppearances.indicatorId,
        indicatorAppearances.nodeId,
        indicatorAppearances.municipalityCode,
      ],
      set: { position: at.position, reposted: file.reposted },
    });

  await tx
    .delete(indicatorSections)
    .where(and(eq(indicatorSections.indicatorId, id), eq(indicatorSections.municipalityCode, mc)));
  if (file.sections.length > 0) {
    await tx.insert(indicatorSections).values(
      file.sections.map((code, position) => ({
        municipalityCode: mc,
        indicatorId: id,
        sectionId: at.sectionIds.get(code)!,
        position,
      })),
    );
  }

  // Actuals are upserted by fiscal year; an actual missing from the file is never deleted.
  if (file.actuals.length > 0) {
    await tx
      .insert(indicatorActuals)
      .values(
        file.actuals.map((a) => ({
          municipalityCode: mc,
          indicatorId: id,
          fiscalYear: a.fiscalYear,
          value: a.value,
          text: a.text ?? null,
          done: a.done ?? null,
          asOf: a.asOf ?? null,
          estimate: a.estimate,
          note: a.note ?? null,
          source: a.source ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [
          indicatorActuals.indicatorId,
          indicatorActuals.fiscalYear,
          indicatorActuals.municipalityCode,
        ],
        set: {
          value: sql`excluded.value`,
          text: sql`excluded.text`,
          done: sql`excluded.done`,
          asOf: sql`excluded.as_of`,
          estimate: sql`excluded.estimate`,
          note: sql`excluded.note`,
          source: sql`excluded.source`,
          // An edit form opened before this import must not overwrite it silently.
          version: sql`${indicatorActuals.version} + 1`,
        },
      });
  }
  return row!.created;
}
