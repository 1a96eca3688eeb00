/** Writes indicators from plan files: upsert by code, appearances, sections, actuals. */
import { inArray, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import type { IndicatorFile } from "../plan/index.ts";
import { indicatorActuals, indicatorAppearances, indicatorSections, indicators } from "./schema.ts";

export interface IndicatorPlacement {
  municipalityCode: string;
  nodeId: number;
  position: number;
  sectionIds: Map<string, number>;
}

/** Rows per statement: well under PostgreSQL's 65,535 parameters for every table written. */
const CHUNK = 1000;

const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) =>
    rows.slice(i * CHUNK, (i + 1) * CHUNK),
  );

function indicatorValues(file: IndicatorFile) {
  return {
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
}

/** `set` of an upsert: each of these columns from the proposed row (`excluded`). */
function fromExcluded(keys: string[]): Record<string, SQL> {
  const columns = indicators as unknown as Record<string, { name: string }>;
  return Object.fromEntries(
    keys.map((k) => [k, sql.raw(`excluded.${JSON.stringify(columns[k]!.name)}`)]),
  );
}

/**
 * Writes the indicators of plan files, each where it is printed, in a few statements per
 * thousand rows (not several per indicator). The same as saving them one after another in
 * order: an indicator printed at several nodes (再掲) is written once per place, in rounds that
 * each hold one place of every indicator, so that the last place's values win and a reposted
 * place keeps the indicator's home.
 */
export async function saveIndicators(
  tx: Tx,
  placed: { file: IndicatorFile; at: IndicatorPlacement }[],
) {
  const rounds: (typeof placed)[] = [];
  const seen = new Map<string, number>();
  for (const p of placed) {
    const key = `${p.at.municipalityCode}/${p.file.code}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === rounds.length) rounds.push([]);
    rounds[n]!.push(p);
  }
  for (const round of rounds) await saveRound(tx, round);
}

async function saveRound(tx: Tx, round: { file: IndicatorFile; at: IndicatorPlacement }[]) {
  const ids = new Map<string, number>();
  const key = (mc: string, code: string) => `${mc}/${code}`;
  const set = fromExcluded(Object.keys(indicatorValues(round[0]!.file)));
  for (const reposted of [false, true]) {
    const rows = round.filter((p) => p.file.reposted === reposted);
    for (const part of chunks(rows)) {
      const written = await tx
        .insert(indicators)
        .values(
          part.map(({ file, at }) => ({
            municipalityCode: at.municipalityCode,
            code: file.code,
            nodeId: at.nodeId,
            ...indicatorValues(file),
          })),
        )
        .onConflictDoUpdate({
          target: [indicators.municipalityCode, indicators.code],
          set: {
            ...set,
            // A reposted indicator (再掲) belongs to another node: keep its home unless it has none.
            nodeId: reposted
              ? sql`coalesce(${indicators.nodeId}, excluded.node_id)`
              : sql`excluded.node_id`,
            version: sql`${indicators.version} + 1`,
          },
        })
        .returning({ id: indicators.id, mc: indicators.municipalityCode, code: indicators.code });
      for (const w of written) ids.set(key(w.mc, w.code), w.id);
    }
  }
  const idOf = (p: { file: IndicatorFile; at: IndicatorPlacement }) =>
    ids.get(key(p.at.municipalityCode, p.file.code))!;

  for (const part of chunks(round))
    await tx
      .insert(indicatorAppearances)
      .values(
        part.map((p) => ({
          municipalityCode: p.at.municipalityCode,
          indicatorId: idOf(p),
          nodeId: p.at.nodeId,
          position: p.at.position,
          reposted: p.file.reposted,
        })),
      )
      .onConflictDoUpdate({
        target: [
          indicatorAppearances.indicatorId,
          indicatorAppearances.nodeId,
          indicatorAppearances.municipalityCode,
        ],
        set: { position: sql`excluded.position`, reposted: sql`excluded.reposted` },
      });

  for (const part of chunks(round))
    await tx.delete(indicatorSections).where(
      inArray(
        indicatorSections.indicatorId,
        part.map((p) => idOf(p)),
      ),
    );
  const sectionRows = round.flatMap((p) =>
    p.file.sections.map((code, position) => ({
      municipalityCode: p.at.municipalityCode,
      indicatorId: idOf(p),
      sectionId: p.at.sectionIds.get(code)!,
      position,
    })),
  );
  for (const part of chunks(sectionRows)) await tx.insert(indicatorSections).values(part);

  // Actuals are upserted by fiscal year; an actual missing from the file is never deleted.
  const actualRows = round.flatMap((p) =>
    p.file.actuals.map((a) => ({
      municipalityCode: p.at.municipalityCode,
      indicatorId: idOf(p),
      fiscalYear: a.fiscalYear,
      value: a.value,
      text: a.text ?? null,
      done: a.done ?? null,
      asOf: a.asOf ?? null,
      estimate: a.estimate,
      note: a.note ?? null,
      source: a.source ?? null,
    })),
  );
  for (const part of chunks(actualRows))
    await tx
      .insert(indicatorActuals)
      .values(part)
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
