import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readBackup } from "./backup-file.ts";

/** A ustar archive as PGlite's dumpDataDir writes one (names with a leading slash). */
function tarOf(files: Record<string, string | null>) {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text ?? "");
    const header = Buffer.alloc(512);
    header.write(name, 0, "utf8");
    header.write(text === null ? "0000755\0" : "0000644\0", 100);
    header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    header.write("15305364175\0", 136);
    header.write("        ", 148);
    header.write(text === null ? "5" : "0", 156);
    header.write("ustar\x0000", 257);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const folder = {
  "/PG_VERSION": "17\n",
  "/global": null,
  "/global/pg_control": "x".repeat(8192),
  "/base": null,
  "/base/1/1259": "y".repeat(700),
};

describe("reading a backup file", () => {
  it("accepts a whole data folder, compressed or not, and says which PostgreSQL wrote it", () => {
    const tar = tarOf(folder);
    const read = readBackup(gzipSync(tar));
    expect(read.entries).toBe(5);
    expect(read.pgVersion).toBe("17");
    expect(Buffer.from(read.tar).equals(tar)).toBe(true);
    expect(readBackup(tar).entries).toBe(5);
  });

  it("refuses a file cut short anywhere", () => {
    const tar = tarOf(folder);
    const gz = gzipSync(tar);
    for (const cut of [1, 10, Math.floor(gz.length / 2), gz.length - 4, gz.length - 1])
      expect(() => readBackup(gz.subarray(0, cut)), `gzip cut at ${cut}`).toThrow(
        /incomplete or damaged|cut short/,
      );
    for (const cut of [512, 1024, 8192 + 1024, tar.length - 1024, tar.length - 512, 700])
      expect(() => readBackup(tar.subarray(0, cut)), `tar cut at ${cut}`).toThrow(
        /cut short|end marker/,
      );
    expect(() => readBackup(Buffer.alloc(0))).toThrow(/empty/);
  });

  it("refuses damage, archives that are not a database folder, and unsafe names", () => {
    const tar = tarOf(folder);
    const damaged = Buffer.from(tar);
    damaged[512 * 2 + 3] = 0x41; // inside the header of /global
    expect(() => readBackup(damaged)).toThrow(/checksum/);
    const gz = Buffer.from(gzipSync(tar));
    gz[Math.floor(gz.length / 2)]! ^= 0xff;
    expect(() => readBackup(gz)).toThrow(/incomplete or damaged/);
    expect(() => readBackup(tarOf({ "/PG_VERSION": "17\n" }))).toThrow(/no global\/pg_control/);
    expect(() => readBackup(tarOf({ ...folder, "/../escape": "z" }))).toThrow(/unsafe name/);
  });
});
