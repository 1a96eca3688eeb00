/**
 * The API's OpenAPI 3.1 document, generated from the routes' zod schemas and completed with what
 * every route shares: the server prefix (`/api/v1`, so that generated clients call the right
 * address), path parameters that are always required, the bearer token scheme, the error
 * responses every operation may give (429 and 401 for token routes, 500 everywhere), and the
 * caching headers of public reads. Served at `/api/v1/openapi.json`, built once per process.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { markDeprecated } from "./deprecation.ts";

export const API_PREFIX = "/api/v1";
export const API_VERSION = "1.2.0";

type Json = Record<string, unknown>;
type Operation = {
  parameters?: { in: string; required?: boolean }[];
  security?: unknown[];
  responses: Record<string, Json>;
};

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

const errorContent = (code: string, message: string) => ({
  "application/json": {
    schema: { $ref: "#/components/schemas/Error" },
    example: { error: { code, message, details: [] } },
  },
});

const header = (description: string, schema: Json = { type: "string" }) => ({
  description,
  schema,
});

const PUBLIC_HEADERS = {
  ETag: header("データの版（If-None-Match に送ると、変わっていなければ 304）"),
  "Last-Modified": header("データが最後に変わった時刻（If-Modified-Since に送れる）"),
  "Cache-Control": header("public, max-age=60, s-maxage=60"),
};

const LIST_HEADERS = {
  ...PUBLIC_HEADERS,
  Link: header('前後のページ: <…?limit=100&offset=100>; rel="next" など（RFC 8288）'),
};

const DESCRIPTION = `自治体の計画・指標・事務事業・財政・市民の声の公開データと、職員の個人用APIトークンでの入力。

- 一覧は \`{items, total}\` で、\`limit\`（既定100、最大1000）と \`offset\` で区切ります。前後のページは \`Link\` ヘッダー（rel="next" / "prev" / "first" / "last"）にもあります。
- 一覧は CSV（UTF-8、BOM つき）でも得られます: \`Accept: text/csv\` を送るか、パスの末尾に \`.csv\` を付けます（例: \`/api/v1/municipalities/082058/indicators.csv\`）。列は JSON の項目名で、入れ子の項目は \`baseline.value\` のように点でつなぎ、配列は JSON の文字列です。
- 公開データの応答には \`ETag\` と \`Last-Modified\` があり、\`If-None-Match\` / \`If-Modified-Since\` を送ると変わっていなければ 304 です。\`Cache-Control: public\` で短い時間キャッシュでき、ブラウザーからは CORS でどのサイトからも読めます。書き込みは CORS を許しません。
- 書き込みは \`Authorization: Bearer <APIトークン>\` で、トークンごとに1分あたりの回数に上限があります（超えると 429 と \`Retry-After\`）。応答は \`Cache-Control: private, no-store\` です。
- 版の方針: \`/api/v1\` の中では、項目・パス・パラメータの追加だけを行い、既存の項目の削除・名前や型の変更はしません。互換性のない変更は \`/api/v2\` として出し、\`/api/v1\` は少なくとも12か月並行して提供します。変更の記録は README の「API changelog」にあります。`;

/** The generated document, completed (see the file comment). */
export function apiDocument<E extends Env>(api: OpenAPIHono<E>) {
  const doc = api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Shisaku API",
      version: API_VERSION,
      description: DESCRIPTION,
      license: { name: "MIT", url: "https://opensource.org/license/mit" },
    },
    servers: [{ url: API_PREFIX, description: "このサーバーの API（版 1）" }],
  });
  markDeprecated(doc.paths as Parameters<typeof markDeprecated>[0]);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) complete(method, op);
    }
  }
  return doc;
}

function complete(method: (typeof METHODS)[number], op: Operation) {
  // OpenAPI requires it; a coerced zod number reads as optional to the generator.
  for (const p of op.parameters ?? []) if (p.in === "path") p.required = true;
  const r = op.responses;
  if (method === "get") {
    const ok = r["200"] as { headers?: Json; content?: Record<string, { schema?: Json }> };
    const schema = ok?.content?.["application/json"]?.schema;
    const paged = isPaged(op);
    if (ok) ok.headers = { ...(paged ? LIST_HEADERS : PUBLIC_HEADERS), ...ok.headers };
    if (ok?.content && paged && schema)
      ok.content["text/csv"] = {
        schema: { type: "string", description: "同じ一覧の CSV（UTF-8、BOM つき）" },
      };
    r["304"] ??= { description: "変わっていない（If-None-Match / If-Modified-Since）" };
  }
  if (op.security?.length) {
    r["401"] ??= {
      description: "トークンがない・無効",
      content: errorContent("unauthorized", "Authorization: Bearer <APIトークン> が必要です"),
    };
    r["429"] ??= {
      description: "このトークンの書き込みが多すぎる（Retry-After 秒後に再送）",
      headers: { "Retry-After": header("待つ秒数", { type: "integer", minimum: 1 }) },
      content: errorContent("too_many_requests", "書き込みが多すぎます。30秒後に再送してください"),
    };
  }
  r["500"] ??= {
    description: "サーバーの問題",
    content: errorContent(
      "internal",
      "サーバーで問題が発生しました。時間をおいて再度お試しください。",
    ),
  };
}

/** Whether a GET is a paged list: it takes `limit` and `offset`. */
const isPaged = (op: Operation) =>
  ["limit", "offset"].every((name) =>
    (op.parameters ?? []).some((p) => (p as { name?: string }).name === name),
  );

/** Serves the document at `/openapi.json` of `api`, built at the first request. */
export function serveApiDocument<E extends Env>(api: OpenAPIHono<E>) {
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "職員用ページ（/{code}/manage/tokens）またはコマンドで作る個人用APIトークン（shisaku_…）",
  });
  let doc: ReturnType<typeof apiDocument> | undefined;
  api.get("/openapi.json", (c) => {
    doc ??= apiDocument(api);
    return c.json(doc);
  });
}
