/**
 * Indicator definitions as draftable records: reading the editable fields with their version,
 * and writing them when a planner publishes (see core/record-drafts for the shared mechanics).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import type { DraftableRecord } from "../core/record-drafts.ts";
import { sectionIdsByCode } from "../municipalities/index.ts";
import { sections } from "../municipalities/schema.ts";
import type { TargetForm } from "../plan/index.ts";
import { type DefinitionFields, definitionChanges } from "./definition.ts";
import { indicatorSections, indicators } from "./schema.ts";

async function loadDefinition(tx: Tx, mc: string, code: string, forUpdate: boolean) {
  const query = tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, code)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) return undefined;
  const owners = await tx
    .select({ code: sections.code })
    .from(indicatorSections)
    .innerJoin(sections, eq(sections.id, indicatorSections.sectionId))
    .where(
      and(eq(indicatorSections.municipalityCode, mc), eq(indicatorSections.indicatorId, row.id)),
    )
    .orderBy(asc(indicatorSections.position));
  return { id: row.id, fields: definitionFieldsOf(row, owners), version: row.version };
}

/** The editable fields of an indicator row and the codes of the sections that report it. */
export function definitionFieldsOf(
  row: typeof indicators.$inferSelect,
  owners: readonly { code: string }[],
): DefinitionFields {
  return {
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    decimals: row.decimals,
    challenge: row.challenge,
    valueKind: row.valueKind,
    yearKind: row.yearKind,
    source: row.source,
    baseline: {
      value: row.baselineValue,
      fiscalYear: row.baselineFiscalYear,
      text: row.baselineText,
      note: row.baselineNote,
    },
    target: {
      form: row.targetForm as TargetForm,
      value: row.targetValue,
      fiscalYear: row.targetFiscalYear,
      text: row.targetText,
      note: row.targetNote,
      interim: row.targetInterim,
    },
    note: row.note,
    sections: owners.map((o) => o.code),
  };
}

async function applyDefinition(tx: Tx, mc: string, code: string, f: DefinitionFields) {
  const [row] = await tx
    .update(indicators)
    .set({
      name: f.name,
      definition: f.definition,
      unit: f.unit,
      decimals: f.decimals,
      challenge: f.challenge,
      // Drafts saved before these fields existed carry none of them.
      valueKind: f.valueKind ?? "annual",
      yearKind: f.yearKind ?? "fiscal",
      source: f.source ?? null,
      targetInterim: f.target.interim ?? [],
      baselineValue: f.baseline.value,
      baselineFiscalYear: f.baseline.fiscalYear,
      baselineText: f.baseline.text,
      baselineNote: f.baseline.note,
      targetForm: f.target.form,
      targetValue: f.target.value,
      targetFiscalYear: f.target.fiscalYear,
      targetText: f.target.text,
      targetNote: f.target.note,
      note: f.note,
      version: sql`${indicators.version} + 1`,
    })
    .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, code)))
    .returning({ id: indicators.id });
  const indicatorId = row!.id;
  await tx
    .delete(indicatorSections)
    .where(
      and(
        eq(indicatorSections.municipalityCode, mc),
        eq(indicatorSections.indicatorId, indicatorId),
      ),
    );
  if (f.sections.length) {
    const idOf = await sectionIdsByCode(tx, mc, f.sections);
    await tx.insert(indicatorSections).values(
      f.sections.map((s, position) => ({
        municipalityCode: mc,
        indicatorId,
        sectionId: idOf.get(s)!,
        position,
      })),
    );
  }
}

/**
 * Indicator definitions for the draft mechanics; `sectionNames` shows sections by name, and
 * `challenge` names the チャレンジ flag as the municipality's plans word it (challengeWording).
 */
export function indicatorDefinitionRecord(
  sectionNames: ReadonlyMap<string, string> = new Map(),
  challenge?: string,
): DraftableRecord<DefinitionFields> {
  return {
    type: "indicator",
    label: "指標の定義",
    load: (tx, mc, code, forUpdate) => loadDefinition(tx, mc, code, forUpdate),
    apply: applyDefinition,
    changes: (before, after) => definitionChanges(before, after, sectionNames, challenge),
    editPath: (mc, code) => `/${mc}/manage/indicators/${encodeURIComponent(code)}/definition`,
  };
}
