/**
 * `shisaku demo national` (for benchmarks only, never loaded by default): every municipality of
 * Japan as invented data — 1,741 municipalities with codes of the real form and valid check
 * digits, named and flagged 「サンプル」 — with
 *   - the values of the shared catalogue's indicators plus invented shared indicators
 *     (「サンプル共通指標」) up to `sharedIndicators`, for `years` fiscal years (one statement per
 *     shared indicator);
 *   - each municipality as a tenant with its own plan of `indicators` indicators and an actual per
 *     indicator and fiscal year (demo-plans.ts; 1,741 × 500 × 10 = 8.7 million actuals), a batch
 *     of municipalities per statement set.
 * Written by the database itself (INSERT … SELECT over generate_series), with progress reported
 * after each step.
 */
import { sql } from "drizzle-orm";
import { ANY, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { checkDigit } from "../core/municipality-code.ts";
import { type DemoTenant, deleteDemoTenants, writeDemoTenants } from "./demo-plans.ts";
import { recountYears } from "./queries.ts";

export interface NationalDemoOptions {
  municipalities: number;
  /** Own indicators of each municipality (its plan), each with an actual per fiscal year. */
  indicators: number;
  /** Shared indicators in all (the catalogue's own first, then invented ones). */
  sharedIndicators: number;
  years: number;
  lastYear: number;
}

export const NATIONAL_DEMO: NationalDemoOptions = {
  municipalities: 1741,
  indicators: 500,
  sharedIndicators: 20,
  years: 10,
  lastYear: 2024,
};

/** Municipalities written per transaction of the tenants' plans. */
const TENANT_BATCH = 50;

const PREFECTURES =
  "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県".split(
    " ",
  );

/** mulberry32: the same options give the same municipalities. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"];

/** The invented municipalities: spread over the 47 prefectures, cities first then towns. */
export function demoBodies(n: number) {
  const rnd = random(1741);
  const out: {
    code: string;
    name: string;
    prefecture: string;
    population: number;
    similar_group: string;
  }[] = [];
  for (let i = 0; i < n; i++) {
    const p = i % 47;
    const k = Math.floor(i / 47);
    const city = k < 16;
    const local = city ? 201 + k : 301 + (k - 16) * 2;
    const code5 = `${String(p + 1).padStart(2, "0")}${String(local).padStart(3, "0")}`;
    const population = Math.round(Math.exp((city ? 10.3 : 8.8) + rnd() * (city ? 2.2 : 1.6)));
    const band =
      population < 10_000
        ? 0
        : population < 50_000
          ? 1
          : population < 100_000
            ? 2
            : population < 150_000
              ? 3
              : 4;
    out.push({
      code: `${code5}${checkDigit(code5)}`,
      name: `サンプル${city ? "市" : "町"}${String(i + 1).padStart(4, "0")}`,
      prefecture: PREFECTURES[p]!,
      population,
      similar_group: `${city ? "都市" : "町村"}${ROMAN[band]}-${Math.floor(rnd() * 3)}`,
    });
  }
  return out;
}

const SOURCE = "shisaku demo national（サンプル）";

export interface NationalDemoProgress {
  /** A step of the shared indicators' values, then of the municipalities' plans. */
  shared: (done: number, total: number) => void;
  tenants: (done: number, total: number) => void;
}

const quiet: NationalDemoProgress = { shared: () => {}, tenants: () => {} };

export async function generateNationalDemo(
  db: Db,
  o: NationalDemoOptions = NATIONAL_DEMO,
  progress: NationalDemoProgress = quiet,
) {
  const [real] = (
    (await db.execute(
      sql`select count(*)::int as n from national_municipalities where not sample`,
    )) as unknown as { rows: { n: number }[] }
  ).rows;
  if (real && real.n > 0)
    throw new AppError(
      "conflict",
      `全国の市区町村の表に読み込んだ実データ（${real.n} 団体）があります。サンプルは性能測定用の別のデータベースで生成してください`,
    );
  const first = o.lastYear - o.years + 1;
  // The invented tenants first: their links refer to the invented shared indicators.
  await deleteDemoTenants(db);
  await db.execute(sql`delete from national_municipalities where sample`);
  await db.execute(sql`delete from shared_indicators where code like 'sample-%'`);
  const bodies = demoBodies(o.municipalities);
  await db.execute(sql`
    insert into national_municipalities (code, name, prefecture, population, similar_group, sample)
    select code, name, prefecture, population, similar_group, true
      from json_to_recordset(${JSON.stringify(bodies)}::json) as x(
             code char(6), name text, prefecture text, population integer, similar_group text)`);
  const catalogue = (
    (await db.execute(
      sql`select code from shared_indicators order by position, code`,
    )) as unknown as { rows: { code: string }[] }
  ).rows.map((r) => r.code);
  const invented = Math.max(0, o.sharedIndicators - catalogue.length);
  if (invented > 0)
    await db.execute(sql`
      insert into shared_indicators (code, name, name_en, unit, decimals, rank_order, definition, source, position)
      select 'sample-' || lpad(i::text, 3, '0'), 'サンプル共通指標' || i, 'Sample shared indicator ' || i,
             '%', 1, case when i % 2 = 0 then 'asc' else 'desc' end,
             '性能測定用の架空の共通指標（サンプル）', ${SOURCE}, 100 + i
        from generate_series(1, ${invented}) as i`);
  const codes = [
    ...catalogue.slice(0, o.sharedIndicators),
    ...Array.from({ length: invented }, (_, i) => `sample-${String(i + 1).padStart(3, "0")}`),
  ];
  progress.shared(0, codes.length);
  for (const [i, code] of codes.entries()) {
    // Per municipality a level (from its code) and per year a drift, so that ranks are stable.
    const value =
      code === "population"
        ? sql`round(b.population * (1 - (${o.lastYear}::int - fy) * 0.004))::float8`
        : sql`round((${5 + (i % 17) * 6}::int * (0.4 + (hashtext(b.code || ${code}::text) & 1023) / 1023.0)
                     * (1 + (fy - ${first}::int) * 0.01) + random())::numeric, 2)::float8`;
    await db.execute(sql`
      insert into shared_indicator_values (body_code, shared_code, fiscal_year, value, source, sample)
      select b.code, ${code}::text, fy, ${value}, ${SOURCE}::text, true
        from national_municipalities b
             cross join generate_series(${first}::int, ${o.lastYear}::int) as fy
       where b.sample
      on conflict (shared_code, fiscal_year, body_code) do update set value = excluded.value`);
    progress.shared(i + 1, codes.length);
  }
  await db.transaction((tx) => recountYears(tx, codes));
  await db.execute(sql`analyze national_municipalities`);
  await db.execute(sql`analyze shared_indicator_values`);

  // Each municipality as a tenant with its own plan, indicators and actuals.
  const tenants: DemoTenant[] = bodies.map((b) => ({
    code: b.code,
    name: b.name,
    prefecture: b.prefecture,
    city: b.name.includes("市"),
  }));
  // Every row written refers to rows written just before it in the same transaction: as the
  // database's superuser (a scratch database), the per-row foreign key checks are skipped.
  const [role] = (
    (await db.execute(
      sql`select rolsuper as superuser from pg_roles where rolname = current_user`,
    )) as unknown as { rows: { superuser: boolean }[] }
  ).rows;
  const batches = Math.ceil(tenants.length / TENANT_BATCH);
  let actuals = 0;
  progress.tenants(0, tenants.length);
  for (let k = 0; k < batches; k++) {
    const batch = tenants.slice(k * TENANT_BATCH, (k + 1) * TENANT_BATCH);
    actuals += await db.transaction(async (tx) => {
      if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
      return writeDemoTenants(tx, batch, {
        indicators: o.indicators,
        years: o.years,
        lastYear: o.lastYear,
        sharedCodes: codes,
      });
    });
    progress.tenants(Math.min(tenants.length, (k + 1) * TENANT_BATCH), tenants.length);
  }
  await db.execute(
    sql.raw(`analyze municipalities, sections, plans, plan_nodes, node_sections, node_blocks, indicators,
      indicator_appearances, indicator_sections, indicator_actuals, shared_indicator_links`),
  );
  changed(db, [ANY, ...bodies.map((b) => b.code)]);
  return {
    municipalities: bodies.length,
    sharedIndicators: codes.length,
    values: bodies.length * codes.length * o.years,
    indicators: o.indicators,
    actuals,
    firstYear: first,
    lastYear: o.lastYear,
    sampleCode: bodies[Math.min(4, bodies.length - 1)]!.code,
  };
}

/** A progress bar on the terminal: 「[#####-----] 50% 250/500 指標」. */
export function progressBar(
  label: string,
  write: (s: string) => void = (s) => process.stderr.write(s),
) {
  const started = Date.now();
  return (done: number, total: number) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 100}% ${done}/${total} ${label} ${seconds}s${done === total ? "\n" : ""}`,
    );
  };
}
