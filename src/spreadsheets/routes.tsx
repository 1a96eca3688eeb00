/**
 * Staff pages under /{code}/manage/spreadsheets: download a dataset (xlsx, CSV UTF-8, CSV
 * Shift_JIS, or a blank template), upload a file to preview, apply the previewed file.
 *
 * Confirming applies exactly the previewed file without keeping anything on the server: the
 * preview page carries the uploaded bytes (base64), their sha256 and a digest of the changes
 * shown in hidden fields. Applying checks the sha256, reads and checks the file again inside
 * the transaction, and refuses if the changes are no longer the ones shown. A preview page
 * already shown can be confirmed after a restart, or on another server process; the cost is
 * sending the file twice. The jobs themselves live in this process only: a restart forgets a
 * running job, and the person uploads the file again.
 *
 * An upload's preview runs as a job (jobs.ts): a small file's preview is answered at once, a
 * large one's request goes on to the job's page, which shows the progress until the preview is
 * ready. Applying runs as a job the same way: a small apply redirects to the result at once, a
 * large one's request goes on to the job's page, which shows the cells written and then sends
 * the person to the result. Applied files are kept (stored.ts) and listed here for download.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { checkedUpload, hasRole, may, ROLE_LABELS, type StaffEnv } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { formList, formText } from "../core/forms.ts";
import { contentDisposition } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { listSections } from "../municipalities/index.ts";
import type { Dataset, Scope } from "./dataset.ts";
import {
  CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  type UploadFormat,
} from "./files.ts";
import {
  applyImport,
  DATASETS,
  datasetsOf,
  exportDataset,
  FAMILIES,
  type Preview,
  previewImport,
  resolveDataset,
} from "./import.ts";
import { type Job, jobOf, settle, startJob } from "./jobs.ts";
import { datasetPermission, permissions } from "./permissions.ts";
import { mayDownload, mayImport, readImport, recentImports } from "./stored.ts";
import { JobPage, RecentImports } from "./views/imports.tsx";
import { DatasetUploadPage, PreviewPage, ResultPage, SpreadsheetsPage } from "./views/pages.tsx";

/** How long an upload's request waits for its preview before showing the job's page instead. */
const previewWaitMs = () => {
  const n = Number(process.env.SHISAKU_PREVIEW_WAIT_MS);
  return Number.isFinite(n) && n >= 0 ? n : 1500;
};
/** Seconds between reloads of a job's page. */
const JOB_REFRESH = 2;

// biome-ignore lint/suspicious/noExplicitAny: any dataset
type Crumbs = (mc: string, label?: string, ds?: Dataset<any>) => { href?: string; label: string }[];

const UPLOAD_FORMATS: readonly UploadFormat[] = ["auto", ...EXPORT_FORMATS];
const uploadFormat = (v: unknown): UploadFormat =>
  UPLOAD_FORMATS.includes(v as UploadFormat) ? (v as UploadFormat) : "auto";

