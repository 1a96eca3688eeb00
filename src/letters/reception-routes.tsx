/** The admin's page of the letters' reception (/{code}/manage/letters/reception) and its forms. */
import { type Context, Hono } from "hono";
import { permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { permissions } from "./permissions.ts";
import { loadReception, setLetterForm, setReceiver } from "./reception.ts";
import { ReceptionPage } from "./views/reception-page.tsx";

export function receptionRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const admin = permit(permissions.reception);
  const base = (code: string) => `/${code}/manage/letters/reception`;

  const page = async (
    c: Context<StaffEnv>,
    errors?: { message: string; details: ErrorDetail[] },
  ) => {
    const m = municipalityOf(c);
    const { formOpen, state, members } = await loadReception(db, m.code);
    return c.html(
      <Layout
        title="市長へのたよりの受付"
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/letters`, label: "市長へのたより" },
          { label: "受付の設定" },
        ]}
      >
        <ReceptionPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          formOpen={formOpen}
          state={state}
          members={members}
          done={c.req.query("done")}
          errors={errors}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get("/:code/manage/letters/reception", admin, (c) => page(c));

  app.post("/:code/manage/letters/reception/form", admin, async (c) => {
    const m = municipalityOf(c);
    const open = formText((await c.req.parseBody()).open) === "yes";
    return answer(await setLetterForm(staffContext(db, c), { open }), {
      saved: () => c.redirect(`${base(m.code)}?done=${open ? "opened" : "closed"}`, 303),
      invalid: (o) => page(c, o),
    });
  });

  app.post("/:code/manage/letters/reception/receivers", admin, async (c) => {
    const m = municipalityOf(c);
    const body = await c.req.parseBody();
    const userId = Number(formText(body.userId));
    const receiver = formText(body.receiver) === "yes";
    if (!Number.isSafeInteger(userId))
      return page(c, {
        message: "入力内容を確認してください",
        details: [{ location: "userId", message: "職員を選んでください" }],
      });
    return answer(await setReceiver(staffContext(db, c), { userId, receiver }), {
      saved: () => c.redirect(`${base(m.code)}?done=${receiver ? "assigned" : "unassigned"}`, 303),
      invalid: (o) => page(c, o),
    });
  });

  return app;
}
