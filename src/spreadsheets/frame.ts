/**
 * Spreadsheet dataset `frame`: the fiscal frame's settled and budget years, one row per revenue
 * or expenditure category (and うち臨時財政対策債), one column per fiscal year. Applying writes
 * each changed year through finance/frame-store.ts `writeFrameYear`, the staff page's own
 * path: the same rules, projection check, version and audit. Amounts are yen; never negative,
 * so △ is refused here. Adding years is done on the staff page.
 */
import { asc, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { fiscalFrameYears } from "../finance/frame-schema.ts";
import type { FrameYearRow } from "../finance/index.ts";
import {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  financeSections,
  mayEditFinance,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
  writeFrameYear,
} from "../finance/index.ts";
import type { CellChange, Dataset, ExportRow, FileChanges } from "./dataset.ts";

interface Line {
  key: string;
  side: "歳入" | "歳出";
  name: string;
  get: (y: FrameYearRow) => number;
  set: (y: FrameYearRow, v: number) => void;
}

const LINES: Line[] = [
  ...REVENUE_CATEGORIES.map(
    (c): Line => ({
      key: `revenue.${c}`,
      side: "歳入",
      name: REVENUE_LABELS[c],
      get: (y) => y.revenue[c],
      set: (y, v) => {
        y.revenue[c] = v;
      },
    }),
  ),
  {
    key: "extraordinaryFiscalBonds",
    side: "歳入",
    name: "うち臨時財政対策債",
    get: (y) => y.extraordinaryFiscalBonds,
    set: (y, v) => {
      y.extraordinaryFiscalBonds = v;
    },
  },
  ...EXPENDITURE_CATEGORIES.map(
    (c): Line => ({
      key: `expenditure.${c}`,
      side: "歳出",
      name: EXPENDITURE_LABELS[c],
      get: (y) => y.expenditure[c],
      set: (y, v) => {
        y.expenditure[c] = v;
      },
    }),
  ),
];
const lineOf = new Map(LINES.map((l) => [l.key, l]));

interface FrameSnapshot {
  years: FrameYearRow[];
  sections: string[];
}

async function loadYears(tx: Tx, mc: string) {
  const rows = await tx
    .select()
    .from(fiscalFrameYears)
    .where(eq(fiscalFrameYears.municipalityCode, mc))
    .orderBy(asc(fiscalFrameYears.fiscalYear));
  return rows.filter((y) => y.scenario === "" && y.kind !== "projection");
}

const rowOf = (s: FrameSnapshot, l: Line): ExportRow => ({
  key: l.key,
  values: { code: l.key, side: l.side, name: l.name },
  years: new Map(s.years.map((y) => [y.fiscalYear, l.get(y)])),
  numFmt: "#,##0",
});

export const frameDataset: Dataset<FrameSnapshot> = {
  name: "frame",
  title: "財政フレーム",
  description: "財政フレームの決算・予算の年度の歳入・歳出（1行が1つの区分、年度ごとに1列、円）",
  columns: [
    { key: "code", header: "区分コード", kind: { type: "text" }, editable: false, width: 30 },
    { key: "side", header: "歳入・歳出", kind: { type: "text" }, editable: false, width: 10 },
    { key: "name", header: "区分", kind: { type: "text" }, editable: false, width: 22 },
  ],
  keyColumn: "code",
  yearColumns: { editable: true, width: 18 },
  outcome: "変更は保存され、公開ページの財政フレームと推計にすぐ反映されます。",
  instructions: [
    "1行が歳入または歳出の1つの区分です。『区分コード』で区分を見分けます。灰色の列は変更しないでください。",
    "年度の列に、その年度（決算または予算）の額を円単位で入力します。全角の数字や桁区切りのカンマ（1,234）も読み取れます。マイナス（△）は使えません。",
    "年度の追加は職員用ページ「財政の入力」で行います。ここでは既にある年度の額だけを変更できます。",
    "うち臨時財政対策債は地方債の内数です。地方債を超えることはできません。",
    "アップロードすると、まず変更の一覧（確認画面）が表示されます。確定すると公開ページの財政フレームと推計にすぐ反映されます。",
    "入力できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です。",
    "ファイルの中に1つでも誤りがあると、何も変更されません。",
  ],
  async load(read, mc) {
    return {
      years: await read((tx) => loadYears(tx, mc)),
      sections: await read((tx) => financeSections(tx, mc)),
    };
  },
  years: (s) => s.years.map((y) => y.fiscalYear),
  rows: (s) => LINES.map((l) => rowOf(s, l)),
  current: (s, key) => {
    const l = lineOf.get(key);
    return l ? rowOf(s, l) : undefined;
  },
  unitOf: () => "円",
  codeLists: () => [
    {
      title: "区分",
      header: ["区分コード", "歳入・歳出", "区分"],
      rows: LINES.map((l) => [l.key, l.side, l.name]),
    },
  ],
  compare(s, rows, who: Principal, sheet): FileChanges {
    const changes: CellChange[] = [];
    const errors: FileChanges["errors"] = [];
    let changedRows = 0;
    let unchangedRows = 0;
    const allowed = mayEditFinance(who, s.sections);
    for (const row of rows) {
      const line = lineOf.get(row.key)!;
      let changed = false;
      for (const [fy, cell] of row.years) {
        const after = cell as number | null; // numbers only: the frame allows no words
        const year = s.years.find((y) => y.fiscalYear === fy);
        const before = year ? line.get(year) : null;
        if (after === before) continue;
        const column = row.yearHeaders.get(fy) ?? shortFiscalYearLabel(fy);
        const fail = (message: string) => errors.push({ sheet, row: row.row, column, message });
        if (!allowed)
          fail(
            "財政フレームを変更できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です",
          );
        else if (!year)
          fail("財政フレームにない年度です。年度の追加は職員用ページで行ってください");
        else if (after === null) fail("空欄にはできません。額がないときは0を入力してください");
        else if (after < 0) fail("マイナスの額は入力できません");
        else if (!Number.isSafeInteger(after)) fail("円単位の整数で入力してください");
        else {
          changed = true;
          changes.push({
            row: row.row,
            key: line.key,
            label: `${line.side}: ${line.name}`,
            column,
            fiscalYear: fy,
            before,
            after,
            unit: "円",
            correction: false,
          });
        }
      }
      if (changed) changedRows++;
      else unchangedRows++;
    }
    return { changes, changedRows, unchangedRows, errors };
  },
  async apply(tx, ctx, changes) {
    const years = await loadYears(tx, ctx.mc);
    for (const fy of [...new Set(changes.map((c) => c.fiscalYear!))]) {
      const row = years.find((y) => y.fiscalYear === fy)!;
      const next: FrameYearRow = structuredClone(row);
      for (const c of changes.filter((x) => x.fiscalYear === fy))
        lineOf.get(c.key)!.set(next, c.after as number);
      const result = await writeFrameYear(
        tx,
        ctx.mc,
        ctx.who,
        ctx.actor,
        {
          fiscalYear: fy,
          kind: row.kind as "settled" | "budget",
          sample: row.sample,
          source: row.source,
          revenue: next.revenue,
          extraordinaryFiscalBonds: next.extraordinaryFiscalBonds,
          expenditure: next.expenditure,
          funds: row.funds ?? undefined,
          population: row.population ?? undefined,
          standardFiscalScale: row.standardFiscalScale ?? undefined,
          note: row.note ?? undefined,
        },
        row.version,
      );
      if (result.status === "invalid")
        throw new AppError(
          "bad_request",
          `${shortFiscalYearLabel(fy)}の財政フレームに誤りがあります`,
          result.details,
        );
      if (result.status === "conflict")
        throw new AppError("conflict", "ほかの人が先に財政フレームを変更しました");
    }
  },
  // A fiscal year's column is one record (its audit entries are keyed 「year:kind」).
  versionOf: (s, _key, fy) => {
    const y = s.years.find((x) => x.fiscalYear === fy);
    return y
      ? {
          version: String(y.version),
          audit: { type: "fiscal_frame_year", key: `${y.fiscalYear}:${y.kind}` },
        }
      : undefined;
  },
};
