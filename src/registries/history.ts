/**
 * A record's history as the public reads it: when it was added, edited or retired and which
 * fields changed from what to what — read from the audit trail's before/after (who did it stays
 * in the staff audit log). Pure.
 */
import { compareFields, type FieldChange, type FieldSpec } from "../core/field-changes.ts";
import type { RegistryDef } from "./definitions.ts";
import { showField } from "./fields.ts";
import type { FieldValue } from "./formulas.ts";

/** What the audit trail keeps of a record (store.ts `shown`). */
export interface RecordSnapshot {
  name: string;
  fields: Record<string, FieldValue>;
  sample: boolean;
  retiredOn: string | null;
  retiredReason: string | null;
}

export interface HistoryEntry {
  at: Date;
  action: string;
  before: unknown;
  after: unknown;
}

export interface RecordChange {
  at: Date;
  /** 「登録」「変更」「廃止・終了」. */
  what: string;
  changes: FieldChange[];
}

const WHAT: Record<string, string> = {
  "registry.add": "登録",
  "registry.edit": "変更",
  "registry.retire": "廃止・終了",
};

const EMPTY: RecordSnapshot = {
  name: "",
  fields: {},
  sample: false,
  retiredOn: null,
  retiredReason: null,
};

function snapshot(value: unknown): RecordSnapshot {
  if (!value || typeof value !== "object") return EMPTY;
  const v = value as Partial<RecordSnapshot>;
  return {
    name: v.name ?? "",
    fields: v.fields ?? {},
    sample: v.sample ?? false,
    retiredOn: v.retiredOn ?? null,
    retiredReason: v.retiredReason ?? null,
  };
}

/** The fields of a registry as the history compares them: name, each field, the state. */
export function historySpecs(def: RegistryDef): FieldSpec<RecordSnapshot>[] {
  return [
    [def.nameLabel, (r) => r.name || "—"],
    ...def.fields.map(
      (f): FieldSpec<RecordSnapshot> => [
        f.label,
        (r) => showField(r.fields[f.name] ?? null, f.unit),
      ],
    ),
    [
      "状態",
      (r) =>
        r.retiredOn
          ? `廃止・終了（${r.retiredOn}）${r.retiredReason ? `：${r.retiredReason}` : ""}`
          : "有効・使用中",
    ],
  ];
}

/** Newest first; an addition lists the fields it was added with (from nothing). */
export function recordHistory(def: RegistryDef, entries: readonly HistoryEntry[]): RecordChange[] {
  const specs = historySpecs(def);
  return [...entries]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .flatMap((e) => {
      const what = WHAT[e.action];
      if (!what) return [];
      const before = e.action === "registry.add" ? EMPTY : snapshot(e.before);
      const changes = compareFields(specs, before, snapshot(e.after)).filter(
        (c) => !(e.action === "registry.add" && c.after === "—"),
      );
      return [{ at: e.at, what, changes }];
    });
}
