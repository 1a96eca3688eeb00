/**
 * Datasets of the catalogue made from the municipality's own data rather than uploaded, always
 * current (made again after every change of the municipality's data, see published.ts):
 *
 * - 計画の体系 (`plan-tree`): every plan's nodes, policy → measure → initiative → program;
 * - 指標と実績 (`plan-indicators`): the indicators (the same columns as /{code}/indicators.csv)
 *   and every yearly actual;
 * - 公共施設一覧 (`public-facilities`): the facilities registry in use, in the standard schema;
 * - アンケート調査結果 (`survey-results`): the aggregated results of each survey whose results
 *   are published (never an answer);
 * - オープンデータ一覧 (`opendata-list`): the catalogue itself in the standard schema, last, so
 *   that it lists the others.
 *
 * Their column names are stable and documented in standard/GENERATED.md.
 */
import { createHash } from "node:crypto";
import { feedOf } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import {
  type IndicatorRecord,
  indicatorCsvHeader,
  indicatorCsvRow,
  loadPublicRegistry,
  type loadRegistry,
} from "../indicators/index.ts";
import { findMunicipality } from "../municipalities/index.ts";
import type { PlanNode } from "../plan/index.ts";
import { loadRecords, offeredRegistries } from "../registries/index.ts";
import { listSurveys, resultsTable, surveyResults } from "../surveys/index.ts";
import { type CatalogueDataset, listDatasets, type Resource } from "./catalogue.ts";
import { LICENCE_LABELS, THEMES } from "./rules.ts";
import type { StoredCell } from "./schema.ts";
import { standardSchema } from "./standard/schemas.ts";

export interface GeneratedTable {
  columns: string[];
  rows: StoredCell[][];
}

/** The slugs generated datasets take (an uploaded dataset of the same slug comes first). */
export const GENERATED_SLUGS = [
  "plan-tree",
  "plan-indicators",
  "public-facilities",
  "survey-results",
  "opendata-list",
] as const;
type GeneratedSlug = (typeof GENERATED_SLUGS)[number];

/** The generated 公共施設一覧's slug (and its standard type's key). */
export const FACILITIES_SLUG = "public-facilities" satisfies GeneratedSlug;
/** The generated オープンデータ一覧's slug (and its standard type's key). */
export const OPENDATA_LIST_SLUG = "opendata-list" satisfies GeneratedSlug;

/**
 * The standard datasets the catalogue generates and publishes (pure): 公共施設一覧 while the
 * facilities registry has a facility in use (サンプル when every one is), オープンデータ一覧
 * always — each unless a published registered dataset has taken its slug (`taken`).
 */
export function generatedStandardDatasets(
  taken: ReadonlySet<string>,
  facilitiesInUse: readonly { sample: boolean }[],
) {
  const made: { slug: GeneratedSlug; standardType: string; sample: boolean }[] = [];
  if (facilitiesInUse.length && !taken.has(FACILITIES_SLUG))
    made.push({
      slug: FACILITIES_SLUG,
      standardType: FACILITIES_SLUG,
      sample: facilitiesInUse.every((f) => f.sample),
    });
  if (!taken.has(OPENDATA_LIST_SLUG))
    made.push({ slug: OPENDATA_LIST_SLUG, standardType: OPENDATA_LIST_SLUG, sample: false });
  return made;
}

