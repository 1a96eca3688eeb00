/**
 * `shisaku plan export <code> <dir>`: writes a municipality's registry and plans as files that
 * import back to the same database state.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { type IndicatorRecord, loadIndicators } from "../indicators/index.ts";
import { findMunicipality, listSections } from "../municipalities/index.ts";
import type {
  Block,
  BlockRole,
  BodyKind,
  DetailFile,
  IndicatorFile,
  MunicipalityFile,
  PlanFile,
} from "./plan-file.ts";
import { type BlockRow, loadPlans, type PlanNode } from "./queries.ts";

/** Drops null/undefined, false flags and empty lists so that files stay readable. */
function compact<T extends object>(obj: T): T {
  return Object.fromEntries(
    Object.entries(obj).filter(
      ([, v]) =>
        v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

function blockOf(b: BlockRow): Block {
  const base = compact({
    kind: b.kind,
    role: b.role as BlockRole,
    title: b.title ?? undefined,
    note: b.note ?? undefined,
  });
  return { ...base, ...(b.content as object) } as Block;
}

function indicatorOf(r: IndicatorRecord, reposted: boolean): IndicatorFile {
  return compact({
    code: r.code,
    kind: r.kind,
    name: r.name,
    definition: r.definition ?? undefined,
    unit: r.unit,
    decimals: r.decimals ?? undefined,
    challenge: r.challenge,
    valueKind: r.valueKind,
    yearKind: r.yearKind,
    reposted,
    sections: r.sections.map((s) => s.code),
    baseline: {
      value: r.baseline.value,
      fiscalYear: r.baseline.fiscalYear,
      text: r.baseline.text,
      ...compact({ note: r.baseline.note ?? undefined }),
    },
    target: {
      form: r.target.form,
      value: r.target.value,
      fiscalYear: r.target.fiscalYear,
      text: r.target.text,
      ...compact({ note: r.target.note ?? undefined }),
      interim: r.target.interim.map((p) => ({
        fiscalYear: p.fiscalYear,
        value: p.value,
        text: p.text,
        ...compact({ note: p.note }),
      })),
    },
    // Actuals that another module reports or computes are exported by that module, not here.
    actuals: r.actuals
      .filter((a) => a.origin === "entered")
      .map((a) => ({
        fiscalYear: a.fiscalYear,
        value: a.value,
        estimate: a.estimate,
        ...compact({
          text: a.text ?? undefined,
          done: a.done ?? undefined,
          asOf: a.asOf ?? undefined,
          note: a.note ?? undefined,
          source: a.source ?? undefined,
        }),
      })),
    source: r.source ?? undefined,
    note: r.note ?? undefined,
  });
}

export async function exportMunicipality(db: Db, code: string) {
  const m = await findMunicipality(db, code);
  if (!m) throw notFound(`団体コード ${code} の団体`);
  const [sectionRows, trees, records] = await Promise.all([
    listSections(db, code),
    loadPlans(db, code),
    loadIndicators(db, code),
  ]);
  const municipality: MunicipalityFile = compact({
    code: m.code,
    name: m.name,
    prefecture: m.prefecture,
    bodyKind: m.bodyKind as BodyKind,
    note: m.note ?? undefined,
    sections: sectionRows.map((s) =>
      compact({ code: s.code, name: s.name, kind: s.kind, note: s.note ?? undefined }),
    ),
  });
  // Indicators listed at each node, in printed order, with the repost flag of that listing.
  const atNode = new Map<number, { position: number; file: IndicatorFile }[]>();
  for (const r of records) {
    for (const a of r.appearances) {
      const list = atNode.get(a.nodeId) ?? [];
      list.push({ position: a.position, file: indicatorOf(r, a.reposted) });
      atNode.set(a.nodeId, list);
    }
  }
  const indicatorsAt = (n: PlanNode) =>
    (atNode.get(n.id) ?? []).sort((a, b) => a.position - b.position).map((x) => x.file);
  const common = (n: PlanNode) =>
    compact({
      code: n.code,
      title: n.title,
      summary: n.summary ?? undefined,
      blocks: n.blocks.map(blockOf),
      indicators: indicatorsAt(n),
      note: n.note ?? undefined,
    });
  // An initiative and the nodes below it, down to the plan's deepest level.
  const below = (n: PlanNode): DetailFile =>
    compact({
      code: n.code,
      title: n.title,
      description: n.description ?? undefined,
      challenge: n.challenge,
      sections: n.sections.map((s) => s.code),
      indicators: indicatorsAt(n),
      children: n.children.map(below),
      note: n.note ?? undefined,
    });
  const planFiles: PlanFile[] = trees
    .filter((t) => t.root)
    .map((t) => {
      const root = t.root!;
      return compact({
        municipality: code,
        code: t.code,
        title: t.title,
        subtitle: t.subtitle ?? undefined,
        kind: t.kind as PlanFile["kind"],
        period: { from: t.periodFrom, to: t.periodTo },
        source: t.source ?? undefined,
        note: t.note ?? undefined,
        levels: t.levels ?? undefined,
        policy: common(root),
        measures: root.children.map((m) =>
          compact({
            ...common(m),
            number: m.number ?? m.position + 1,
            priority: m.priority,
            sections: m.sections.map((s) => s.code),
            initiatives: m.children.map((i) =>
              compact({ ...below(i), description: i.description ?? "" }),
            ),
          }),
        ),
      }) as PlanFile;
    });
  return { municipality, plans: planFiles };
}

const yaml = (data: unknown) =>
  YAML.stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });

/** Writes municipality.yaml and plans/<plan>.yaml under `dir`; returns the files written. */
export async function writeMunicipalityFiles(db: Db, code: string, dir: string) {
  const { municipality, plans } = await exportMunicipality(db, code);
  await mkdir(path.join(dir, "plans"), { recursive: true });
  const written = [path.join(dir, "municipality.yaml")];
  await writeFile(written[0]!, yaml(municipality));
  for (const p of plans) {
    const file = path.join(dir, "plans", `${p.code}.yaml`);
    await writeFile(file, yaml(p));
    written.push(file);
  }
  return written;
}
