/**
 * A zip's entries in another order, without unzipping them: the local records (header and
 * compressed data) are copied in the new order and the central directory is written again with
 * their new offsets. Only a zip whose records lie one after another from its start to its central
 * directory — exactly what a streaming reader walks through — is reordered; any other layout
 * (overlapping or hidden records, zip64) gives null, and the caller keeps the file as it is.
 */
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

interface Entry {
  name: string;
  /** The central directory entry, as it is. */
  central: Buffer;
  offset: number;
  /** Where the local record ends (after its data and any data descriptor). */
  end: number;
}

function findEnd(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 65_557); at--)
    if (zip.readUInt32LE(at) === END) return at;
  return -1;
}

export function reorderZip(zip: Buffer, first: readonly string[]): Buffer | null {
  const endAt = findEnd(zip);
  if (endAt < 0) return null;
  const count = zip.readUInt16LE(endAt + 10);
  const cdSize = zip.readUInt32LE(endAt + 12);
  const cdOffset = zip.readUInt32LE(endAt + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > endAt) return null;
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > endAt || zip.readUInt32LE(at) !== CENTRAL) return null;
    const flags = zip.readUInt16LE(at + 8);
    const compressed = zip.readUInt32LE(at + 20);
    const length =
      46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || offset === 0xffffffff) return null;
    const name = zip.toString("utf8", at + 46, at + 46 + zip.readUInt16LE(at + 28));
    if (offset + 30 > cdOffset || zip.readUInt32LE(offset) !== LOCAL) return null;
    let end =
      offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28) + compressed;
    if (flags & 0x08) end += end + 4 <= cdOffset && zip.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    entries.push({ name, central: zip.subarray(at, at + length), offset, end });
    at += length;
  }
  // The records must tile the file from its start to the central directory, in any order.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  let next = 0;
  for (const e of byOffset) {
    if (e.offset !== next) return null;
    next = e.end;
  }
  if (next !== cdOffset) return null;

  const rank = (e: Entry) => {
    const i = first.indexOf(e.name);
    return i < 0 ? first.length : i;
  };
  const ordered = [...byOffset].sort((a, b) => rank(a) - rank(b) || a.offset - b.offset);
  const records: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    records.push(zip.subarray(e.offset, e.end));
    const central = Buffer.from(e.central);
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    offset += e.end - e.offset;
  }
  const end = Buffer.from(zip.subarray(endAt));
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, ...centrals, end]);
}
