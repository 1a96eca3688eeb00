/** The HTTP application: every domain's pages and API, one error handler (core/http). */
import { Hono } from "hono";
import { contextStorage } from "hono/context-storage";
import { managePath } from "./accounts/middleware.ts";
import { accountRoutes } from "./accounts/routes.tsx";
import { auditRoutes } from "./audit/routes.tsx";
import type { Db } from "./core/db/client.ts";
import { answerMemo } from "./core/http/answer-memo.ts";
import { createApi } from "./core/http/api.ts";
import { apiCaching, apiCors, apiPath } from "./core/http/api-conventions.ts";
import { assetRoutes } from "./core/http/assets.ts";
import { requestBodyLimit } from "./core/http/body-limit.ts";
import { apiDeprecations } from "./core/http/deprecation.ts";
import { withErrorHandling } from "./core/http/error-handler.tsx";
import { errorTitles } from "./core/http/error-title.ts";
import { API_PREFIX, serveApiDocument } from "./core/http/openapi.ts";
import { pageCache } from "./core/http/page-cache.ts";
import { rejectUnusableText } from "./core/http/request-text.ts";
import { securityHeaders } from "./core/http/security.ts";
import { standbyReads } from "./core/http/standby-reads.ts";
import { municipalityContext, municipalityOf } from "./core/http/tenant.ts";
import { budgetReviewRoutes } from "./costs/budget-review-routes.tsx";
import { programCostApi } from "./costs/cost-api.ts";
import { programCostRoutes } from "./costs/cost-routes.tsx";
import { evaluationApi } from "./evaluations/evaluation-api.ts";
import { evaluationManageRoutes } from "./evaluations/manage-routes.tsx";
import { evaluationRoundRoutes } from "./evaluations/round-routes.tsx";
import { financeApi } from "./finance/api.ts";
import { financeDataApi } from "./finance/data-api.ts";
import { financeManageRoutes } from "./finance/manage-routes.tsx";
import { financeRoutes } from "./finance/routes.tsx";
import { actualsApi } from "./indicators/actuals-api.ts";
import { indicatorsApi } from "./indicators/api.ts";
import { indicatorManageRoutes } from "./indicators/manage-routes.tsx";
import { indicatorRoutes } from "./indicators/routes.tsx";
import { voiceApi } from "./letters/api.ts";
import { letterManageRoutes } from "./letters/manage-routes.tsx";
import { letterRoutes } from "./letters/routes.tsx";
import { municipalitiesApi } from "./municipalities/api.ts";
import { municipalityRoutes } from "./municipalities/routes.tsx";
import {
  ckanApi,
  downloadAddress,
  downloadCounter,
  opendataManageRoutes,
  opendataRoutes,
} from "./opendata/index.ts";
import { peerManageRoutes, peerRoutes, peersApi } from "./peers/index.ts";
import { planApi } from "./plan/api.ts";
import { planManageRoutes } from "./plan/manage-routes.tsx";
import { planRoutes } from "./plan/routes.tsx";
import { programsApi } from "./programs/api.ts";
import { measureProgramRoutes } from "./programs/measure-routes.tsx";
import { programMasterRoutes } from "./programs/program-master-routes.tsx";
import { programRoutes } from "./programs/routes.tsx";
import { publishingRoutes } from "./publishing/routes.tsx";
import { registriesApi } from "./registries/api.ts";
import { registryManageRoutes } from "./registries/manage-routes.tsx";
import { registryRoutes } from "./registries/routes.tsx";
import { roundRoutes } from "./reporting/routes.tsx";
import { programExportRoutes } from "./sheets/routes.tsx";
import { spreadsheetRoutes } from "./spreadsheets/routes.tsx";
import { surveyApi } from "./surveys/api.ts";
import { surveyManageRoutes } from "./surveys/manage-routes.tsx";
import { surveyRoutes } from "./surveys/routes.tsx";

export interface AppDeps {
  db: Db;
  /** Whether prepared e-mail is delivered (SMTP_URL is configured). */
  delivering?: boolean;
  /**
   * Whether the public downloads of open data are counted (default true); not when the static
   * export fetches every file to write it.
   */
  countDownloads?: boolean;
}

function api(deps: AppDeps) {
  const v1 = createApi();
  // Every path of a municipality: resolved once (404 when unknown); a malformed code is left to
  // the route's parameter check (400).
  const municipality = municipalityContext(deps.db, { malformed: "to the route" });
  v1.use("/municipalities/:code", municipality);
  v1.use("/municipalities/:code/*", municipality);
  v1.route("/", municipalitiesApi(deps.db));
  v1.route("/", planApi(deps.db));
  v1.route("/", indicatorsApi(deps.db));
  v1.route("/", actualsApi(deps.db));
  v1.route("/", financeApi());
  v1.route("/", financeDataApi(deps.db));
  v1.route("/", programsApi(deps.db));
  v1.route("/", evaluationApi(deps.db));
  v1.route("/", voiceApi(deps.db));
  v1.route("/", programCostApi(deps.db));
  v1.route("/", surveyApi(deps.db));
  v1.route("/", registriesApi(deps.db));
  v1.route("/", peersApi(deps.db));
  serveApiDocument(v1);
  return v1;
}

