/**
 * Staff page of a program's master data (基本情報): GET the form, POST to save it. Writes go
 * through program-master-store.ts; the rules are program-master.ts.
 */

import { type Context, Hono } from "hono";
import { may, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { compareFields, type FieldSpec } from "../core/field-changes.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { type FormBody, formText, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { LIST } from "../costs/index.ts";
import { permissions } from "./permissions.ts";
import { programEditRefusal } from "./program-lock.ts";
import { MASTER_LABELS, type ProgramMaster, readMasterForm, toRows } from "./program-master.ts";
import { loadProgramMaster, saveProgramMaster } from "./program-master-store.ts";
import { ProgramMasterPage, programMasterPath } from "./views/program-master-page.tsx";

const SPECS: FieldSpec<ProgramMaster>[] = [
  [MASTER_LABELS.name, (m) => m.name],
  [MASTER_LABELS.purpose, (m) => m.purpose || "—"],
  [MASTER_LABELS.targetGroup, (m) => m.targetGroup || "—"],
  [MASTER_LABELS.means, (m) => m.means || "—"],
  [MASTER_LABELS.sectionCode, (m) => m.sectionCode],
  [MASTER_LABELS.firstFiscalYear, (m) => fiscalYearLabel(m.firstFiscalYear)],
  [
    MASTER_LABELS.lastFiscalYear,
    (m) => (m.lastFiscalYear === null ? "—" : fiscalYearLabel(m.lastFiscalYear)),
  ],
  [
    MASTER_LABELS.initiatives,
    (m) =>
      m.initiatives
        .map((l) => `${l.initiativeCode}（${l.share === null ? "均等" : l.share}）`)
        .join("\n"),
  ],
];

export function programMasterRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const PATH = "/:code/manage/programs/:programCode";

  const load = async (c: Context<StaffEnv>) => {
    const m = municipalityOf(c);
    const programCode = c.req.param("programCode")!;
    const view = await loadProgramMaster(db, m.code, programCode);
    if (!view) throw new AppError("not_found", `事務事業 ${programCode} が見つかりません`);
    const who = c.get("staff");
    const editable: "all" | "section" | "none" = programEditRefusal(who, view.program)
      ? "none"
      : may(who, permissions.editAllMaster)
        ? "all"
        : "section";
    return { m, view, editable };
  };

  const page = async (
    c: Context<StaffEnv>,
    loaded: Awaited<ReturnType<typeof load>>,
    extra: { done?: string; raw?: FormBody; errors?: { message: string; details: ErrorDetail[] } },
    status: 200 | 400 = 200,
  ) => {
    const m = loaded.m;
    const title = `${loaded.view.program.name}（基本情報）`;
    return c.html(
      <Layout
        title={title}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: LIST.path(m.code), label: LIST.label },
          { label: title },
        ]}
      >
        <ProgramMasterPage
          {...loaded.view}
          code={m.code}
          editable={loaded.editable}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get(PATH, async (c) => page(c, await load(c), { done: c.req.query("done") }));

  app.post(PATH, async (c) => {
    const loaded = await load(c);
    const { m, view } = loaded;
    const programCode = view.program.code;
    const refusal = programEditRefusal(c.get("staff"), view.program);
    if (refusal) throw new AppError("forbidden", refusal);
    const form = await c.req.parseBody({ all: true });
    const fingerprint = formText(form.fingerprint);
    if (!/^[0-9a-f]{16}$/.test(fingerprint))
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
      page(c, loaded, { raw: form, errors: { message, details } }, 400);
    const read = readMasterForm(form, view.master, loaded.editable === "all");
    if (!read.ok) return invalid(read.details);
    const path = programMasterPath(m.code, programCode);
    return answer(
      await saveProgramMaster(staffContext(db, c), {
        programCode,
        master: read.value.master,
        fingerprint,
      }),
      {
        saved: () => c.redirect(`${path}?done=saved`, 303),
        invalid: (o) => invalid(toRows(o.details, read.value.rows), o.message),
        conflict: (o) =>
          c.html(
            <Layout title="ほかの人が先に保存しました" municipality={m}>
              <ConflictPage
                subject={`事務事業 ${programCode} の基本情報`}
                editPath={path}
                csrf={c.get("staff").csrfToken}
                basis={[["fingerprint", view.fingerprint]]}
                changes={compareFields(SPECS, o.current, read.value.master)}
                submitted={resubmitted(form, ["fingerprint"])}
              />
            </Layout>,
            409,
          ),
      },
    );
  });

  return app;
}
