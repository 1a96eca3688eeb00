import type { FC } from "hono/jsx";
import { DataNote, RichText } from "../../core/views/text.tsx";
import { BLOCK_ROLE_TITLES as ROLE_TITLES } from "../node-edit.ts";
import type { BlockRow } from "../queries.ts";

type Content = {
  paragraphs?: string[];
  items?: string[];
  plans?: { name: string; period?: string }[];
  columns?: string[];
  rows?: string[][];
};

type Level = 2 | 3 | 4 | 5 | 6;
const tag = (level: number) => `h${Math.min(Math.max(level, 2), 6) as Level}` as const;

/**
 * A node's blocks in order. Heading blocks open a level; other blocks' titles sit one level
 * below the last heading, starting at `base`.
 */
export const Blocks: FC<{ blocks: BlockRow[]; base: number }> = ({ blocks, base }) => {
  let depth = 0;
  return (
    <>
      {blocks.map((block) => {
        if (block.kind === "heading") {
          depth = (block.content as { level: number }).level;
          const H = tag(base + depth - 1);
          return (
            <>
              <H>{block.title}</H>
              <DataNote note={block.note} />
            </>
          );
        }
        return <BlockView block={block} level={base + depth} />;
      })}
    </>
  );
};

/** One text block or table of a plan node, its title a heading of the given level. */
export const BlockView: FC<{ block: BlockRow; level: number }> = ({ block, level }) => {
  const c = block.content as Content;
  const title = block.title ?? ROLE_TITLES[block.role];
  const H = tag(level);
  const boxed = block.role === "explanation" || block.role === "note";
  const body = (
    <>
      {title && block.kind !== "table" ? <H>{title}</H> : null}
      {c.paragraphs?.map((p) => (
        <p>
          <RichText text={p} />
        </p>
      ))}
      {c.items ? (
        <ul>
          {c.items.map((item) => (
            <li>
              <RichText text={item} />
            </li>
          ))}
        </ul>
      ) : null}
      {c.plans ? (
        <ul>
          {c.plans.map((p) => (
            <li>
              {p.name}
              {p.period ? <span class="muted">（{p.period.replace(/^（|）$/g, "")}）</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {c.columns && c.rows ? <DataTable caption={title} columns={c.columns} rows={c.rows} /> : null}
      <DataNote note={block.note} />
    </>
  );
  return boxed ? <section class="box">{body}</section> : <section>{body}</section>;
};

export const DataTable: FC<{ caption?: string; columns: string[]; rows: string[][] }> = ({
  caption,
  columns,
  rows,
}) => (
  <div class="table-wrap">
    <table>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((col) => (
            <th scope="col">{col}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {row.map((cell, i) =>
              i === 0 && columns.length > 1 ? (
                <th scope="row">{cell}</th>
              ) : (
                <td>
                  {cell.split("\n").map((line, k) => (
                    <>
                      {k > 0 ? <br /> : null}
                      {line}
                    </>
                  ))}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
