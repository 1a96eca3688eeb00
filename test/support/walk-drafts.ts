/**
 * For the audit walk's scenarios (test/support/audit-walk/): edit forms of a plan node and of an
 * indicator definition as a planner would post them, built from the record's current fields.
 */
import { withTenant } from "../../src/core/db/tenant.ts";
import type { FormBody } from "../../src/core/forms.ts";
import { type DraftableRecord, loadForEdit } from "../../src/core/record-drafts.ts";
import {
  type DefinitionFields,
  formatInterim,
  indicatorDefinitionRecord,
} from "../../src/indicators/index.ts";
import { planNodeRecord } from "../../src/plan/index.ts";
import type { NodeFields } from "../../src/plan/node-edit.ts";
import type { WalkEnv } from "./audit-walk.ts";

const text = (v: string | number | null | undefined) =>
  v === null || v === undefined ? "" : String(v);

export function nodeForm(f: NodeFields): FormBody {
  return {
    title: f.title,
    summary: text(f.summary),
    description: text(f.description),
    note: text(f.note),
    ...(f.priority ? { priority: "on" } : {}),
    ...(f.challenge ? { challenge: "on" } : {}),
    sections: f.sections,
    ...Object.fromEntries(f.texts.map((t) => [`text-${t.position}`, t.lines.join("\n")])),
  };
}

export function definitionForm(f: DefinitionFields): FormBody {
  return {
    name: f.name,
    definition: text(f.definition),
    unit: f.unit,
    decimals: text(f.decimals),
    ...(f.challenge ? { challenge: "on" } : {}),
    valueKind: f.valueKind,
    yearKind: f.yearKind,
    targetInterim: formatInterim(f.target.interim),
    sourceDocument: text(f.source?.document ?? null),
    sourcePage: text(f.source?.page ?? null),
    sourceUrl: text(f.source?.url ?? null),
    baselineText: f.baseline.text,
    baselineValue: text(f.baseline.value),
    baselineFiscalYear: text(f.baseline.fiscalYear),
    baselineNote: text(f.baseline.note),
    targetForm: f.target.form,
    targetText: f.target.text,
    targetValue: text(f.target.value),
    targetFiscalYear: text(f.target.fiscalYear),
    targetNote: text(f.target.note),
    sections: f.sections,
    note: text(f.note),
  };
}

/** The record's fields as its edit page shows them, and the versions the page carries. */
async function opened<F>(env: WalkEnv, kind: DraftableRecord<F>, key: string) {
  const { published, draft } = await withTenant(env.db, env.mc, (tx) =>
    loadForEdit(tx, env.mc, kind, key),
  );
  return {
    fields: draft?.fields ?? published.fields,
    expected: { publishedVersion: published.version, draftVersion: draft?.version ?? 0 },
  };
}

export const openNode = (env: WalkEnv, code: string) => opened(env, planNodeRecord(), code);
export const openDefinition = (env: WalkEnv, code: string) =>
  opened(env, indicatorDefinitionRecord(), code);
