/** The publication page: every waiting draft with its diff; a planner publishes what they saw. */
import { type Context, Hono } from "hono";
import { may, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { type FormBody, formList } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { indicatorsByNode, loadRegistry } from "../indicators/index.ts";
import { permissions } from "./permissions.ts";
import { draftedKeys, listPending, publish } from "./publish.ts";
import { DefinitionsPage } from "./views/definitions-page.tsx";
import { PublishPage } from "./views/publish-page.tsx";

/** The picked check boxes of one kind: "id:version" → id → version. */
function pickedOf(form: FormBody, field: string) {
  const seen = new Map<number, number>();
  for (const v of formList(form[field])) {
    const [id, version] = v.split(":").map(Number);
    if (Number.isInteger(id) && Number.isInteger(version)) seen.set(id!, version!);
  }
  return seen;
}

export function publishingRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  const publishPage = async (
    c: Context<StaffEnv>,
    extra: { published?: number; errors?: { message: string; details: ErrorDetail[] } },
    status: 200 | 409 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    return c.html(
      <Layout
        title="公開前の確認"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "公開前の確認" }]}
      >
        <PublishPage
          code={m.code}
          pending={await listPending(db, m.code)}
          csrf={who.csrfToken}
          mayPublish={may(who, permissions.publish)}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/plan", permit(permissions.editPlan), async (c) => {
    const m = municipalityOf(c);
    const [{ trees, located }, drafted] = await Promise.all([
      loadRegistry(db, m.code),
      draftedKeys(db, m.code),
    ]);
    return c.html(
      <Layout
        title="計画と指標の編集"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "計画と指標の編集" }]}
      >
        <DefinitionsPage
          code={m.code}
          trees={trees}
          indicatorsAt={indicatorsByNode(located)}
          drafted={drafted}
        />
      </Layout>,
    );
  });

  app.get("/:code/manage/publish", (c) => {
    const n = Number(c.req.query("published"));
    return publishPage(c, { published: Number.isInteger(n) && n > 0 ? n : undefined });
  });

  app.post("/:code/manage/publish", async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody({ all: true });
    const picked = {
      actuals: pickedOf(form, "draft"),
      definitions: pickedOf(form, "definition"),
    };
    return answer(await publish(staffContext(db, c), picked), {
      saved: (count) => c.redirect(`/${m.code}/manage/publish?published=${count}`, 303),
      invalid: (o) => publishPage(c, { errors: { message: o.message, details: o.details } }, 400),
      conflict: (o) => publishPage(c, { errors: { message: o.message, details: o.current } }, 409),
    });
  });

  return app;
}
