/**
 * Public pages of the plans: a plan with its policy and measures, a page per measure, and a page
 * per node below a measure (an initiative or a deeper level) that holds indicators or nodes.
 */
import { Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { indicatorsByNode, loadPublicRegistry } from "../indicators/index.ts";
import type { NodeContext } from "./queries.ts";
import { MeasurePage, measureTitle, nodeHref, nodeTitle } from "./views/measure-page.tsx";
import { NodePage } from "./views/node-page.tsx";
import { PlanPage } from "./views/plan-page.tsx";

export function planRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/plans/:planCode", async (c) => {
    const m = municipalityOf(c);
    const { trees, located } = await loadPublicRegistry(db, m.code);
    const plan = trees.find((t) => t.code === c.req.param("planCode"));
    if (!plan) throw notFound(`計画 ${c.req.param("planCode")}`);
    const at = indicatorsByNode(located);
    return c.html(
      <Layout
        title={plan.title}
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: plan.title }]}
      >
        <PlanPage code={m.code} plan={plan} indicatorsAt={(n) => at(n.id)} />
      </Layout>,
    );
  });

  app.get("/:code/measures/:nodeCode", async (c) => {
    const m = municipalityOf(c);
    const { index, located } = await loadPublicRegistry(db, m.code);
    const ctx = index.byCode.get(c.req.param("nodeCode"));
    if (ctx?.node.kind !== "measure")
      throw notFound(`${ctx?.node.level.label ?? "基本施策"} ${c.req.param("nodeCode")}`);
    const crumbs = [
      { href: `/${m.code}/`, label: m.name },
      { href: `/${m.code}/plans/${ctx.plan.code}`, label: ctx.plan.title },
      { label: measureTitle(ctx.node) },
    ];
    return c.html(
      <Layout
        title={measureTitle(ctx.node)}
        municipality={m}
        crumbs={crumbs}
        description={ctx.node.summary ?? undefined}
      >
        <MeasurePage
          code={m.code}
          plan={ctx.plan}
          measure={ctx.node}
          indicators={indicatorsByNode(located)(ctx.node.id)}
          indicatorsAt={indicatorsByNode(located)}
          challenges={[...index.byId.values()].some(
            (x) => x.plan.id === ctx.plan.id && x.node.challenge,
          )}
        />
      </Layout>,
    );
  });

  app.get("/:code/nodes/:nodeCode", async (c) => {
    const m = municipalityOf(c);
    const { index, located } = await loadPublicRegistry(db, m.code);
    const ctx = index.byCode.get(c.req.param("nodeCode"));
    if (!ctx || ctx.node.kind === "policy" || ctx.node.kind === "measure" || !ctx.measure)
      throw notFound(`計画の項目 ${c.req.param("nodeCode")}`);
    // The way down from the plan: its measure, then every level between it and the node.
    const above: NodeContext[] = [];
    for (
      let at = index.byId.get(ctx.node.parentId ?? -1);
      at && at.node.kind !== "policy";
      at = index.byId.get(at.node.parentId ?? -1)
    )
      above.unshift(at);
    const crumbs = [
      { href: `/${m.code}/`, label: m.name },
      { href: `/${m.code}/plans/${ctx.plan.code}`, label: ctx.plan.title },
      ...above.map((a) => ({
        href: nodeHref(m.code, a.plan.code, a.node),
        label: nodeTitle(a.node),
      })),
      { label: nodeTitle(ctx.node) },
    ];
    return c.html(
      <Layout
        title={nodeTitle(ctx.node)}
        municipality={m}
        crumbs={crumbs}
        description={ctx.node.summary ?? undefined}
      >
        <NodePage
          code={m.code}
          plan={ctx.plan}
          node={ctx.node}
          indicatorsAt={indicatorsByNode(located)}
        />
      </Layout>,
    );
  });
  return app;
}
