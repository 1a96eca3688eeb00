/**
 * Attachments to a letter: how many, how large, and what a file really is (from its first bytes,
 * never from its name or the type the browser claims).
 */
import type { ErrorDetail } from "../core/errors.ts";
import type { Checked } from "../core/outcome.ts";

export const ATTACHMENT_LIMITS = { count: 3, bytes: 5 * 1024 * 1024 } as const;
export const ATTACHMENT_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const MAGIC: [AttachmentType, number[]][] = [
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The type a file really is, from its first bytes; null for anything else. */
export function detectType(bytes: Uint8Array): AttachmentType | null {
  for (const [type, magic] of MAGIC)
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** A file name safe to show and to send back: no path, no control characters, short. */
export function safeFileName(name: string): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()!
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them
      .replace(/[\u0000-\u001f\u007f"<>]/g, "")
      .trim() || "添付ファイル";
  return base.length > 100 ? base.slice(base.length - 100) : base;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedFile {
  name: string;
  contentType: AttachmentType;
  bytes: Uint8Array;
}

/** Checks the files sent with a letter: how many, how large, and what they really are. */
export function checkAttachments(files: UploadedFile[]): Checked<CheckedFile[]> {
  const sent = files.filter((f) => f.bytes.length > 0 || f.name !== "");
  const details: ErrorDetail[] = [];
  if (sent.length > ATTACHMENT_LIMITS.count)
    details.push({
      location: "attachments",
      message: `添付ファイルは${ATTACHMENT_LIMITS.count}つまでです（${sent.length}つ選ばれています）`,
    });
  const checked: CheckedFile[] = [];
  for (const f of sent.slice(0, ATTACHMENT_LIMITS.count)) {
    const name = safeFileName(f.name);
    if (f.bytes.length === 0) {
      details.push({ location: "attachments", message: `「${name}」は空のファイルです` });
      continue;
    }
    if (f.bytes.length > ATTACHMENT_LIMITS.bytes) {
      details.push({
        location: "attachments",
        message: `「${name}」は大きすぎます。1ファイル5MBまでです`,
      });
      continue;
    }
    const type = detectType(f.bytes);
    if (!type) {
      details.push({
        location: "attachments",
        message: `「${name}」は受け付けられない種類のファイルです。画像（JPEG・PNG）かPDFにしてください`,
      });
      continue;
    }
    checked.push({ name, contentType: type, bytes: f.bytes });
  }
  return details.length ? { ok: false, details } : { ok: true, value: checked };
}