export function spreadsheetRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  // A dataset managed elsewhere (a survey's paper forms) is reached from its own page.
  const crumbs: Crumbs = (mc, label, ds) => [
    staffHome(mc),
    ...(label
      ? [
          ds?.back ?? { href: `/${mc}/manage/spreadsheets`, label: "Excel・CSV での入出力" },
          { label },
        ]
      : [{ label: "Excel・CSV での入出力" }]),
  ];

  app.get("/:code/manage/spreadsheets", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const sections = await listSections(db, m.code);
    const offered = await datasetsOf(db, m.code);
    const downloadable = offered.filter((d) => mayDownload(who, d));
    const recent = await recentImports(
      db,
      m.code,
      downloadable.map((d) => d.name),
    );
    return c.html(
      <Layout title="Excel・CSV での入出力" municipality={m} crumbs={crumbs(m.code)}>
        <SpreadsheetsPage
          code={m.code}
          csrf={who.csrfToken}
          datasets={offered.map((d) => ({
            name: d.name,
            title: d.title,
            description: d.description,
          }))}
          sections={sections.map((s) => ({ code: s.code, name: s.name }))}
          mine={who.sectionCodes}
          defaultSection={
            !may(who, permissions.everySection) && who.sectionCodes.length ? "mine" : "all"
          }
        />
        <RecentImports
          code={m.code}
          items={recent}
          titles={Object.fromEntries(DATASETS.map((d) => [d.name, d.title]))}
        />
      </Layout>,
    );
  });

  app.get("/:code/manage/spreadsheets/imports/:importId/file", async (c) => {
    const m = municipalityOf(c);
    const file = await readImport(db, m.code, Number(c.req.param("importId")));
    const ds = await resolveDataset(db, m.code, file.dataset).catch(() => undefined);
    if (!mayDownload(c.get("staff"), ds))
      throw new AppError(
        "forbidden",
        "このデータの取り込みファイルをダウンロードする権限がありません",
      );
    const format = file.format as ExportFormat;
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": CONTENT_TYPES[format] ?? "application/octet-stream",
        "content-disposition": contentDisposition(file.fileName),
        "cache-control": "private, no-store",
      },
    });
  });

  app.get("/:code/manage/spreadsheets/jobs/:jobId", async (c) => {
    const m = municipalityOf(c);
    const job = jobOf(c.req.param("jobId"), m.code, c.get("staff").userId);
    const ds = await resolveDataset(db, m.code, job.dataset);
    if (job.finishedAt !== undefined) return jobResult(c, db, m, ds, job, crumbs);
    c.header("cache-control", "no-store");
    // Without JavaScript the page reloads itself; with it, import-job.js updates it in place.
    return c.html(
      <Layout
        head={
          <noscript>
            <meta http-equiv="refresh" content={String(JOB_REFRESH)} />
          </noscript>
        }
        title={`${job.kind === "apply" ? "取り込み中" : "取り込みの確認中"}: ${ds.title}`}
        municipality={m}
        crumbs={crumbs(m.code, job.kind === "apply" ? "取り込み中" : "取り込みの確認中", ds)}
      >
        <JobPage
          kind={job.kind}
          code={m.code}
          jobId={job.id}
          title={ds.title}
          fileName={job.upload.fileName}
          progress={job.progress}
          refresh={JOB_REFRESH}
        />
      </Layout>,
    );
  });

  for (const ds of DATASETS)
    routesOf(
      app,
      db,
      `/:code/manage/spreadsheets/${ds.name}`,
      importerOf(ds),
      (c) => resolveDataset(db, municipalityOf(c).code, ds.name),
      crumbs,
    );
  for (const family of FAMILIES) {
    const base = `/:code/manage/spreadsheets/${family.name}/:subject`;
    const resolve = (c: Context<StaffEnv>) =>
      family.of(db, municipalityOf(c).code, c.req.param("subject") ?? "");
    const importer = checkedUpload((who) => {
      if (!hasRole(who.role, family.importRole))
        throw new AppError(
          "forbidden",
          `「${family.title}」を取り込めるのは${ROLE_LABELS[family.importRole]}（${family.importRole}）以上の役割の方です`,
        );
    });
    // The page of one subject's dataset: its template to download, and the upload.
    app.get(base, importer, async (c) => {
      const m = municipalityOf(c);
      const ds = await resolve(c);
      return c.html(
        <Layout title={ds.title} municipality={m} crumbs={crumbs(m.code, "Excel で取り込む", ds)}>
          <DatasetUploadPage code={m.code} csrf={c.get("staff").csrfToken} dataset={ds} />
        </Layout>,
      );
    });
    routesOf(app, db, base, importer, resolve, crumbs);
  }
  return app;
}

/**
 * A finished job: a preview job's preview, an apply job's redirect to the result; or the error
 * that stopped it, as the upload or the confirmation would show it.
 */
async function jobResult(
  c: Context<StaffEnv>,
  db: Db,
  m: { code: string; name: string },
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  job: Job,
  crumbs: Crumbs,
) {
  const data = Buffer.from(job.upload.bytes).toString("base64");
  if (job.kind === "apply") {
    const result = job.applied;
    if (result) {
      const p = result.preview;
      const id = result.status === "applied" ? `&import=${result.importId}` : "";
      const left = p.conflicts.filter((x) => !x.taken).length;
      return c.redirect(
        `/${m.code}/manage/spreadsheets/${ds.name}/result?rows=${p.addedRows + p.changedRows}&cells=${p.changes.length}${id}${left ? `&left=${left}` : ""}`,
        303,
      );
    }
    const e = job.error;
    if (e instanceof AppError && e.code === "bad_request") {
      // A missing reason: the preview again, with the error at the reason's field.
      const take = new Set(job.take ?? []);
      const preview = await previewImport(
        db,
        m.code,
        ds,
        job.upload,
        c.get("staff"),
        undefined,
        undefined,
        take,
      );
      return previewPage(c, m, ds, crumbs, preview, data, job.upload.format, {
        message: e.message,
        details: e.details,
      });
    }
    throw e;
  }
  if (!job.preview) throw job.error;
  return previewPage(c, m, ds, crumbs, job.preview, data, job.upload.format);
}

/** The job's result when it finishes within the wait, else the way to the job's page. */
async function answer(
  c: Context<StaffEnv>,
  db: Db,
  m: { code: string; name: string },
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  job: Job,
  crumbs: Crumbs,
) {
  const wait = previewWaitMs();
  if (wait > 0 && (await settle(job, wait))) return jobResult(c, db, m, ds, job, crumbs);
  return c.redirect(`/${m.code}/manage/spreadsheets/jobs/${job.id}`, 303);
}

