/** GET /api/v1/municipalities[/{code}] */
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
import { municipalityOf } from "../core/http/tenant.ts";
import { BODY_KIND_LABELS } from "./body-kind.ts";
import { listMunicipalities, listSections, type Municipality } from "./queries.ts";

export const MunicipalityJson = z
  .object({
    code: z.string().openapi({ example: "082058" }),
    name: z.string().openapi({ example: "石岡市" }),
    prefecture: z.string(),
    bodyKind: z.enum(["prefecture", "designated_city", "city", "town", "village", "special_ward"]),
    bodyKindLabel: z.string().openapi({ example: "市" }),
  })
  .openapi("Municipality");

const MunicipalityDetail = MunicipalityJson.extend({
  sections: z.array(
    z.object({ code: z.string(), name: z.string(), kind: z.enum(["section", "group"]) }),
  ),
}).openapi("MunicipalityDetail");

const municipalityJson = (m: Municipality) => ({
  code: m.code,
  name: m.name,
  prefecture: m.prefecture,
  bodyKind: m.bodyKind as z.infer<typeof MunicipalityJson>["bodyKind"],
  bodyKindLabel: BODY_KIND_LABELS[m.bodyKind as keyof typeof BODY_KIND_LABELS] ?? m.bodyKind,
});

export function municipalitiesApi(db: Db) {
  const api = createApi();
  api.openapi(
    createRoute({
      method: "get",
      path: "/municipalities",
      summary: "団体の一覧",
      request: { query: ListQuery },
      responses: {
        200: {
          description: "Municipalities",
          content: { "application/json": { schema: listOf(MunicipalityJson, "MunicipalityList") } },
        },
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(page(await listMunicipalities(db), c.req.valid("query"), municipalityJson), 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/municipalities/{code}",
      summary: "団体（担当課の一覧つき）",
      request: { params: MunicipalityParam },
      responses: {
        200: {
          description: "Municipality",
          content: { "application/json": { schema: MunicipalityDetail } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const m = municipalityOf(c);
      const sections = (await listSections(db, code)).map(({ code, name, kind }) => ({
        code,
        name,
        kind,
      }));
      return c.json({ ...municipalityJson(m), sections }, 200);
    },
  );
  return api;
}
