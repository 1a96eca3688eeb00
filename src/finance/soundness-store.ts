/**
 * Saving a fiscal year's soundness components: in one transaction the components row is
 * written (optimistic concurrency on `version`), the ratios they allow are computed with
 * soundness.ts and written to `soundness_ratios` with origin "computed" (a reported value is
 * replaced only by a computed one; a ratio whose components are missing keeps what it has),
 * the indicators showing the ratios get the published value as their actual, and one audit
 * entry records it all. The public pages' cache drops through announceChange.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { FormBody } from "../core/forms.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
} from "../core/outcome.ts";
import { recordComputedActuals } from "../indicators/index.ts";
import { indicators } from "../indicators/schema.ts";
import { FINANCE_REFUSAL, mayWriteFinance } from "./access.ts";
import { type ComputedOrMissing, computeRatios, SoundnessComponents } from "./components.ts";
import { type ComponentsForm, readComponentsForm } from "./components-form.ts";
import { permissions } from "./permissions.ts";
import { financeSettings, soundnessComponents, soundnessRatios } from "./schema.ts";
import { roundRatio } from "./soundness.ts";

export type ComponentsRow = typeof soundnessComponents.$inferSelect;

const INVALID = "入力に誤りがあります。保存していません";

export const SAMPLE_NOTE = "サンプル（デモ用の架空の構成要素から算定）";

export async function loadComponentsRows(db: Db, mc: string): Promise<ComponentsRow[]> {
  return withTenant(db, mc, (tx) =>
    tx
      .select()
      .from(soundnessComponents)
      .where(eq(soundnessComponents.municipalityCode, mc))
      .orderBy(asc(soundnessComponents.fiscalYear)),
  );
}

/** The stored components, read back through the zod shape (a bad row reads as empty). */
export const componentsOf = (row: ComponentsRow | undefined): SoundnessComponents => {
  const parsed = SoundnessComponents.safeParse(row?.components ?? {});
  return parsed.success ? parsed.data : {};
};

export type SavedComponents = { version: number; results: ComputedOrMissing[] };

async function currentRow(tx: Tx, mc: string, fy: number) {
  const [row] = await tx
    .select()
    .from(soundnessComponents)
    .where(
      and(eq(soundnessComponents.municipalityCode, mc), eq(soundnessComponents.fiscalYear, fy)),
    )
    .for("update");
  return row;
}

/**
 * Saves a fiscal year's components from the staff form, opened on `version` (0 for a year
 * without components yet).
 */
export async function saveComponents(
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number; version: number; form: FormBody },
): Promise<Outcome<SavedComponents, ComponentsRow | null>> {
  const read = readComponentsForm(input.form, input.fiscalYear);
  if (!read.ok) return invalid(read.details, INVALID);
  const { db, municipality: mc, actor } = ctx;
  const { fiscalYear } = input;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<SavedComponents, ComponentsRow | null>> => {
      if (!(await mayWriteFinance(tx, mc, ctx.who, permissions.saveComponents)))
        return forbidden(FINANCE_REFUSAL);
      const before = await currentRow(tx, mc, fiscalYear);
      if ((before?.version ?? 0) !== input.version) return conflict(before ?? null);
      const values = {
        components: read.value.components as Record<string, unknown>,
        sample: read.value.sample,
        source: read.value.source,
        note: read.value.note,
        updatedBy: actor.label,
        updatedAt: new Date(),
      };
      let version = 1;
      if (before) {
        version = before.version + 1;
        await tx
          .update(soundnessComponents)
          .set({ ...values, version })
          .where(eq(soundnessComponents.id, before.id));
      } else {
        await tx
          .insert(soundnessComponents)
          .values({ municipalityCode: mc, fiscalYear, ...values, version });
      }
      const results = computeRatios(read.value.components);
      const written = await writeRatios(tx, mc, actor, fiscalYear, read.value, results);
      await audit(tx, actor, {
        municipality: mc,
        action: "finance.soundness_components",
        recordType: "soundness_components",
        recordKey: String(fiscalYear),
        before: before ? { version: before.version, components: before.components } : null,
        after: {
          version,
          components: read.value.components,
          sample: read.value.sample,
          ratios: written,
        },
      });
      await announceChange(tx, mc);
      return saved({ version, results });
    },
  );
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * The computed ratios into soundness_ratios and the ratio indicators' actuals, each with its
 * audit entry.
 */
async function writeRatios(
  tx: Tx,
  mc: string,
  actor: Actor,
  fiscalYear: number,
  input: ComponentsForm,
  results: ComputedOrMissing[],
) {
  const [settings] = await tx
    .select({ ratioIndicators: financeSettings.ratioIndicators })
    .from(financeSettings)
    .where(eq(financeSettings.municipalityCode, mc));
  const note = input.sample ? SAMPLE_NOTE : input.note;
  const written: Record<string, { value: number; published: number }> = {};
  for (const r of results) {
    if (!("value" in r)) continue;
    const published = roundRatio(r.kind, r.value);
    written[r.kind] = { value: r.value, published };
    const row = { origin: "computed" as const, value: r.value, source: input.source, note };
    const [previous] = await tx
      .select({ origin: soundnessRatios.origin, value: soundnessRatios.value })
      .from(soundnessRatios)
      .where(
        and(
          eq(soundnessRatios.municipalityCode, mc),
          eq(soundnessRatios.fiscalYear, fiscalYear),
          eq(soundnessRatios.kind, r.kind),
        ),
      );
    await tx
      .insert(soundnessRatios)
      .values({ municipalityCode: mc, fiscalYear, kind: r.kind, ...row })
      .onConflictDoUpdate({
        target: [
          soundnessRatios.municipalityCode,
          soundnessRatios.fiscalYear,
          soundnessRatios.kind,
        ],
        set: row,
      });
    await audit(tx, actor, {
      municipality: mc,
      action: "finance.soundness_ratio",
      recordType: "soundness_ratio",
      recordKey: `${fiscalYear}:${r.kind}`,
      before: previous ?? null,
      after: { origin: row.origin, value: r.value, published },
    });
    const code = settings?.ratioIndicators[r.kind];
    if (!code) continue;
    const [indicator] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, code)));
    if (!indicator) continue;
    await recordComputedActuals(
      tx,
      mc,
      indicator.id,
      [
        {
          fiscalYear,
          value: published,
          source: `財政健全化判断比率（構成要素から算定）: ${input.source}`,
          recordsPath: `/${mc}/finance`,
          note: input.sample ? "サンプル" : null,
        },
      ],
      { actor },
    );
  }
  return written;
}
