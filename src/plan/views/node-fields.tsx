/** The fields of a plan node's edit form. */
import type { FC } from "hono/jsx";
import { CheckField, SectionChoices, shownValues, TextField } from "../../core/views/fields.tsx";
import type { FieldsProps } from "../../publishing/index.ts";
import { type NodeFields, textField } from "../node-edit.ts";

export const NodeFieldsForm: FC<FieldsProps<NodeFields>> = ({ values, raw, sections, details }) => {
  const { text, flag, list } = shownValues(raw);
  return (
    <>
      <TextField
        name="title"
        label="名称"
        required
        value={text("title", values.title)}
        details={details}
      />
      <TextField
        name="summary"
        label="概要"
        multiline
        value={text("summary", values.summary)}
        details={details}
      />
      <TextField
        name="description"
        label="取組内容"
        multiline
        value={text("description", values.description)}
        details={details}
      />
      <CheckField name="priority" label="重点" checked={flag("priority", values.priority)} />
      <CheckField
        name="challenge"
        label="チャレンジする取組"
        checked={flag("challenge", values.challenge)}
      />
      <SectionChoices
        sections={sections}
        picked={list("sections", values.sections)}
        details={details}
      />
      {values.texts.map((t) => (
        <TextField
          name={textField(t)}
          label={t.title}
          required
          multiline
          rows={Math.max(4, t.lines.length + 1)}
          hint={t.kind === "list" ? "1行に1項目を書きます。" : "1行に1段落を書きます。"}
          value={text(textField(t), t.lines.join("\n"))}
          details={details}
        />
      ))}
      <TextField
        name="note"
        label="注記"
        multiline
        value={text("note", values.note)}
        details={details}
      />
    </>
  );
};
