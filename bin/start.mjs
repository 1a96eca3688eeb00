#!/usr/bin/env node
/**
 * `npm start`. Runs src/main.ts from a bundle of the project's own modules (dependencies stay
 * external), rebuilt with esbuild only when a source file is newer than it. Loading one plain
 * JavaScript file instead of ~150 TypeScript modules through a loader hook is what lets a
 * later start reopen the database and answer in well under two seconds.
 */
import { readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, ".cache", "server");
const bundle = path.join(outdir, "main.js");

/** The newest modification time among the sources and the files that shape the build. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (/\.(ts|tsx|js|css)$/.test(entry.name))
        newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  visit(path.join(root, "src"));
  for (const f of ["package.json", "package-lock.json", "tsconfig.json", "bin/start.mjs"])
    newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

if (bundleTime() < newestSource()) {
  const { build } = await import("esbuild");
  // Built aside and moved into place, so that a start that fails halfway leaves no broken bundle.
  const building = `${outdir}.${process.pid}`;
  await build({
    entryPoints: [path.join(root, "src", "main.ts")],
    outdir: building,
    bundle: true,
    // The modules that main.ts imports dynamically become chunks of their own, so that the
    // database starts opening before the rest of the application has loaded.
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
  });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(building, outdir);
}
// The embedded database is PostgreSQL compiled to WebAssembly (8 MB). V8 compiles it twice by
// default: a quick baseline first (Liftoff), then optimised code for the functions that run
// often, and keeps both. Optimised code only, compiled once before the database opens, holds
// about 30–70 MB less resident memory for the same start-up time (bench/memory.ts). The flag
// is read when the module is compiled, which is after this line.
if (!process.env.DATABASE_URL) v8.setFlagsFromString("--no-liftoff");
await import(pathToFileURL(bundle).href);
