/**
 * The staff page of shared indicators (/{code}/manage/shared-indicators): a planner links the
 * municipality's own indicators to the national catalogue; the indicator's page then shows the
 * peer median beside the actual.
 */
import { type Context, Hono } from "hono";
import { permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { type FormBody, formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { linkSharedIndicator } from "./link-indicator.ts";
import { permissions } from "./permissions.ts";
import { listSharedIndicators, ownIndicatorLinks } from "./queries.ts";
import { LinkPage } from "./views/link-page.tsx";

const TITLE = "共通指標との関連付け";

export function peerManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const link = permit(permissions.linkIndicator);

  const page = async (
    c: Context<StaffEnv>,
    extra: {
      search?: string;
      done?: string;
      errors?: {
        message: string;
        details: { location: string; message: string }[];
        indicator: string;
      };
    } = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const search = extra.search ?? "";
    const [all, shared] = await Promise.all([
      ownIndicatorLinks(db, m.code),
      listSharedIndicators(db),
    ]);
    const rows = search ? await ownIndicatorLinks(db, m.code, search) : all;
    return c.html(
      <Layout title={TITLE} municipality={m} crumbs={[staffHome(m.code), { label: TITLE }]}>
        <LinkPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          rows={rows}
          shared={shared}
          search={search}
          total={all.length}
          done={extra.done}
          errors={extra.errors}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/shared-indicators", link, (c) =>
    page(c, { search: c.req.query("q") ?? "", done: c.req.query("done") }),
  );

  app.post("/:code/manage/shared-indicators/:indicator", link, async (c) => {
    const m = municipalityOf(c);
    const indicatorCode = c.req.param("indicator");
    const form = (await c.req.parseBody()) as FormBody;
    if (typeof form.current !== "string")
      throw new AppError(
        "bad_request",
        "フォームの現在の関連付けが読み取れません。ページを開き直してください",
        [{ location: "current", message: "現在の共通指標がありません" }],
      );
    const sharedCode = formText(form.sharedCode).trim() || null;
    const search = formText(form.q).trim();
    const back = (done: string) =>
      `/${m.code}/manage/shared-indicators?${new URLSearchParams({
        ...(search ? { q: search } : {}),
        done,
      })}#indicator-${encodeURIComponent(indicatorCode)}`;
    const outcome = await linkSharedIndicator(staffContext(db, c), {
      indicatorCode,
      sharedCode,
      expected: form.current.trim() || null,
    });
    return answer(outcome, {
      saved: (v) => c.redirect(back(v.sharedCode ? "linked" : "unlinked"), 303),
      unchanged: () => c.redirect(back("unchanged"), 303),
      invalid: (o) =>
        page(
          c,
          { search, errors: { message: o.message, details: o.details, indicator: indicatorCode } },
          400,
        ),
    });
  });

  return app;
}
