/**
 * The module boundaries, checked by `npm run lint`:
 * - core/ is small and imports no domain;
 * - a domain uses another domain only through its index.ts (its code) or its schema.ts (its
 *   tables, which other domains join and reference; kept out of index.ts so that loading a table
 *   never loads a domain's routes and views).
 * app.tsx, main.ts, schema.ts, cli/ and demo/ put the domains together and may reach their routes.
 */
module.exports = {
  forbidden: [
    {
      name: "core-imports-no-domain",
      comment: "core/ is shared by every domain and must not depend on one.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/", pathNot: "^src/core/" },
    },
    {
      name: "domain-through-its-index",
      comment:
        "Use another domain through its index.ts (or its schema.ts for tables), never its internals.",
      severity: "error",
      from: { path: "^src/([^/]+)/", pathNot: "^src/(core|cli|demo)/" },
      to: {
        path: "^src/[^/]+/",
        pathNot: ["^src/($1|core)/", "^src/[^/]+/(index|schema|frame-schema)\\.tsx?$"],
      },
    },
    {
      name: "no-circular-core",
      severity: "error",
      from: { path: "^src/core/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|test|bench)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
