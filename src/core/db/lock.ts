/**
 * One process at a time on an embedded database. PGlite keeps the database in the memory of the
 * process that opened it and writes its files back as it goes; a second process on the same
 * folder would start from the files as they were and overwrite the first one's writes. So the
 * opener takes a lock first: a file beside the database folder (`<dataDir>/db.lock`), created
 * atomically (O_EXCL), holding the holder's PID. A lock whose process is gone (a crash, a kill,
 * a power loss) is taken over; one whose process is alive refuses the open with a message that
 * names the holder and what to do.
 */
import { readFileSync, unlinkSync } from "node:fs";
import { open, readFile, stat, unlink } from "node:fs/promises";
import os from "node:os";
import { AppError } from "../errors.ts";

/** What an opener is, written into the lock so that a refusal can say who holds the database. */
export type Holder = "server" | "command";

interface LockInfo {
  pid: number;
  hostname: string;
  /** Linux's boot id: a lock written before the last boot belongs to no running process. */
  bootId?: string;
  startedAt: string;
  holder?: Holder;
  /** The command line of a `shisaku` command holding it. */
  command?: string;
}

const JA_HOLDER = { server: "サーバー", command: "コマンド" } as const;
const EN_HOLDER = { server: "the server", command: "the command" } as const;

/** The open of an embedded database that another live process holds. */
export class DatabaseInUseError extends AppError {
  readonly holderPid: number;
  constructor(dir: string, lockPath: string, info: LockInfo) {
    const otherHost = info.hostname !== os.hostname();
    const held = info.holder;
    const jaWho = [
      `PID ${info.pid}`,
      [held ? JA_HOLDER[held] : "", info.command ?? ""].filter(Boolean).join(" "),
      otherHost ? `ホスト ${info.hostname}` : "",
    ];
    const enWho = [
      `PID ${info.pid}`,
      [held ? EN_HOLDER[held] : "", info.command ?? ""].filter(Boolean).join(" "),
      otherHost ? `on host ${info.hostname}` : "",
    ];
    const [jaWhat, enWhat] =
      held === "server"
        ? ["そのサーバーを止めてから実行するか", "Stop that server and run this again"]
        : held === "command"
          ? [
              "そのコマンドが終わってから実行するか",
              "Wait until that command has finished and run this again",
            ]
          : ["そのプロセスを止めてから実行するか", "Stop that process and run this again"];
    const [jaStale, enStale] = otherHost
      ? [
          `そのホストで PID ${info.pid} のプロセスが動いていなければ ${lockPath} を削除してください。`,
          ` If no process ${info.pid} is running on that host, delete ${lockPath}.`,
        ]
      : ["", ""];
    super(
      "conflict",
      `埋め込みデータベース（${dir}）は別のプロセス（${jaWho.filter(Boolean).join("、")}）が使用中です。` +
        `${jaWhat}、DATABASE_URL で PostgreSQL を使ってください。${jaStale}\n` +
        `The embedded database (${dir}) is in use by another process (${enWho.filter(Boolean).join(", ")}). ` +
        `${enWhat}, or use PostgreSQL through DATABASE_URL.${enStale}`,
    );
    this.name = "DatabaseInUseError";
    this.holderPid = info.pid;
  }
}

/** Lock files this process holds, removed at exit if a close did not get to them. */
const held = new Map<string, string>();
let exitHook = false;

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function parse(text: string): LockInfo | undefined {
  try {
    const info = JSON.parse(text) as LockInfo;
    return Number.isInteger(info.pid) && info.pid > 0 ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `info` may still be running (when in doubt, it may). */
function alive(lockPath: string, info: LockInfo): boolean {
  // Another machine's process (a shared folder) cannot be checked from here.
  if (info.hostname !== os.hostname()) return true;
  const boot = bootId();
  if (info.bootId && boot && info.bootId !== boot) return false;
  // Our own PID: held by this process, or left by an earlier process that had the same PID
  // (a server restarted in a container is often PID 1 every time).
  if (info.pid === process.pid) return held.has(lockPath);
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

async function readLock(lockPath: string): Promise<string | undefined> {
  try {
    return await readFile(lockPath, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Creates `file` with `text` if it does not exist; false if it does. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Removes the lock at `lockPath` if it still reads `stale`. Only one process at a time does
 * this (under `<lock>.takeover`, itself created with O_EXCL), so that two processes that found
 * the same stale lock cannot remove each other's new one.
 */
async function removeStale(lockPath: string, stale: string) {
  const takeover = `${lockPath}.takeover`;
  const mine = JSON.stringify({ pid: process.pid, hostname: os.hostname() });
  if (!(await createExclusive(takeover, mine))) {
    // Someone else is taking over. One that died in the middle of it (a moment's work) leaves
    // the file behind: remove it once its process is gone and it is older than a second.
    const other = parse((await readLock(takeover)) ?? "");
    const age = await stat(takeover).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if ((!other || !alive(takeover, other)) && age > 1000) await unlink(takeover).catch(() => {});
    await sleep(20);
    return;
  }
  try {
    if ((await readLock(lockPath)) === stale) await unlink(lockPath).catch(() => {});
  } finally {
    await unlink(takeover).catch(() => {});
  }
}

/**
 * Takes the lock of the embedded database in `dir` (the file `<dir>.lock`), or throws
 * DatabaseInUseError naming the live process that holds it. Returns its release.
 */
export async function lockDatabase(
  dir: string,
  who: { holder?: Holder; command?: string } = {},
): Promise<() => Promise<void>> {
  const lockPath = `${dir}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    bootId: bootId(),
    startedAt: new Date().toISOString(),
    ...who,
  };
  const text = `${JSON.stringify(info)}\n`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await createExclusive(lockPath, text)) {
      held.set(lockPath, text);
      if (!exitHook) {
        exitHook = true;
        process.on("exit", releaseAllSync);
      }
      return async () => {
        if (!held.delete(lockPath)) return;
        if ((await readLock(lockPath)) === text) await unlink(lockPath).catch(() => {});
      };
    }
    const current = await readLock(lockPath);
    if (current === undefined) continue; // released meanwhile
    const other = parse(current);
    if (other && alive(lockPath, other)) throw new DatabaseInUseError(dir, lockPath, other);
    // Unreadable: its writer may be writing it this very moment; give it half a second.
    if (!other && attempt < 10) {
      await sleep(50);
      continue;
    }
    await removeStale(lockPath, current);
  }
  throw new AppError(
    "conflict",
    `埋め込みデータベース（${dir}）のロック ${lockPath} を取得できませんでした / could not take the lock ${lockPath} of the embedded database (${dir})`,
  );
}

/** At exit: remove the locks this process still holds (only if they are still ours). */
function releaseAllSync() {
  for (const [lockPath, text] of held) {
    try {
      if (readFileSync(lockPath, "utf8") === text) unlinkSync(lockPath);
    } catch {
      // gone already
    }
  }
  held.clear();
}
