/**
 * Backup and restore of the embedded database (`shisaku backup`, `shisaku restore`).
 *
 * A backup is PGlite's own dump of the data folder (dumpDataDir), gzip-compressed. It is
 * consistent: the command holds the database alone (one process at a time), runs a CHECKPOINT
 * so that the data files hold every committed change, and PGlite reads the folder inside its
 * query lock, so nothing writes while it is read. The file is written beside its final name,
 * flushed to the disk and renamed, readable by its owner only.
 *
 * A restore never overwrites: it loads the file into a new folder beside `<dataDir>/db`
 * (PGlite's loadDataDir), applies the migrations the backup predates, reads every table, flushes
 * the folder to the disk, and only then renames it to `db`. A failure at any step leaves the
 * data folder as it was.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { AppError } from "../errors.ts";
import { projectPath } from "../paths.ts";
import { BackupFileError, readBackup } from "./backup-file.ts";
import { type Database, type Db, openDatabase, openPglite } from "./client.ts";
import { lockDatabase } from "./lock.ts";

export interface TableRows {
  table: string;
  rows: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: TableRows[];
}

export interface RestoreSummary {
  file: string;
  /** The database folder restored into (`<dataDir>/db`). */
  dir: string;
  /** Where the folder that was there went (with --force), if there was one. */
  movedAside: string | null;
  /** Migrations applied after loading: the backup was made by an older version. */
  migrationsApplied: number;
  tables: TableRows[];
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Every table of the application (schema public) and its number of rows. */
export async function countRows(db: Db): Promise<TableRows[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`),
  );
  const counts: TableRows[] = [];
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from public.${sql.identifier(name)}`),
    );
    counts.push({ table: name, rows: row!.n });
  }
  return counts;
}

