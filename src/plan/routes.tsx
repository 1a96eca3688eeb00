/** Public pages of the plans: a plan with its policy and measures, and a page per measure. */
import { Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { indicatorsByNode, loadRegistry } from "../indicators/index.ts";
import { MeasurePage, measureTitle } from "./views/measure-page.tsx";
import { PlanPage } from "./views/plan-page.tsx";

export function planRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/plans/:planCode", async (c) => {
    const m = municipalityOf(c);
    const { trees, located } = await loadRegistry(db, m.code);
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
    const { index, located } = await loadRegistry(db, m.code);
    const ctx = index.byCode.get(c.req.param("nodeCode"));
    if (ctx?.node.kind !== "measure") throw notFound(`基本施策 ${c.req.param("nodeCode")}`);
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
        />
      </Layout>,
    );
  });
  return app;
}
