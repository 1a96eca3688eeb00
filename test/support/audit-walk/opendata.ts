/** The audit walk's scenarios of the open data catalogue (src/opendata/index.ts `actions`). */
import { eq } from "drizzle-orm";
import { fiscalYearOf } from "../../../src/core/fiscal-year.ts";
import { indicators } from "../../../src/indicators/schema.ts";
import { actions } from "../../../src/opendata/index.ts";
import { isOpenDataTypesIndicator } from "../../../src/opendata/indicator.ts";
import type { RecordRef, Scenarios, WalkEnv } from "../audit-walk.ts";
import { csvOf, DATASET_FORM, toiletRow } from "../opendata.ts";

let n = 0;
const form = () => ({ ...DATASET_FORM, slug: `walk-${++n}`, themes: ["REGI"] });
const file = () => ({
  resource: "",
  title: "公衆トイレ一覧",
  fileName: "toilets.csv",
  bytes: new TextEncoder().encode(csvOf([toiletRow("1")])),
  format: "auto" as const,
});

/** A new draft dataset (its own audit entry is written before the walk counts). */
async function draft(env: WalkEnv, withFile = false) {
  const o = await actions.createDataset(env.as.editor, form());
  if (o.status !== "saved") throw new Error(`dataset not created: ${o.status}`);
  if (withFile) {
    const u = await actions.uploadResource(env.as.editor, { ...file(), dataset: o.value });
    if (u.status !== "saved") throw new Error(`file not uploaded: ${u.status}`);
  }
  return o.value;
}

/** The codes of the registry's 「オープンデータの種類」 (the catalogue counts it), by its rule. */
async function openDataTypesCodes(env: WalkEnv) {
  const rows = await env.db
    .select({ code: indicators.code, name: indicators.name })
    .from(indicators)
    .where(eq(indicators.municipalityCode, env.mc));
  const codes = rows.filter(isOpenDataTypesIndicator).map((r) => r.code);
  if (codes.length === 0) throw new Error("the demo has no 「オープンデータの種類」 indicator");
  return codes;
}

export const scenarios: Scenarios = {
  createDataset: {
    run: async (env) => {
      const outcome = await actions.createDataset(env.as.editor, form());
      return {
        outcome,
        changed: outcome.status === "saved" ? [["opendata_dataset", outcome.value]] : [],
      };
    },
  },
  updateDataset: {
    prepare: (env) => draft(env),
    run: async (env, slug) => ({
      outcome: await actions.updateDataset(env.as.editor, {
        slug: slug as string,
        version: 1,
        submission: { ...form(), description: "説明を変えました。" },
      }),
      changed: [["opendata_dataset", slug as string]],
    }),
  },
  uploadResource: {
    prepare: (env) => draft(env),
    run: async (env, slug) => {
      const outcome = await actions.uploadResource(env.as.editor, {
        ...file(),
        dataset: slug as string,
      });
      return {
        outcome,
        changed: [["opendata_resource_version", `${slug}/public-toilets/1`]],
      };
    },
  },
  publishDataset: {
    prepare: async (env) => ({
      slug: await draft(env, true),
      codes: await openDataTypesCodes(env),
    }),
    run: async (env, prepared) => {
      const { slug, codes } = prepared as { slug: string; codes: string[] };
      return {
        outcome: await actions.publishDataset(env.as.planner, { slug, version: 2 }),
        // The first 公衆トイレ一覧 that is not サンプル changes the list that 「オープンデータの種類」
        // shows this year, so its running value is written again.
        changed: [
          ["opendata_dataset", slug],
          ...codes.map(
            (code): RecordRef => ["indicator_actual", `${code}/${fiscalYearOf(new Date())}`],
          ),
        ],
      };
    },
  },
  withdrawDataset: {
    prepare: async (env) => {
      const slug = await draft(env, true);
      const o = await actions.publishDataset(env.as.planner, { slug, version: 2 });
      if (o.status !== "saved") throw new Error(`not published: ${o.status}`);
      return slug;
    },
    run: async (env, slug) => ({
      outcome: await actions.withdrawDataset(env.as.planner, { slug: slug as string, version: 3 }),
      changed: [["opendata_dataset", slug as string]],
    }),
  },
};
