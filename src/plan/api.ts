/** GET /api/v1/municipalities/{code}/plans and /initiatives */
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
import { planLevels } from "./levels.ts";
import { indexNodes, loadPlans, type PlanNode, type PlanTree } from "./queries.ts";

const Section = z.object({ code: z.string(), name: z.string() });

const Level = z
  .object({
    key: z.string().openapi({
      description: "階層のキー: policy, measure, initiative、その下は計画が付けたキー",
    }),
    label: z
      .string()
      .openapi({ description: "計画での階層の名前（例: 政策・基本施策・分野・施策）" }),
  })
  .openapi("PlanLevel");

const Block = z
  .object({
    kind: z.enum(["heading", "paragraphs", "list", "related_plans", "table"]),
    role: z.string(),
    title: z.string().nullable(),
    note: z.string().nullable(),
    content: z
      .record(z.string(), z.unknown())
      .openapi({ description: "{level} | {paragraphs} | {items} | {plans} | {columns, rows}" }),
  })
  .openapi("Block");

interface NodeJsonT {
  code: string;
  kind: string;
  level: { key: string; label: string };
  number: number | null;
  title: string;
  summary: string | null;
  description: string | null;
  priority: boolean;
  challenge: boolean;
  note: string | null;
  sections: { code: string; name: string }[];
  blocks: z.infer<typeof Block>[];
  children: NodeJsonT[];
}

const NodeJson: z.ZodType<NodeJsonT> = z
  .object({
    code: z.string(),
    kind: z.enum(["policy", "measure", "initiative", "program", "detail"]).openapi({
      description: "detail: 具体的な取組（第3階層）より下の階層の項目",
    }),
    level: Level.openapi({ description: "この項目の階層（計画での名前）" }),
    number: z.number().int().nullable(),
    title: z.string(),
    summary: z.string().nullable(),
    description: z.string().nullable(),
    priority: z.boolean(),
    challenge: z.boolean(),
    note: z.string().nullable(),
    sections: z.array(Section),
    blocks: z.array(Block),
    get children() {
      return z.array(NodeJson);
    },
  })
  .openapi("PlanNode");

const PlanJson = z
  .object({
    code: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    kind: z.string(),
    period: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
    source: z.string().nullable(),
    note: z.string().nullable(),
    levels: z.array(Level).openapi({
      description:
        "計画の階層の名前（上から）。key は policy・measure・initiative（第4階層より下は計画ファイルの key）、label は計画での名前（例: 分野・施策・主要施策）。計画が名付けていなければ 政策・基本施策・具体的な取組",
    }),
    root: NodeJson.nullable(),
  })
  .openapi("Plan");

export const InitiativeJson = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string(),
    challenge: z.boolean(),
    measureCode: z.string(),
    planCode: z.string(),
    sections: z.array(Section),
    note: z.string().nullable(),
  })
  .openapi("Initiative");

function nodeJson(n: PlanNode): NodeJsonT {
  return {
    code: n.code,
    kind: n.kind,
    level: { key: n.level.key, label: n.level.label },
    number: n.number,
    title: n.title,
    summary: n.summary,
    description: n.description,
    priority: n.priority,
    challenge: n.challenge,
    note: n.note,
    sections: n.sections.map(({ code, name }) => ({ code, name })),
    blocks: n.blocks.map((b) => ({
      kind: b.kind,
      role: b.role,
      title: b.title,
      note: b.note,
      content: b.content as Record<string, unknown>,
    })),
    children: n.children.map(nodeJson),
  };
}

const planJson = (p: PlanTree) => ({
  code: p.code,
  title: p.title,
  subtitle: p.subtitle,
  kind: p.kind,
  period: { from: p.periodFrom, to: p.periodTo },
  source: p.source,
  note: p.note,
  levels: planLevels(p),
  root: p.root ? nodeJson(p.root) : null,
});

export function planApi(db: Db) {
  const api = createApi();
  api.openapi(
    createRoute({
      method: "get",
      path: "/municipalities/{code}/plans",
      summary: "計画の一覧（計画が名付けた階層（例: 政策・基本施策・具体的な取組）の木構造つき）",
      request: { params: MunicipalityParam, query: ListQuery },
      responses: {
        200: {
          description: "Plans",
          content: { "application/json": { schema: listOf(PlanJson, "PlanList") } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      return c.json(page(await loadPlans(db, code), c.req.valid("query"), planJson), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/municipalities/{code}/initiatives",
      summary: "具体的な取組の一覧",
      request: { params: MunicipalityParam, query: ListQuery },
      responses: {
        200: {
          description: "Initiatives",
          content: { "application/json": { schema: listOf(InitiativeJson, "InitiativeList") } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { code } = c.req.valid("param");
      const { byId } = indexNodes(await loadPlans(db, code));
      const initiatives = [...byId.values()]
        .filter((x) => x.node.kind === "initiative")
        .map(({ node, plan, measure }) => ({
          code: node.code,
          name: node.title,
          description: node.description ?? "",
          challenge: node.challenge,
          measureCode: measure?.code ?? "",
          planCode: plan.code,
          sections: node.sections.map(({ code, name }) => ({ code, name })),
          note: node.note,
        }));
      return c.json(
        page(initiatives, c.req.valid("query"), (x) => x),
        200,
      );
    },
  );
  return api;
}
