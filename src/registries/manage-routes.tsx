/** Staff pages of the registries under /{code}/manage/registries: add, edit, retire. */
import { type Context, Hono } from "hono";
import { may, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { type ErrorDetail, recordIdOf } from "../core/errors.ts";
import { compareFields, type FieldSpec } from "../core/field-changes.ts";
import { type FormBody, formText, requireVersion, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import type { RegistryDef } from "./definitions.ts";
import { showField } from "./fields.ts";
import { recordHistory } from "./history.ts";
import { permissions } from "./permissions.ts";
import { loadRecord, loadRecordHistory, loadRecords, registryTotals } from "./queries.ts";
import {
  linkRegistryIndicator,
  loadCatalogue,
  loadLinkableIndicators,
  offeredRegistries,
  registryIn,
  setRegistryUse,
} from "./settings.ts";
import { addRecord, editRecord, retireRecord, type StoredRecord } from "./store.ts";
import {
  ManageRecordPage,
  ManageRegistryPage,
  RecordForm,
  type TypedValues,
} from "./views/manage.tsx";
import { RegistriesIndex } from "./views/public.tsx";
import { RegistrySettingsPage } from "./views/settings.tsx";

const typedOf = (def: RegistryDef, form: FormBody): TypedValues => ({
  name: formText(form.name),
  fields: Object.fromEntries(def.fields.map((f) => [f.name, formText(form[f.name])])),
  sample: formText(form.sample) === "1",
});

const valuesOf = (r: StoredRecord): TypedValues => ({
  name: r.name,
  fields: Object.fromEntries(
    Object.entries(r.fields).map(([k, v]) => [k, v === null ? "" : String(v)]),
  ),
  sample: r.sample,
});

/** The fields compared on the conflict page, shown as text. */
const specsOf = (def: RegistryDef): FieldSpec<TypedValues>[] => [
  [def.nameLabel, (v) => v.name],
  ...def.fields.map(
    (f): FieldSpec<TypedValues> => [f.label, (v) => showField(v.fields[f.name] || null, f.unit)],
  ),
  ["サンプル", (v) => (v.sample ? "サンプル" : "—")],
];

export function registryManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  /** The registry of the address, as the municipality keeps it (404 when it does not). */
  const registryOf = (c: Context<StaffEnv>) =>
    registryIn(db, municipalityOf(c).code, c.req.param("registry") ?? "");
  const base = (mc: string) => `/${mc}/manage/registries`;
  const crumbs = (mc: string, def?: RegistryDef, last?: string) => [
    staffHome(mc),
    ...(def
      ? [
          { href: base(mc), label: "台帳" },
          ...(last
            ? [{ href: `${base(mc)}/${def.key}`, label: def.label }, { label: last }]
            : [{ label: def.label }]),
        ]
      : [{ label: "台帳" }]),
  ];

  const settingsPage = async (
    c: Context<StaffEnv>,
    errors?: { message: string; details: ErrorDetail[] },
  ) => {
    const m = municipalityOf(c);
    const [catalogue, totals, linkable] = [
      await loadCatalogue(db, m.code),
      await registryTotals(db, m.code),
      await loadLinkableIndicators(db, m.code),
    ];
    return c.html(
      <Layout
        title={`${errors ? "エラー：" : ""}台帳の設定`}
        municipality={m}
        crumbs={[staffHome(m.code), { href: base(m.code), label: "台帳" }, { label: "台帳の設定" }]}
      >
        <RegistrySettingsPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          rows={catalogue.map(({ def, on, setting }) => ({
            def,
            on,
            version: setting?.version ?? null,
            records: totals.get(def.key)?.total ?? 0,
          }))}
          indicators={linkable}
          done={c.req.query("done")}
          errors={errors}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };
  const settingsPath = (mc: string) => `/${mc}/manage/registry-settings`;

  app.get("/:code/manage/registry-settings", permit(permissions.configure), (c) => settingsPage(c));

  app.post("/:code/manage/registry-settings/:registry/use", async (c) => {
    const m = municipalityOf(c);
    const on = formText((await c.req.parseBody()).on) === "yes";
    const outcome = await setRegistryUse(staffContext(db, c), {
      registry: c.req.param("registry"),
      on,
    });
    return answer(outcome, {
      saved: () => c.redirect(`${settingsPath(m.code)}?done=${on ? "on" : "off"}`, 303),
      unchanged: () => c.redirect(`${settingsPath(m.code)}?done=unchanged`, 303),
      invalid: (o) => settingsPage(c, o),
    });
  });

  app.post("/:code/manage/registry-settings/:registry/indicator", async (c) => {
    const m = municipalityOf(c);
    const body = await c.req.parseBody();
    const outcome = await linkRegistryIndicator(staffContext(db, c), {
      registry: c.req.param("registry"),
      indicatorCode: formText(body.indicatorCode),
      version: requireVersion(body),
    });
    return answer(outcome, {
      saved: () => c.redirect(`${settingsPath(m.code)}?done=linked`, 303),
      unchanged: () => c.redirect(`${settingsPath(m.code)}?done=unchanged`, 303),
      invalid: (o) => settingsPage(c, o),
    });
  });

  app.get("/:code/manage/registries", async (c) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout title="台帳" municipality={m} crumbs={crumbs(m.code)}>
        {may(c.get("staff"), permissions.configure) ? (
          <p>
            <a href={`/${m.code}/manage/registry-settings`}>台帳の設定</a>
            （使う台帳と、台帳から計算する指標を選びます）
          </p>
        ) : null}
        <RegistriesIndex
          code={m.code}
          registries={await offeredRegistries(db, m.code)}
          totals={await registryTotals(db, m.code)}
          base={base(m.code)}
        />
      </Layout>,
    );
  });

  app.get("/:code/manage/registries/:registry", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    return c.html(
      <Layout title={`${def.label}の台帳`} municipality={m} crumbs={crumbs(m.code, def)}>
        <ManageRegistryPage
          code={m.code}
          def={def}
          records={await loadRecords(db, m.code, def.key)}
          mayManage={may(c.get("staff"), permissions.manage)}
          done={c.req.query("done")}
        />
      </Layout>,
    );
  });

  const newPage = (
    c: Context<StaffEnv>,
    def: RegistryDef,
    values: TypedValues,
    errors?: { message: string; details: ErrorDetail[] },
  ) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout
        title={`${errors ? "エラー：" : ""}${def.noun}の登録`}
        municipality={m}
        crumbs={crumbs(m.code, def, "登録")}
      >
        <h1>
          {def.label}：{def.noun}の登録
        </h1>
        <RecordForm
          def={def}
          action={`${base(m.code)}/${def.key}/new`}
          csrf={c.get("staff").csrfToken}
          values={values}
          errors={errors}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get("/:code/manage/registries/:registry/new", async (c) =>
    newPage(c, await registryOf(c), { name: "", fields: {}, sample: false }),
  );

  app.post("/:code/manage/registries/:registry/new", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    const typed = typedOf(def, await c.req.parseBody());
    const outcome = await addRecord(staffContext(db, c), { registry: def.key, ...typed });
    return answer(outcome, {
      saved: ({ id }) => c.redirect(`${base(m.code)}/${def.key}/${id}?done=added`, 303),
      invalid: (o) => newPage(c, def, typed, o),
    });
  });

  const recordPage = async (
    c: Context<StaffEnv>,
    def: RegistryDef,
    id: number,
    typed?: TypedValues,
    errors?: { message: string; details: ErrorDetail[] },
  ) => {
    const m = municipalityOf(c);
    const record = await loadRecord(db, m.code, def.key, id);
    return c.html(
      <Layout
        title={`${errors ? "エラー：" : ""}${record.name}`}
        municipality={m}
        crumbs={crumbs(m.code, def, record.name)}
      >
        <ManageRecordPage
          code={m.code}
          def={def}
          record={record}
          csrf={c.get("staff").csrfToken}
          mayManage={may(c.get("staff"), permissions.manage)}
          values={typed ?? valuesOf(record)}
          errors={errors}
          done={c.req.query("done")}
          history={recordHistory(def, await loadRecordHistory(db, m.code, def.key, id))}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get("/:code/manage/registries/:registry/:id", async (c) =>
    recordPage(c, await registryOf(c), recordIdOf(c.req.param("id"), "記録")),
  );

  app.post("/:code/manage/registries/:registry/:id", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    const id = recordIdOf(c.req.param("id"), "記録");
    const body = await c.req.parseBody();
    const typed = typedOf(def, body);
    const path = `${base(m.code)}/${def.key}/${id}`;
    const outcome = await editRecord(staffContext(db, c), {
      registry: def.key,
      id,
      version: requireVersion(body),
      ...typed,
    });
    return answer(outcome, {
      saved: () => c.redirect(`${path}?done=saved`, 303),
      unchanged: () => c.redirect(`${path}?done=unchanged`, 303),
      invalid: (o) => recordPage(c, def, id, typed, o),
      conflict: ({ current }) =>
        c.html(
          <Layout title="ほかの人が先に保存しました" municipality={m}>
            <ConflictPage
              subject={`${def.label}の記録「${current.name}」`}
              state={`（現在は版 ${current.version}）`}
              editPath={path}
              csrf={c.get("staff").csrfToken}
              basis={[["version", String(current.version)]]}
              changes={compareFields(specsOf(def), valuesOf(current), typed)}
              submitted={resubmitted(body, ["version"])}
            />
          </Layout>,
          409,
        ),
    });
  });

  app.post("/:code/manage/registries/:registry/:id/retire", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    const id = recordIdOf(c.req.param("id"), "記録");
    const body = await c.req.parseBody();
    const outcome = await retireRecord(staffContext(db, c), {
      registry: def.key,
      id,
      version: requireVersion(body),
      retiredOn: formText(body.retiredOn),
      reason: formText(body.reason),
    });
    return answer(outcome, {
      saved: () => c.redirect(`${base(m.code)}/${def.key}/${id}?done=retired`, 303),
      invalid: (o) => recordPage(c, def, id, undefined, o),
    });
  });

  return app;
}
