/**
 * Editing a plan node (a level of the plan's tree, named as the plan names it): the fields a
 * planner may change, how the edit form is read and checked, and how a change is shown before
 * publishing. Fields are named by the node's level (「取組内容」 of Ishioka's 具体的な取組,
 * 「主要施策内容」 of a plan's 主要施策). Pure.
 */
import type { ErrorDetail } from "../core/errors.ts";
import {
  compareFields,
  type FieldSpec,
  keepOrder,
  linesOf,
  orDash,
  yesNo,
} from "../core/field-changes.ts";
import { type FormBody, formList, formText, optionalText } from "../core/forms.ts";
import { DEFAULT_LEVELS, levelNoun } from "./levels.ts";

/** Headings of the standard blocks of a node, when the block prints none of its own. */
export const BLOCK_ROLE_TITLES: Record<string, string> = {
  desired_state: "あるべき将来の姿",
  current_situation: "現状・これまでの取組",
  issues: "課題",
  related_plans: "関連計画",
  main_initiatives: "主な取組",
};

/** A text block of the node that is edited as lines: 現状・これまでの取組, 課題, paragraphs. */
export interface NodeText {
  position: number;
  kind: "paragraphs" | "list";
  /** The block's heading as printed (not editable here). */
  title: string;
  lines: string[];
}

export interface NodeFields {
  /**
   * The plan's name of the node's level (主要施策, 具体的な取組): not edited here, it names the
   * fields. Absent in drafts saved before it was kept.
   */
  level?: string;
  title: string;
  summary: string | null;
  /** What the node does (「取組内容」, 「主要施策内容」): the plan's text beside its name. */
  description: string | null;
  note: string | null;
  priority: boolean;
  challenge: boolean;
  /** Responsible sections (担当課) by code, in printed order. */
  sections: string[];
  texts: NodeText[];
}

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

/** The form field of a text block. */
export const textField = (t: Pick<NodeText, "position">) => `text-${t.position}`;

const sectionNames = (names: ReadonlyMap<string, string>) => (f: NodeFields) =>
  f.sections.map((s) => names.get(s) ?? s).join("、") || "—";

/** The level's name when a record does not say (a node of the default 3rd level). */
const UNNAMED_LEVEL = DEFAULT_LEVELS[2]!.label;

/**
 * The names of a node's fields by the plan's name of its level: 「取組内容」「チャレンジする取組」 for
 * Ishioka's 具体的な取組, 「主要施策内容」「チャレンジする主要施策」 for a plan's 主要施策.
 */
export function nodeFieldLabels(level: string | undefined) {
  const noun = levelNoun(level ?? UNNAMED_LEVEL);
  return {
    level: "階層",
    title: "名称",
    summary: "概要",
    description: `${noun}内容`,
    priority: "重点",
    challenge: `チャレンジする${noun}`,
    sections: "担当課",
    texts: "本文（現状・課題など）",
    note: "注記",
  } satisfies Record<keyof NodeFields, string>;
}

/** The fields of a node, named by its level and shown as the plan prints them. */
export function nodeFieldSpecs(
  texts: readonly NodeText[],
  names: ReadonlyMap<string, string>,
  level?: string,
): FieldSpec<NodeFields>[] {
  const label = nodeFieldLabels(level);
  return [
    [label.title, (f) => f.title],
    [label.summary, (f) => orDash(f.summary)],
    [label.description, (f) => orDash(f.description)],
    [label.priority, (f) => yesNo(f.priority)],
    [label.challenge, (f) => yesNo(f.challenge)],
    [label.sections, sectionNames(names)],
    ...texts.map(
      (t): FieldSpec<NodeFields> => [
        t.title,
        (f) => f.texts.find((x) => x.position === t.position)?.lines.join("\n") ?? "",
      ],
    ),
    [label.note, (f) => orDash(f.note)],
  ];
}

/** What an edit changes, named by the node's level (the published record's, which is current). */
export const nodeChanges = (
  before: NodeFields,
  after: NodeFields,
  names: ReadonlyMap<string, string>,
) => compareFields(nodeFieldSpecs(before.texts, names, before.level ?? after.level), before, after);

/**
 * Reads the edit form against the published node (its text blocks) and the municipality's
 * sections. Errors name the field and say what to fix.
 */
export function readNodeForm(
  form: FormBody,
  published: NodeFields,
  knownSections: readonly string[],
): { fields: NodeFields } | { errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const title = formText(form.title).trim();
  if (title === "") errors.push({ location: "title", message: "名称を入力してください" });
  else if (title.length > TITLE_MAX)
    errors.push({
      location: "title",
      message: `名称は${TITLE_MAX}文字以内にしてください（${title.length}文字）`,
    });
  const long = (field: string, label: string) => {
    const value = optionalText(formText(form[field]));
    if (value && value.length > TEXT_MAX)
      errors.push({
        location: field,
        message: `${label}は${TEXT_MAX}文字以内にしてください（${value.length}文字）`,
      });
    return value;
  };
  const label = nodeFieldLabels(published.level);
  const summary = long("summary", label.summary);
  const description = long("description", label.description);
  const note = long("note", label.note);
  const sections = [...new Set(formList(form.sections))];
  const unknown = sections.filter((s) => !knownSections.includes(s));
  if (unknown.length)
    errors.push({ location: "sections", message: `不明な担当課です: ${unknown.join("、")}` });
  const texts = published.texts.map((t) => {
    const field = textField(t);
    const lines = linesOf(formText(form[field]));
    if (lines.length === 0)
      errors.push({ location: field, message: `${t.title}を1行以上入力してください` });
    else if (lines.join("\n").length > TEXT_MAX)
      errors.push({ location: field, message: `${t.title}は${TEXT_MAX}文字以内にしてください` });
    return { ...t, lines };
  });
  if (errors.length) return { errors };
  return {
    fields: {
      ...(published.level === undefined ? {} : { level: published.level }),
      title,
      summary,
      description,
      note,
      priority: formText(form.priority) === "on",
      challenge: formText(form.challenge) === "on",
      // Keep the printed order of sections that stay; new ones follow in the form's order.
      sections: keepOrder(published.sections, sections),
      texts,
    },
  };
}