export function createApp(deps: AppDeps) {
  // An API list's address may end in .csv (core/http/api-conventions.ts).
  const app = new Hono({ getPath: apiPath });
  // Lets the layout of any page, an error page too, read the staff navigation of the request.
  app.use(contextStorage());
  // A page answered with an error status says so first in its title: 「エラー：」.
  app.use(errorTitles());
  // Outermost, so that every answer has them, cached pages and errors too.
  app.use(securityHeaders());
  // Before anything reads a body: its size, then the text in it (and in the address).
  app.use(requestBodyLimit());
  app.use(rejectUnusableText());
  // A public read's queries may go to a standby (DATABASE_READ_URL); others use the primary.
  app.use(standbyReads());

  app.get("/healthz", async (c) => {
    await deps.db.execute("select 1");
    return c.json({ status: "ok" });
  });
  app.route("/", assetRoutes());
  // Outside the page cache: a conditional GET is answered before it, and a list's CSV is
  // made from the JSON it keeps.
  app.use("/api/v1/*", apiCors(), apiDeprecations(API_PREFIX), apiCaching(deps.db));
  // Before the page cache, so that the downloads it answers are counted too.
  if (deps.countDownloads !== false) app.use("/:code/opendata/*", downloadCounter(deps.db));
  app.use(pageCache(deps.db));
  app.route("/api/v1", api(deps));
  // CKAN's Action API (/api/3/action/…), for CKAN clients and harvesters of the catalogue.
  app.route("/", ckanApi(deps.db));
  // Peer comparison (/compare/…, /{code}/compare): every municipality of the national tables,
  // users of Shisaku or not, so before the tenant's paths.
  app.route("/", peerRoutes(deps.db));
  // Every page of a municipality (/{code}/…): its municipality resolved once (404 otherwise);
  // every staff page (/{code}/manage/…): the session, the CSRF checks and no caching, once.
  app.use("/:code/*", municipalityContext(deps.db));
  // The staff home is /{code}/manage/: the address without the slash leads there.
  app.get("/:code/manage", (c) => c.redirect(`/${municipalityOf(c).code}/manage/`, 308));
  app.use("/:code/manage/*", managePath(deps.db));
  app.route("/", municipalityRoutes(deps.db));
  app.route("/", planRoutes(deps.db));
  app.route("/", indicatorRoutes(deps.db));
  app.route("/", financeRoutes(deps.db));
  app.route("/", programExportRoutes(deps.db));
  app.route("/", programRoutes(deps.db));
  app.route("/", measureProgramRoutes(deps.db));
  app.route("/", accountRoutes(deps.db));
  app.route("/", indicatorManageRoutes(deps.db));
  app.route("/", publishingRoutes(deps.db));
  app.route("/", planManageRoutes(deps.db));
  app.route("/", auditRoutes(deps.db));
  app.route("/", programCostRoutes(deps.db));
  app.route("/", budgetReviewRoutes(deps.db));
  app.route("/", evaluationRoundRoutes(deps.db));
  app.route("/", evaluationManageRoutes(deps.db));
  app.route("/", programMasterRoutes(deps.db));
  app.route("/", financeManageRoutes(deps.db));
  app.route("/", roundRoutes(deps.db, { delivering: deps.delivering ?? false }));
  app.route("/", letterRoutes(deps.db));
  app.route("/", letterManageRoutes(deps.db));
  app.route("/", spreadsheetRoutes(deps.db));
  app.route("/", surveyRoutes(deps.db));
  app.route("/", surveyManageRoutes(deps.db));
  app.route("/", registryRoutes(deps.db));
  app.route("/", registryManageRoutes(deps.db));
  app.route("/", opendataRoutes(deps.db));
  app.route("/", opendataManageRoutes(deps.db));
  app.route("/", peerManageRoutes(deps.db));

  return withErrorHandling(app);
}

/**
 * The application as `serve()` of @hono/node-server runs it (`npm start`): its fetch, and a
 * node:http server that sends the page cache's answers again without going through it
 * (core/http/answer-memo.ts) — except the downloads that are counted, which always go through
 * the counter.
 */
export function createServing(deps: AppDeps) {
  const app = createApp(deps);
  const memo = answerMemo(deps.db, { remembers: (pathname) => !downloadAddress(pathname) });
  return { app, fetch: memo.fetch(app.fetch), createServer: memo.createServer };
}