/** The migrations applied to a database: how many, and the time of the newest (0: none). */
async function appliedMigrations(db: Db): Promise<{ count: number; newest: number }> {
  const [exists] = rowsOf<{ table: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as table`),
  );
  if (!exists?.table) return { count: 0, newest: 0 };
  const [row] = rowsOf<{ count: number; newest: string | null }>(
    await db.execute(sql`select count(*)::int as count, max(created_at)::text as newest
        from drizzle.__drizzle_migrations`),
  );
  return { count: row!.count, newest: Number(row!.newest ?? 0) };
}

/** The time of the newest migration this version has (drizzle/meta/_journal.json). */
async function newestKnownMigration(): Promise<number> {
  const journal = JSON.parse(
    await readFile(projectPath("drizzle", "meta", "_journal.json"), "utf8"),
  ) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/** Whether `p` is `dir` or inside it. */
function within(p: string, dir: string) {
  const rel = path.relative(dir, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

async function syncPath(p: string) {
  const handle = await open(p, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `file` so that the file is either the old one or all of the new one. */
export async function writeFileAtomic(file: string, data: Uint8Array, mode = 0o600) {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  const handle = await open(temp, "wx", mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncPath(dir);
}

/** Makes a folder its owner's alone (0700, files 0600) and flushes all of it to the disk. */
async function secureAndSync(dir: string) {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await secureAndSync(p);
    else if (entry.isFile()) {
      await chmod(p, 0o600);
      await syncPath(p);
    }
  }
  await syncPath(dir);
}

/** A time for folder names: 2026-04-01T09-30-00Z. */
const stamp = (d = new Date()) =>
  d
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");

function noEmbedded(what: "backup" | "restore"): never {
  throw new AppError(
    "bad_request",
    what === "backup"
      ? "DATABASE_URL が設定されています。PostgreSQL のデータベースは pg_dump でバックアップしてください（README の「Backup / バックアップ」）。\n" +
          "DATABASE_URL is set: back up the PostgreSQL database with pg_dump (README, Backup):\n" +
          '  pg_dump --format=custom --file shisaku.dump "$DATABASE_URL"'
      : "DATABASE_URL が設定されています。PostgreSQL へは pg_restore で空のデータベースに復元してください（README の「Backup / バックアップ」）。\n" +
          "DATABASE_URL is set: restore a PostgreSQL dump into an empty database with pg_restore (README, Backup):\n" +
          '  pg_restore --no-owner --dbname "$DATABASE_URL" shisaku.dump',
  );
}

/** `shisaku backup <file>`: the embedded database of `dataDir`, written to `file`. */
export async function backupEmbedded(
  config: { dataDir: string; databaseUrl?: string },
  file: string,
): Promise<BackupSummary> {
  if (config.databaseUrl) noEmbedded("backup");
  const dbDir = path.join(config.dataDir, "db");
  if (!existsSync(path.join(dbDir, "PG_VERSION")))
    throw new AppError(
      "not_found",
      `埋め込みデータベースがありません: ${dbDir}（SHISAKU_DATA_DIR を確認してください）\n` +
        `There is no embedded database in ${dbDir} (check SHISAKU_DATA_DIR)`,
    );
  const target = path.resolve(file);
  if (within(target, dbDir))
    throw new AppError(
      "bad_request",
      `バックアップをデータベースのフォルダー（${dbDir}）の中には書けません\n` +
        `A backup cannot be written inside the database folder (${dbDir})`,
    );
  if (!existsSync(path.dirname(target)))
    throw new AppError(
      "not_found",
      `書き出し先のフォルダーがありません: ${path.dirname(target)}\n` +
        `The folder to write to does not exist: ${path.dirname(target)}`,
    );
  const database = await openDatabase(
    { dataDir: config.dataDir },
    { holder: "command", command: "shisaku backup" },
  );
  let tables: TableRows[];
  let dump: Uint8Array;
  try {
    const pglite = database.pglite!;
    tables = await countRows(database.db);
    // The data files then hold every committed change; the dump needs no WAL replay to be read.
    await pglite.exec("checkpoint");
    dump = new Uint8Array(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
  } finally {
    await database.close();
  }
  // What was written must read back as a complete backup.
  readBackup(dump);
  await writeFileAtomic(target, dump);
  return { file: target, bytes: dump.length, tables };
}

/** What is in the database folder now: nothing (absent or empty), or something. */
async function folderState(dir: string): Promise<"absent" | "empty" | "used"> {
  const stat = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (!stat) return "absent";
  if (!stat.isDirectory()) return "used";
  return (await readdir(dir)).length === 0 ? "empty" : "used";
}

/**
 * `shisaku restore <file> [--force]`: the backup in `file` becomes the embedded database of
 * `dataDir`, which must have none (an absent or empty `db` folder); with `force`, the folder
 * that is there is moved aside to `db.before-restore-<time>`, never deleted.
 */
export async function restoreEmbedded(
  config: { dataDir: string; databaseUrl?: string },
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  if (config.databaseUrl) noEmbedded("restore");
  // The database folder is locked for the whole restore, so that no server opens it while it is
  // moved aside and replaced (and a running server makes the restore refuse).
  const dbDir = path.join(config.dataDir, "db");
  const created = await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const removeCreated = async () => {
    if (created && !existsSync(dbDir)) await rm(created, { recursive: true, force: true });
  };
  let release: () => Promise<void>;
  try {
    release = await lockDatabase(dbDir, { holder: "command", command: "shisaku restore" });
  } catch (e) {
    await removeCreated();
    throw e;
  }
  try {
    return await restoreLocked(config, file, options);
  } finally {
    await release();
    await removeCreated();
  }
}

async function restoreLocked(
  config: { dataDir: string; databaseUrl?: string },
  file: string,
  { force = false } = {},
): Promise<RestoreSummary> {
  if (config.databaseUrl) noEmbedded("restore");
  const source = path.resolve(file);
  const dbDir = path.join(config.dataDir, "db");
  const aside = (time: string) => `${dbDir}.before-restore-${time}`;
  if ((await folderState(dbDir)) === "used" && !force)
    throw new AppError(
      "conflict",
      `${dbDir} にはすでにデータベースがあります。上書きはしません。` +
        "そのフォルダーを別の場所に移してから実行するか、" +
        `--force を付けてください（今のフォルダーは ${aside("<時刻>")} に移します。削除はしません）。\n` +
        `${dbDir} already holds a database and is never overwritten. Move that folder elsewhere ` +
        `and run this again, or pass --force (the folder is then moved to ${aside("<time>")}, not deleted).`,
    );

  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (e) {
    throw new AppError(
      "not_found",
      `バックアップファイルを読めません: ${source}（${(e as Error).message}）\n` +
        `Cannot read the backup file ${source} (${(e as Error).message})`,
    );
  }
  let tar: Uint8Array;
  try {
    tar = readBackup(bytes).tar;
  } catch (e) {
    if (!(e instanceof BackupFileError)) throw e;
    throw new AppError(
      "invalid_file",
      `バックアップファイル ${source} は壊れているか途中までしかないため、復元しません（何も変更していません）: ${e.message}\n` +
        `The backup file ${source} is damaged or incomplete, so nothing was restored and nothing changed: ${e.message}`,
    );
  }

  // The first folder this made, if the data folder did not exist: removed again on a failure.
  const created = await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const temp = `${dbDir}.restoring-${stamp()}-${process.pid}`;
  let migrationsApplied = 0;
  let tables: TableRows[];
  let database: Database | undefined;
  try {
    database = await openPglite(temp, {
      loadDataDir: new Blob([tar], { type: "application/x-tar" }),
    });
    const before = await appliedMigrations(database.db);
    if (before.newest > (await newestKnownMigration()))
      throw new AppError(
        "invalid_file",
        `バックアップ ${source} はこの版より新しい Shisaku で作られたため（この版にないマイグレーションがあります）、復元しません（何も変更していません）。その版で復元してください。\n` +
          `The backup ${source} was made by a newer version of Shisaku (it has migrations this version does not know), so nothing was restored and nothing changed; restore it with that version.`,
      );
    await database.migrate();
    migrationsApplied = (await appliedMigrations(database.db)).count - before.count;
    // Reading every table is the check that the restored database opens and is whole.
    tables = await countRows(database.db);
    const opened = database;
    database = undefined;
    await opened.close();
    await secureAndSync(temp);
  } catch (e) {
    await database?.close().catch(() => {});
    await rm(temp, { recursive: true, force: true });
    if (created) await rm(created, { recursive: true, force: true });
    if (e instanceof AppError) throw e;
    throw new AppError(
      "invalid_file",
      `バックアップ ${source} を開けなかったため、復元しません（${dbDir} は変更していません）: ${(e as Error).message}\n` +
        `The backup ${source} could not be opened, so nothing was restored (${dbDir} is unchanged): ${(e as Error).message}`,
    );
  }

  // Only now is the data folder changed: the old folder moved aside (or an empty one removed)
  // and the restored one renamed into place.
  let movedAside: string | null = null;
  try {
    const state = await folderState(dbDir);
    if (state === "empty") await rmdir(dbDir);
    else if (state === "used") {
      if (!force)
        throw new AppError(
          "conflict",
          `復元中に ${dbDir} にデータベースが作られたため、復元しません（そのフォルダーは変更していません）\n` +
            `A database appeared in ${dbDir} during the restore, so nothing was restored (that folder is unchanged)`,
        );
      let target = aside(stamp());
      for (let n = 2; existsSync(target); n++) target = `${aside(stamp())}-${n}`;
      await rename(dbDir, target);
      movedAside = target;
    }
    try {
      await rename(temp, dbDir);
    } catch (e) {
      if (movedAside) await rename(movedAside, dbDir).catch(() => {});
      movedAside = null;
      throw e;
    }
    await syncPath(config.dataDir);
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  return { file: source, dir: dbDir, movedAside, migrationsApplied, tables };
}
