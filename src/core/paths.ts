/**
 * Where the project's own files are (migrations, assets, bundled data), whether this code runs
 * from `src/` through tsx or from the start-up bundle that `npm start` builds.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${moduleUrl}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(import.meta.url);

/** A path inside the project folder. */
export const projectPath = (...parts: string[]) => path.join(projectRoot, ...parts);
