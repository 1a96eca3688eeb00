/**
 * People in records are named by their audit label (core/audit.ts Actor: 「user:3
 * editor@demo.invalid」, with 「 token:5」 when through an API token). Pages never show that
 * label: they show the person's display name and section (「デモ入力担当（行革推進課）」), from the
 * municipality's people (core/http/staff-frame.ts), or the e-mail address of someone who is no
 * longer a member.
 */
import { currentStaffFrame } from "./http/staff-frame.ts";

export interface ActorLabel {
  userId: number;
  email: string;
  tokenId?: number;
}

const USER = /^user:(\d+) (\S+)(?: token:(\d+))?$/;

/** The person (and token) a label names, or undefined for cli, system and the like. */
export function readActorLabel(label: string): ActorLabel | undefined {
  const m = USER.exec(label);
  if (!m) return undefined;
  return { userId: Number(m[1]), email: m[2]!, tokenId: m[3] ? Number(m[3]) : undefined };
}

const NON_PERSONS: Record<string, string> = {
  cli: "コマンド（CLI）",
  system: "システム",
  "public:letter-status": "投稿者（状況確認のリンクから）",
};

/** 「表示名（課名）」: the display name (or e-mail) followed by the sections it does not name yet. */
export function personTitle(p: { displayName: string; email: string; sections: string[] }) {
  const name = p.displayName.trim() || p.email;
  const missing = p.sections.filter((s) => !name.includes(s));
  return missing.length ? `${name}（${missing.join("・")}）` : name;
}

/**
 * How a page names whoever a record's label names: 「デモ入力担当（行革推進課）」 for a member, the
 * e-mail address of a former member, コマンド（CLI） or システム; — for none.
 */
export function personName(
  label: string | null | undefined,
  people: ReadonlyMap<number, string> | undefined = currentStaffFrame()?.people,
): string {
  if (!label) return "—";
  const known = NON_PERSONS[label];
  if (known) return known;
  const actor = readActorLabel(label);
  if (!actor) return label;
  return people?.get(actor.userId) ?? actor.email;
}