/** A stable UUID (name-based, version 5 layout) for what has no row of its own. */
export function stableUuid(name: string) {
  const h = createHash("sha1").update(`shisaku-opendata:${name}`).digest("hex");
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Draft {
  slug: GeneratedSlug;
  title: string;
  titleEn: string;
  description: string;
  themes: string[];
  keywords: string[];
  standardType: string | null;
  sample: boolean;
  resources: { slug: string; title: string; description: string; table: GeneratedTable }[];
}

function planTree(trees: Awaited<ReturnType<typeof loadRegistry>>["trees"]): GeneratedTable {
  const rows: StoredCell[][] = [];
  for (const plan of trees) {
    const walk = (n: PlanNode, parent: PlanNode | null, depth: number) => {
      rows.push([
        plan.code,
        plan.title,
        n.code,
        // The plan's own name of the level (政策・基本施策・具体的な取組 unless it names them).
        n.kind === "program" ? "事務事業" : n.level.label,
        depth,
        n.number,
        n.title,
        parent?.code ?? null,
        n.summary,
        n.sections.map((s) => s.name).join("、") || null,
        n.priority ? "○" : null,
        n.challenge ? "○" : null,
      ]);
      for (const c of n.children) walk(c, n, depth + 1);
    };
    if (plan.root) for (const c of plan.root.children) walk(c, null, 1);
  }
  return {
    columns: [
      "計画コード",
      "計画名",
      "コード",
      "種類",
      "階層",
      "番号",
      "名称",
      "上位のコード",
      "概要",
      "担当課",
      "重点",
      "チャレンジ",
    ],
    rows,
  };
}

function actualsTable(records: IndicatorRecord[]): GeneratedTable {
  const rows: StoredCell[][] = [];
  for (const r of records)
    for (const a of r.actuals)
      rows.push([
        r.code,
        r.name,
        shortFiscalYearLabel(a.fiscalYear),
        a.fiscalYear,
        a.value,
        a.text,
        a.done === null ? null : a.done ? "達成" : "未達成",
        r.unit,
        a.asOf,
        a.estimate ? "見込" : null,
        a.origin === "computed" ? "算定値" : a.origin === "reported" ? "報告値" : "入力値",
        a.source,
        a.note,
      ]);
  return {
    columns: [
      "指標コード",
      "指標名",
      "年度",
      "年度（西暦）",
      "実績値",
      "実績（文字）",
      "達成状況",
      "単位",
      "時点",
      "見込",
      "区分",
      "出典",
      "備考",
    ],
    rows,
  };
}

const standardColumns = (key: string) => standardSchema(key)!.columns.map((c) => c.name);

/** A row in a standard schema's column order from a map of the columns it fills. */
const inColumns = (columns: string[], cells: Record<string, StoredCell | undefined>) =>
  columns.map((c) => cells[c] ?? null);

const text = (v: unknown) => (v === undefined || v === null || v === "" ? null : String(v));
const num = (v: unknown) =>
  typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : null;

/** The facilities in use, where the municipality keeps the facilities registry. */
async function facilities(db: Db, mc: string, name: string) {
  const kept = (await offeredRegistries(db, mc)).some((r) => r.key === "facilities");
  const records = kept
    ? (await loadRecords(db, mc, "facilities")).filter((r) => r.retiredOn === null)
    : [];
  const columns = standardColumns(FACILITIES_SLUG);
  const rows = records.map((r) => {
    const f = r.fields as Record<string, unknown>;
    return inColumns(columns, {
      全国地方公共団体コード: mc,
      ID: String(r.id),
      地方公共団体名: name,
      名称: r.name,
      名称_カナ: text(f.nameKana),
      住所: text(f.address),
      緯度: num(f.latitude),
      経度: num(f.longitude),
      説明: [text(f.category), text(f.plan) && `個別施設計画: ${f.plan}`]
        .filter(Boolean)
        .join("、"),
      備考: r.sample ? "サンプル" : null,
    });
  });
  return { columns, rows, records };
}

async function surveyTables(db: Db, mc: string) {
  const surveys = (await listSurveys(db, mc, { publicOnly: true })).filter(
    (s) => s.resultsPublished,
  );
  const out: Draft["resources"] = [];
  for (const s of surveys) {
    const results = await surveyResults(db, mc, s);
    out.push({
      slug: `survey-${s.id}`,
      title: `${s.title}${s.isSample ? "（サンプル）" : ""}`,
      description: `${s.fiscalYear}年度。回答 ${results.respondents} 人、回収率 ${(results.responseRate * 100).toFixed(1)}%。重み付き割合は事後層化（またはレイキング）による推計、95%信頼区間は Wilson 法。回答が10人に満たない問は載せていません。`,
      table: resultsTable(results),
    });
  }
  return { resources: out, sample: surveys.length > 0 && surveys.every((s) => s.isSample) };
}

/** The catalogue in the standard オープンデータ一覧 layout: one row per published dataset. */
export function openDataList(
  mc: string,
  name: string,
  base: string,
  datasets: readonly Pick<
    CatalogueDataset,
    | "slug"
    | "title"
    | "description"
    | "themes"
    | "frequency"
    | "licence"
    | "publishedAt"
    | "createdAt"
    | "updatedAt"
    | "sample"
    | "resources"
  >[],
): GeneratedTable {
  const columns = standardColumns(OPENDATA_LIST_SLUG);
  const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  const rows = datasets.map((d, i) =>
    inColumns(columns, {
      全国地方公共団体コード: mc,
      ID: String(i + 1),
      地方公共団体名: name,
      データ名称: d.title,
      データ概要: d.description,
      データ形式: d.resources.length ? "CSV;XLSX;JSON" : "",
      分類: d.themes.map((t) => THEMES[t] ?? t).join(";") || "その他",
      更新頻度: d.frequency,
      URL: `${base}/${mc}/opendata/${d.slug}`,
      API対応有無: "有",
      ライセンス: LICENCE_LABELS[d.licence],
      登録日: ymd(d.publishedAt ?? d.createdAt),
      最終更新日: ymd(d.updatedAt),
      備考: d.sample ? "サンプル" : null,
    }),
  );
  return { columns, rows };
}

/** Every generated dataset with its tables (read once per data version, see published.ts). */
export async function generate(
  db: Db,
  mc: string,
): Promise<{
  datasets: CatalogueDataset[];
  tables: Map<string, GeneratedTable>;
  list: (base: string) => GeneratedTable;
}> {
  const m = await findMunicipality(db, mc);
  const name = m?.name ?? mc;
  const stored = await listDatasets(db, mc, { publishedOnly: true });
  const taken = new Set(stored.map((d) => d.slug));
  const { trees, located } = await loadPublicRegistry(db, mc);
  const drafts: Draft[] = [];
  const tree = planTree(trees);
  if (tree.rows.length)
    drafts.push({
      slug: "plan-tree",
      title: "総合計画の体系",
      titleEn: "Structure of the comprehensive plan",
      description:
        "総合計画の政策・基本施策・具体的な取組（と事務事業）の一覧です。計画を更新すると、この表も変わります。",
      themes: ["GOVE"],
      keywords: ["総合計画", "施策体系"],
      standardType: null,
      sample: false,
      resources: [
        { slug: "nodes", title: "計画の体系", description: "一行が計画の一項目", table: tree },
      ],
    });
  if (located.length) {
    const records = located.map((l) => l.record);
    drafts.push({
      slug: "plan-indicators",
      title: "総合計画の指標と実績",
      titleEn: "Indicators of the comprehensive plan and their actuals",
      description:
        "総合計画の成果指標・活動指標の定義、基準値、目標、最新の実績と評価、および年度ごとの実績値です。実績を公表すると、この表も変わります。",
      themes: ["GOVE"],
      keywords: ["総合計画", "指標", "KPI"],
      standardType: null,
      sample: false,
      resources: [
        {
          slug: "indicators",
          title: "指標の一覧",
          description: "一行が一つの指標（/indicators.csv と同じ列）",
          table: { columns: indicatorCsvHeader(trees), rows: located.map(indicatorCsvRow) },
        },
        {
          slug: "actuals",
          title: "年度ごとの実績",
          description: "一行が一つの指標の一年度の実績",
          table: actualsTable(records),
        },
      ],
    });
  }
  const fac = await facilities(db, mc, name);
  const standard = generatedStandardDatasets(taken, fac.records);
  const made = (slug: GeneratedSlug) => standard.find((x) => x.slug === slug);
  const facilitiesMade = made(FACILITIES_SLUG);
  if (facilitiesMade)
    drafts.push({
      slug: FACILITIES_SLUG,
      title: "公共施設一覧",
      titleEn: "Public facilities",
      description:
        "公共施設の台帳のうち、使用中の施設を自治体標準オープンデータセット「公共施設一覧」の形式で公開しています。台帳を更新すると、この表も変わります。",
      themes: ["REGI"],
      keywords: ["公共施設", "公共施設一覧"],
      standardType: facilitiesMade.standardType,
      sample: facilitiesMade.sample,
      resources: [
        {
          slug: FACILITIES_SLUG,
          title: "公共施設一覧",
          description: "自治体標準オープンデータセットの列",
          table: { columns: fac.columns, rows: fac.rows },
        },
      ],
    });
  const surveys = await surveyTables(db, mc);
  if (surveys.resources.length)
    drafts.push({
      slug: "survey-results",
      title: "アンケート調査の集計結果",
      titleEn: "Survey results",
      description:
        "市民意識調査・職員アンケートの集計結果（問・選択肢ごとの割合、重み付き割合と95%信頼区間）です。個々の回答は含みません。",
      themes: ["GOVE"],
      keywords: ["アンケート", "市民意識調査"],
      standardType: null,
      sample: surveys.sample,
      resources: surveys.resources,
    });
  const now = new Date();
  const asDataset = (x: Draft, i: number): CatalogueDataset => ({
    id: -(i + 1),
    uuid: stableUuid(`${mc}/${x.slug}`),
    municipalityCode: mc,
    slug: x.slug,
    title: x.title,
    titleEn: x.titleEn,
    description: x.description,
    sectionCode: null,
    licence: "PDL-1.0",
    frequency: "随時（元のデータの更新のたび）",
    keywords: x.keywords,
    themes: x.themes,
    spatial: name,
    temporalStart: null,
    temporalEnd: null,
    contact: null,
    standardType: x.standardType,
    sample: x.sample,
    status: "published",
    publishedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
    resources: x.resources.map(
      (r, j): Resource => ({
        id: -((i + 1) * 100 + j),
        uuid: stableUuid(`${mc}/${x.slug}/${r.slug}`),
        slug: r.slug,
        title: r.title,
        description: r.description,
        createdAt: now,
        versions: [
          {
            number: 1,
            fileName: `${x.slug}-${r.slug}.csv`,
            format: "csv",
            sha256: createHash("sha256").update(JSON.stringify(r.table)).digest("hex"),
            size: 0,
            rowCount: r.table.rows.length,
            columns: r.table.columns,
            summary: "元のデータから作成",
            uploadedAt: now,
          },
        ],
      }),
    ),
  });
  const kept = drafts.filter((x) => !taken.has(x.slug));
  const datasets = kept.map(asDataset);
  const listMade = made(OPENDATA_LIST_SLUG);
  if (listMade) {
    const list: Draft = {
      slug: OPENDATA_LIST_SLUG,
      title: "オープンデータ一覧",
      titleEn: "Open data list",
      description:
        "このカタログで公開しているデータセットの一覧を、自治体標準オープンデータセット「オープンデータ一覧」の形式で公開しています。データセットを公開・更新すると、この表も変わります。",
      themes: ["GOVE"],
      keywords: ["オープンデータ一覧"],
      standardType: listMade.standardType,
      sample: listMade.sample,
      resources: [
        {
          slug: OPENDATA_LIST_SLUG,
          title: "オープンデータ一覧",
          description: "自治体標準オープンデータセットの列",
          table: openDataList(mc, name, "", [...stored, ...datasets]),
        },
      ],
    };
    kept.push(list);
    datasets.push(asDataset(list, datasets.length));
  }
  const tables = new Map<string, GeneratedTable>();
  for (const x of kept) for (const r of x.resources) tables.set(`${x.slug}/${r.slug}`, r.table);
  const listed = [...stored, ...datasets.filter((d) => d.slug !== OPENDATA_LIST_SLUG)];
  return {
    datasets,
    tables,
    // オープンデータ一覧's URLs are absolute, so its rows are written per site origin.
    list: (base: string) => openDataList(mc, name, base, listed),
  };
}

const generatedOf = (db: Db, mc: string) =>
  feedOf(db).memo(mc, "opendata:generated", () => generate(db, mc));

/** The generated datasets of a municipality (their rows: generatedRows). */
export const generatedDatasets = async (db: Db, mc: string) => (await generatedOf(db, mc)).datasets;

/** The rows of a generated resource, URLs under `base` (no rows for an unknown one). */
export async function generatedRows(
  db: Db,
  mc: string,
  slug: string,
  resource: string,
  base: string,
): Promise<GeneratedTable> {
  const made = await generatedOf(db, mc);
  if (slug === OPENDATA_LIST_SLUG && made.tables.has(`${slug}/${resource}`)) return made.list(base);
  return made.tables.get(`${slug}/${resource}`) ?? { columns: [], rows: [] };
}
