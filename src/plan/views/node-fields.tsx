/** The fields of a plan node's edit form. */
import type { FC } from "hono/jsx";
import { CheckField, SectionChoices, shownValues, TextField } from "../../core/views/fields.tsx";
import type { FieldsProps } from "../../publishing/index.ts";
import { type NodeFields, nodeFieldLabels, textField } from "../node-edit.ts";

/** The fields, named by the node's level as the plan names it (取組内容, 主要施策内容 …). */
export const NodeFieldsForm: FC<FieldsProps<NodeFields>> = ({
  values,
  published,
  raw,
  sections,
  details,
}) => {
  const { text, flag, list } = shownValues(raw);
  const label = nodeFieldLabels(published.level ?? values.level);
  return (
    <>
      <TextField
        name="title"
        label={label.title}
        required
        value={text("title", values.title)}
        details={details}
      />
      <TextField
        name="summary"
        label={label.summary}
        multiline
        value={text("summary", values.summary)}
        details={details}
      />
      <TextField
        name="description"
        label={label.description}
        multiline
        value={text("description", values.description)}
        details={details}
      />
      <CheckField
        name="priority"
        label={label.priority}
        checked={flag("priority", values.priority)}
      />
      <CheckField
        name="challenge"
        label={label.challenge}
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
        label={label.note}
        multiline
        value={text("note", values.note)}
        details={details}
      />
    </>
  );
};