function previewPage(
  c: Context<StaffEnv>,
  m: { code: string; name: string },
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  crumbs: Crumbs,
  preview: Preview,
  data: string,
  format: UploadFormat,
  error?: { message: string; details: { location: string; message: string }[] },
) {
  return c.html(
    <Layout
      title={`取り込みの確認: ${ds.title}`}
      municipality={m}
      crumbs={crumbs(m.code, "取り込みの確認", ds)}
    >
      <PreviewPage
        code={m.code}
        csrf={c.get("staff").csrfToken}
        preview={preview}
        data={data}
        uploadFormat={format}
        outcome={ds.outcome}
        error={error}
        back={ds.back}
      />
    </Layout>,
    error ? 400 : preview.errors.length ? 422 : 200,
  );
}

/** Who may upload a declared dataset: refused before the file is read at all. */
// biome-ignore lint/suspicious/noExplicitAny: any dataset
const importerOf = (ds: Dataset<any>) =>
  checkedUpload((who) => {
    if (!mayImport(who, ds))
      throw new AppError(
        "forbidden",
        `「${ds.title}」を取り込めるのは${ROLE_LABELS[datasetPermission(ds).role]}（${datasetPermission(ds).role}）以上の役割の方です`,
      );
  });

/**
 * A dataset's export, upload (preview), apply and result under `base`; `resolve` gives the
 * dataset of the request (a declared one, or a family's for the path's subject).
 */
function routesOf(
  app: Hono<StaffEnv>,
  db: Db,
  base: string,
  importer: MiddlewareHandler<StaffEnv>,
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  resolve: (c: Context<StaffEnv>) => Promise<Dataset<any>>,
  crumbs: Crumbs,
) {
  app.get(`${base}/export`, async (c) => {
    const m = municipalityOf(c);
    const ds = await resolve(c);
    const who = c.get("staff");
    const format = (c.req.query("format") ?? "xlsx") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format))
      throw new AppError("bad_request", `形式「${format}」は選べません（xlsx, csv, csv-sjis）`);
    const section =
      c.req.query("section") ??
      (!may(who, permissions.everySection) && who.sectionCodes.length ? "mine" : "all");
    const scope: Scope = {
      sections: section === "all" ? undefined : section === "mine" ? who.sectionCodes : [section],
      drafts: c.req.query("drafts") === "1" || c.req.query("drafts") === undefined,
    };
    const template = c.req.query("template") === "1";
    const bytes = await exportDataset(db, m.code, ds, format, scope, template);
    const sectionName =
      section === "all"
        ? null
        : (await listSections(db, m.code))
            .filter((s) => scope.sections?.includes(s.code))
            .map((s) => s.name)
            .join("・") || null;
    const name = exportFileName(ds, m.code, format, { template, section: sectionName });
    return new Response(bytes, {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": contentDisposition(name),
        "cache-control": "private, no-store",
      },
    });
  });

  app.post(`${base}/preview`, importer, async (c) => {
    const m = municipalityOf(c);
    const ds = await resolve(c);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || (file.size === 0 && file.name === ""))
      throw new AppError("bad_request", "ファイルを選んでください");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const who = c.get("staff");
    const upload = { fileName: file.name, bytes, format: uploadFormat(form.format) };
    const job = startJob(
      { municipality: m.code, userId: who.userId, dataset: ds.name },
      upload,
      (p) => previewImport(db, m.code, ds, upload, who, undefined, p),
    );
    return answer(c, db, m, ds, job, crumbs);
  });

  app.post(`${base}/apply`, importer, async (c) => {
    const m = municipalityOf(c);
    const ds = await resolve(c);
    const form = await c.req.parseBody({ all: true });
    const data = formText(form.data);
    const bytes = new Uint8Array(Buffer.from(data, "base64"));
    const format = uploadFormat(form.format);
    const upload = { fileName: formText(form.fileName), bytes, format };
    const who = c.get("staff");
    const actor = c.get("actor");
    const confirmation = {
      sha256: formText(form.sha256),
      digest: formText(form.digest),
      reason: formText(form.reason) || null,
      // The conflicts ticked to take the file's value; the apply checks them against its own.
      take: formList(form.take),
    };
    const job = startJob(
      {
        municipality: m.code,
        userId: who.userId,
        dataset: ds.name,
        kind: "apply",
        take: confirmation.take,
      },
      upload,
      (p) => applyImport(db, m.code, ds, upload, who, actor, confirmation, undefined, p),
    );
    return answer(c, db, m, ds, job, crumbs);
  });

  app.get(`${base}/result`, async (c) => {
    const m = municipalityOf(c);
    const ds = await resolve(c);
    const n = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? "0", 10) || 0);
    return c.html(
      <Layout
        title={`取り込みました: ${ds.title}`}
        municipality={m}
        crumbs={crumbs(m.code, "取り込みの結果", ds)}
      >
        <ResultPage
          code={m.code}
          title={ds.title}
          rows={n(c.req.query("rows"))}
          cells={n(c.req.query("cells"))}
          outcome={ds.outcome}
          publishedLater={ds.publishedLater ?? false}
          importId={n(c.req.query("import")) || undefined}
          left={n(c.req.query("left"))}
          back={ds.back}
        />
      </Layout>,
    );
  });
}
