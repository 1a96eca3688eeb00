/**
 * The backup file of the embedded database: PGlite's dump of its data folder (dumpDataDir), a
 * tar archive compressed with gzip. Before a restore touches anything, the file is read whole:
 * gzip's length and CRC-32 catch a file cut short or damaged, and the tar archive must be
 * complete (every header's checksum, every member's data, the end-of-archive blocks) and hold
 * a PostgreSQL data folder.
 */
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** Why a file is not a usable backup. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

export interface BackupContents {
  /** The uncompressed tar archive, as PGlite's loadDataDir reads it. */
  tar: Uint8Array;
  /** The files and folders in it (names without a leading slash). */
  entries: number;
  /** The PostgreSQL major version the data folder was written by (its PG_VERSION). */
  pgVersion: string;
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

const zeroBlock = (b: Uint8Array, at: number) => {
  for (let i = at; i < at + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
};

function field(b: Uint8Array, at: number, length: number) {
  const bytes = b.subarray(at, at + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

function octal(b: Uint8Array, at: number, length: number, what: string, offset: number) {
  const text = field(b, at, length).trim();
  if (!/^[0-7]+$/.test(text))
    throw new BackupFileError(`tar header at byte ${offset}: ${what} is not a number`);
  return Number.parseInt(text, 8);
}

/** Checks a backup (gzip-compressed or plain tar) and returns the tar archive in it. */
export function readBackup(file: Uint8Array): BackupContents {
  let tar: Uint8Array;
  if (isGzip(file)) {
    try {
      tar = gunzipSync(file);
    } catch (e) {
      throw new BackupFileError(
        `the gzip data is incomplete or damaged (${(e as Error).message}); the file may have been cut short while it was copied`,
      );
    }
  } else tar = file;
  if (tar.length === 0) throw new BackupFileError("the file is empty");
  if (tar.length % BLOCK !== 0)
    throw new BackupFileError(`the tar archive is cut short (${tar.length} bytes)`);

  const names = new Set<string>();
  let offset = 0;
  let ended = false;
  let pgVersion = "";
  while (offset + BLOCK <= tar.length) {
    if (zeroBlock(tar, offset)) {
      if (offset + 2 * BLOCK <= tar.length && zeroBlock(tar, offset + BLOCK)) {
        ended = true;
        break;
      }
      throw new BackupFileError(`the tar archive ends without its end marker (byte ${offset})`);
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : tar[offset + i]!;
    if (octal(tar, offset + 148, 8, "the checksum", offset) !== sum)
      throw new BackupFileError(`the tar header at byte ${offset} is damaged (checksum)`);
    const prefix = field(tar, offset + 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(tar, offset + 0, 100);
    const size = octal(tar, offset + 124, 12, "the size", offset);
    const type = String.fromCharCode(tar[offset + 156]!);
    const clean = name.replace(/^\/+/, "").replace(/\/+$/, "");
    if (!clean || clean.split("/").some((part) => part === ".." || part === ""))
      throw new BackupFileError(`the tar archive has an unsafe name: ${JSON.stringify(name)}`);
    if (type !== "0" && type !== "\0" && type !== "5")
      throw new BackupFileError(`the tar archive has an entry of type ${type} (${clean})`);
    const next = offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (next > tar.length)
      throw new BackupFileError(`the tar archive is cut short inside ${clean}`);
    names.add(clean);
    if (clean === "PG_VERSION")
      pgVersion = Buffer.from(tar.subarray(offset + BLOCK, offset + BLOCK + size))
        .toString("utf8")
        .trim();
    offset = next;
  }
  if (!ended) throw new BackupFileError("the tar archive is cut short (no end marker)");
  for (const required of ["PG_VERSION", "global/pg_control"])
    if (!names.has(required))
      throw new BackupFileError(`this is not a backup of a database folder (no ${required})`);
  return { tar, entries: names.size, pgVersion };
}
