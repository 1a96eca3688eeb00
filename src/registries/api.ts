/**
 * GET /api/v1/municipalities/{code}/registries — the registries with their counts;
 * GET /api/v1/municipalities/{code}/registries/{registry} — one registry's records.
 * Both `{items, total}`.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../core/db/client.ts";
import {
  createApi,
  errorResponses,
  ListQuery,
  listOf,
  MunicipalityParam,
  page,
  z,
} from "../core/http/api.ts";
import { REGISTRY_KEYS } from "./definitions.ts";
import { loadRecords, registryTotals } from "./queries.ts";
import { offeredRegistries, registryIn } from "./settings.ts";
import type { StoredRecord } from "./store.ts";

const RegistryKey = z.enum(REGISTRY_KEYS).openapi({
  param: { name: "registry", in: "path" },
  example: "joint-bodies",
});

const RegistryJson = z
  .object({
    key: z.enum(REGISTRY_KEYS),
    label: z.string(),
    description: z.string(),
    total: z.number().int(),
    inUse: z.number().int().openapi({ description: "廃止・終了していない記録の数" }),
    sample: z.boolean().openapi({ description: "説明用のサンプルの記録（実在しない）" }),
    indicator: z.object({ code: z.string(), formula: z.string() }).nullable().openapi({
      description: "この台帳から計算する指標と計算式（団体が指標と結び付けていなければ null）",
    }),
    fields: z.array(z.object({ name: z.string(), label: z.string(), kind: z.string() })),
  })
  .openapi("Registry");

const RecordJson = z
  .object({
    id: z.number().int(),
    name: z.string(),
    fields: z
      .record(z.string(), z.union([z.string(), z.number(), z.null()]))
      .openapi({ description: "台帳ごとの項目（日付は YYYY-MM-DD）" }),
    retiredOn: z.string().nullable().openapi({ description: "廃止・終了した日" }),
    retiredReason: z.string().nullable(),
    sample: z.boolean(),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("RegistryRecord");

const recordJson = (r: StoredRecord) => ({
  id: r.id,
  name: r.name,
  fields: r.fields,
  retiredOn: r.retiredOn,
  retiredReason: r.retiredReason,
  sample: r.sample,
  updatedAt: r.updatedAt.toISOString(),
});

const listRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/registries",
  summary: "台帳の一覧（団体が使っている台帳だけ）",
  request: { params: MunicipalityParam },
  responses: {
    200: {
      description: "Registries",
      content: { "application/json": { schema: listOf(RegistryJson, "RegistryList") } },
    },
    ...errorResponses,
  },
});

const recordsRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/registries/{registry}",
  summary: "台帳の記録",
  request: { params: MunicipalityParam.extend({ registry: RegistryKey }), query: ListQuery },
  responses: {
    200: {
      description: "Records of a registry",
      content: { "application/json": { schema: listOf(RecordJson, "RegistryRecordList") } },
    },
    ...errorResponses,
  },
});

export function registriesApi(db: Db) {
  const api = createApi();
  api.openapi(listRoute, async (c) => {
    const { code } = c.req.valid("param");
    const totals = await registryTotals(db, code);
    const items = (await offeredRegistries(db, code)).map((def) => {
      const t = totals.get(def.key);
      return {
        key: def.key,
        label: def.label,
        description: def.description,
        total: t?.total ?? 0,
        inUse: t?.inUse ?? 0,
        sample: t?.sample ?? false,
        indicator: def.indicator ?? null,
        fields: def.fields.map(({ name, label, kind }) => ({ name, label, kind })),
      };
    });
    return c.json({ items, total: items.length }, 200);
  });
  api.openapi(recordsRoute, async (c) => {
    const { code, registry } = c.req.valid("param");
    const def = await registryIn(db, code, registry);
    return c.json(
      page(await loadRecords(db, code, def.key), c.req.valid("query"), recordJson),
      200,
    );
  });
  return api;
}
