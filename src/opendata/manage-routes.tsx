/** The staff pages of the open data catalogue (/{code}/manage/opendata/…). */
import { type Context, Hono } from "hono";
import {
  assertMay,
  checkedUpload,
  permit,
  type StaffEnv,
  staffContext,
} from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import { compareFields, type FieldSpec } from "../core/field-changes.ts";
import { type FormBody, formList, formText, requireVersion, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { listSections } from "../municipalities/index.ts";
import {
  createDataset,
  previewUpload,
  publishDataset,
  updateDataset,
  uploadResource,
  withdrawDataset,
} from "./actions.ts";
import { type Dataset, findDataset, listDatasets } from "./catalogue.ts";
import { COUNTED_MONTHS, downloadCounts, recentMonths } from "./downloads.ts";
import { permissions } from "./permissions.ts";
import type { DatasetSubmission } from "./rules.ts";
import {
  type Errors,
  ManageCataloguePage,
  ManageDatasetPage,
  UploadPreviewPage,
} from "./views/manage-pages.tsx";

const submissionOf = (form: FormBody): DatasetSubmission => ({
  slug: formText(form.slug),
  title: formText(form.title),
  titleEn: formText(form.titleEn),
  description: formText(form.description),
  sectionCode: formText(form.sectionCode),
  licence: formText(form.licence),
  frequency: formText(form.frequency),
  keywords: formText(form.keywords),
  themes: formList(form.themes),
  spatial: formText(form.spatial),
  temporalStart: formText(form.temporalStart),
  temporalEnd: formText(form.temporalEnd),
  contact: formText(form.contact),
  standardType: formText(form.standardType),
});

const submittedOf = (form: FormBody) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k !== "_csrf")
      .map(([k, v]) => [k, Array.isArray(v) ? formList(v) : formText(v)]),
  );

/** A dataset's description as the conflict page compares it, field by field. */
type DatasetShown = Record<
  | "title"
  | "titleEn"
  | "description"
  | "sectionCode"
  | "licence"
  | "frequency"
  | "keywords"
  | "themes"
  | "spatial"
  | "temporal"
  | "contact"
  | "standardType",
  string
>;
const DATASET_SPECS: FieldSpec<DatasetShown>[] = (
  [
    ["タイトル", "title"],
    ["英語のタイトル", "titleEn"],
    ["説明", "description"],
    ["担当課", "sectionCode"],
    ["利用条件", "licence"],
    ["更新頻度", "frequency"],
    ["キーワード", "keywords"],
    ["分類", "themes"],
    ["対象地域", "spatial"],
    ["対象期間", "temporal"],
    ["問い合わせ先", "contact"],
    ["標準データセット", "standardType"],
  ] as const
).map(([label, key]) => [label, (f: DatasetShown) => f[key]] as const);
const shownOfDataset = (d: Dataset): DatasetShown => ({
  title: d.title,
  titleEn: d.titleEn ?? "",
  description: d.description,
  sectionCode: d.sectionCode ?? "",
  licence: d.licence,
  frequency: d.frequency ?? "",
  keywords: d.keywords.join("、"),
  themes: d.themes.join("、"),
  spatial: d.spatial ?? "",
  temporal: [d.temporalStart ?? "", d.temporalEnd ?? ""].join("〜"),
  contact: d.contact ?? "",
  standardType: d.standardType ?? "",
});
const shownOfSubmission = (s: DatasetSubmission): DatasetShown => ({
  title: s.title.trim(),
  titleEn: s.titleEn.trim(),
  description: s.description.trim(),
  sectionCode: s.sectionCode.trim(),
  licence: s.licence,
  frequency: s.frequency.trim(),
  keywords: s.keywords
    .split(/[、,，\s]+/)
    .filter(Boolean)
    .join("、"),
  themes: s.themes.join("、"),
  spatial: s.spatial.trim(),
  temporal: [s.temporalStart.trim(), s.temporalEnd.trim()].join("〜"),
  contact: s.contact.trim(),
  standardType: s.standardType.trim(),
});

export function opendataManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const manage = permit(permissions.manage);
  const listCrumb = (code: string) => ({
    href: `/${code}/manage/opendata`,
    label: "オープンデータカタログ",
  });
  // Uploads: who may not upload is refused before the file is read.
  const uploader = checkedUpload((who) => assertMay(who, permissions.uploadResource));

  const listPage = async (
    c: Context<StaffEnv>,
    extra: { errors?: Errors; submitted?: FormBody } = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const [datasets, sections] = await Promise.all([
      listDatasets(db, m.code, { publishedOnly: false }),
      listSections(db, m.code),
    ]);
    return c.html(
      <Layout
        title="オープンデータカタログ"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "オープンデータカタログ" }]}
      >
        <ManageCataloguePage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          datasets={datasets}
          sections={sections}
          errors={extra.errors}
          submitted={extra.submitted ? submittedOf(extra.submitted) : undefined}
        />
      </Layout>,
      status,
    );
  };

  const datasetPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; errors?: Errors; submitted?: FormBody } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const m = municipalityOf(c);
    const slug = c.req.param("slug")!;
    const [d, sections] = await Promise.all([
      findDataset(db, m.code, slug, { publishedOnly: false }),
      listSections(db, m.code),
    ]);
    if (!d) throw notFound(`データセット ${slug}`);
    const months = recentMonths(new Date(), COUNTED_MONTHS);
    const counts = await downloadCounts(
      db,
      m.code,
      d.resources.map((r) => r.uuid),
      months.at(-1),
    );
    return c.html(
      <Layout
        title={d.title}
        municipality={m}
        crumbs={[staffHome(m.code), listCrumb(m.code), { label: d.title }]}
      >
        <ManageDatasetPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          d={d}
          sections={sections}
          done={extra.done}
          errors={extra.errors}
          submitted={extra.submitted ? submittedOf(extra.submitted) : undefined}
          downloads={{ months, counts }}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/opendata", manage, (c) => listPage(c));

  app.post("/:code/manage/opendata", manage, async (c) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    return answer(await createDataset(staffContext(db, c), submissionOf(form)), {
      saved: (slug) => c.redirect(`/${m.code}/manage/opendata/${slug}?done=created`, 303),
      invalid: (o) => listPage(c, { errors: o, submitted: form }, 400),
    });
  });

  app.get("/:code/manage/opendata/:slug", manage, (c) =>
    datasetPage(c, { done: c.req.query("done") }),
  );

  app.post("/:code/manage/opendata/:slug", manage, async (c) => {
    const m = municipalityOf(c);
    const slug = c.req.param("slug");
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const outcome = await updateDataset(staffContext(db, c), {
      slug,
      version: requireVersion(form),
      submission: submissionOf(form),
    });
    return answer(outcome, {
      saved: () => c.redirect(`/${m.code}/manage/opendata/${slug}?done=updated`, 303),
      invalid: (o) => datasetPage(c, { errors: o, submitted: form }, 400),
      conflict: (o) =>
        c.html(
          <Layout title="ほかの人が先に保存しました" municipality={m}>
            <ConflictPage
              subject={`データセット「${o.current.title}」の説明`}
              state={`（現在は版 ${o.current.version}）`}
              editPath={`/${m.code}/manage/opendata/${slug}`}
              csrf={c.get("staff").csrfToken}
              basis={[["version", String(o.current.version)]]}
              changes={compareFields(
                DATASET_SPECS,
                shownOfDataset(o.current),
                shownOfSubmission(submissionOf(form)),
              )}
              submitted={resubmitted(form, ["version"])}
            />
          </Layout>,
          409,
        ),
    });
  });

  for (const [path, act, done] of [
    ["publish", publishDataset, "published"],
    ["withdraw", withdrawDataset, "withdrawn"],
  ] as const)
    app.post(`/:code/manage/opendata/:slug/${path}`, manage, async (c) => {
      const m = municipalityOf(c);
      const slug = c.req.param("slug");
      const form = (await c.req.parseBody({ all: true })) as FormBody;
      return answer(await act(staffContext(db, c), { slug, version: requireVersion(form) }), {
        saved: () => c.redirect(`/${m.code}/manage/opendata/${slug}?done=${done}`, 303),
        invalid: (o) => datasetPage(c, { errors: o }, 400),
        conflict: (o) => datasetPage(c, { errors: { message: o.message, details: [] } }, 409),
      });
    });

  app.post("/:code/manage/opendata/:slug/preview", uploader, async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || (file.size === 0 && file.name === ""))
      throw new AppError("bad_request", "ファイルを選んでください");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const upload = {
      dataset: c.req.param("slug"),
      resource: formText(form.resource),
      title: formText(form.title),
      fileName: file.name,
      bytes,
      format: "auto" as const,
    };
    const preview = await previewUpload(staffContext(db, c), upload);
    const failed = preview.unreadable || preview.table.errors.length > 0;
    return c.html(
      <Layout
        title={`ファイルの確認: ${file.name}`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          listCrumb(m.code),
          { href: `/${m.code}/manage/opendata/${upload.dataset}`, label: preview.dataset.title },
          { label: "ファイルの確認" },
        ]}
      >
        <UploadPreviewPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          preview={preview}
          upload={{ ...upload, data: Buffer.from(bytes).toString("base64") }}
        />
      </Layout>,
      failed ? 422 : 200,
    );
  });

  app.post("/:code/manage/opendata/:slug/apply", uploader, async (c) => {
    const m = municipalityOf(c);
    const slug = c.req.param("slug");
    const form = await c.req.parseBody();
    const outcome = await uploadResource(staffContext(db, c), {
      dataset: slug,
      resource: formText(form.resource),
      title: formText(form.title),
      fileName: formText(form.fileName),
      bytes: new Uint8Array(Buffer.from(formText(form.data), "base64")),
      format: "auto",
    });
    return answer(outcome, {
      saved: () => c.redirect(`/${m.code}/manage/opendata/${slug}?done=uploaded`, 303),
      invalid: (o) => datasetPage(c, { errors: o }, 400),
    });
  });

  return app;
}
