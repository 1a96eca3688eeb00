/**
 * The demo's catalogue: the three types the plan says Ishioka publishes (公衆トイレ一覧,
 * 介護サービス事業所一覧, 公衆無線LANアクセスポイント一覧; 基本施策3's table). The plan does not
 * print their rows, so every row here is a sample, marked 「サンプル」 (and the datasets too).
 */
import { createHash } from "node:crypto";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { feedOpenDataTypes } from "./indicator-feed.ts";
import { opendataDatasets, opendataResources, opendataResourceVersions } from "./schema.ts";
import { standardSchema } from "./standard/schemas.ts";
import { checkTable } from "./table-rules.ts";

const LEAD = { 全国地方公共団体コード: "082058", 地方公共団体名: "茨城県石岡市" };

const SAMPLES: {
  type: string;
  slug: string;
  title: string;
  section: string;
  rows: Record<string, string>[];
}[] = [
  {
    type: "public-toilets",
    slug: "public-toilets",
    title: "公衆トイレ一覧",
    section: "",
    rows: [1, 2, 3].map((n) => ({
      ...LEAD,
      ID: String(n),
      名称: `サンプル公衆トイレ${n}`,
      名称_カナ: `サンプルコウシュウトイレ${n}`,
      住所: `茨城県石岡市（サンプル住所${n}）`,
      設置位置: "公園内（サンプル）",
      緯度: String(36.19 + n / 100),
      経度: String(140.28 + n / 100),
      多機能トイレ数: String(n % 2),
      車椅子使用者用トイレ有無: n % 2 ? "有" : "無",
      乳幼児用設備設置トイレ有無: "無",
      オストメイト設置トイレ有無: n === 1 ? "有" : "無",
      利用開始時間: "08:30",
      利用終了時間: "17:15",
    })),
  },
  {
    type: "care-services",
    slug: "care-services",
    title: "介護サービス事業所一覧",
    section: "",
    rows: [1, 2].map((n) => ({
      ...LEAD,
      ID: String(n),
      介護サービス事業所名称: `サンプル介護事業所${n}`,
      介護サービス事業所名称_カナ: `サンプルカイゴジギョウショ${n}`,
      実施サービス: n === 1 ? "通所介護" : "訪問介護",
      住所: `茨城県石岡市（サンプル住所${n}）`,
      緯度: String(36.18 + n / 100),
      経度: String(140.27 + n / 100),
      電話番号: `0299-00-000${n}`,
      定員: n === 1 ? "30" : "",
    })),
  },
  {
    type: "public-wifi",
    slug: "public-wifi",
    title: "公衆無線LANアクセスポイント一覧",
    section: "",
    rows: [1, 2].map((n) => ({
      ...LEAD,
      ID: String(n),
      名称: `サンプル公共施設${n}`,
      名称_カナ: `サンプルコウキョウシセツ${n}`,
      住所: `茨城県石岡市（サンプル住所${n}）`,
      緯度: String(36.2 + n / 100),
      経度: String(140.29 + n / 100),
      SSID: `SAMPLE_FREE_WIFI_${n}`,
      提供エリア: "ロビー（サンプル）",
    })),
  },
];

/** Loads the demo's catalogue, published, and counts 「オープンデータの種類」 from it. */
export async function loadSampleCatalogue(db: Db, mc: string) {
  await withTenant(db, mc, async (tx) => {
    for (const s of SAMPLES) {
      const schema = standardSchema(s.type)!;
      const header = schema.columns.map((c) => c.name);
      const csvRows = [header, ...s.rows.map((r) => header.map((h) => r[h] ?? ""))];
      const table = checkTable(
        { sheet: s.slug, format: "csv", rows: csvRows.map((cells, i) => ({ row: i + 1, cells })) },
        schema,
        mc,
      );
      if (table.errors.length) throw new Error(`demo ${s.slug}: ${JSON.stringify(table.errors)}`);
      const now = new Date();
      const [d] = await tx
        .insert(opendataDatasets)
        .values({
          municipalityCode: mc,
          slug: s.slug,
          title: s.title,
          description: `${schema.name}（自治体標準オープンデータセット）。行はすべてデモ用のサンプルです。`,
          licence: "CC-BY-4.0",
          frequency: "随時",
          keywords: [schema.name],
          themes: ["REGI"],
          spatial: "茨城県石岡市",
          standardType: s.type,
          sample: true,
          status: "published",
          publishedAt: now,
        })
        .returning({ id: opendataDatasets.id });
      const [r] = await tx
        .insert(opendataResources)
        .values({
          municipalityCode: mc,
          datasetId: d!.id,
          slug: s.type,
          title: `${s.title}（サンプル）`,
        })
        .returning({ id: opendataResources.id });
      const csv = csvRows.map((row) => row.join(",")).join("\r\n");
      await tx.insert(opendataResourceVersions).values({
        municipalityCode: mc,
        resourceId: r!.id,
        number: 1,
        fileName: `${s.slug}-sample.csv`,
        format: "csv",
        sha256: createHash("sha256").update(csv).digest("hex"),
        size: Buffer.byteLength(csv),
        content: Buffer.from(csv),
        columns: table.columns,
        rows: table.rows,
        rowCount: table.rows.length,
        summary: `新規 ${table.rows.length} 行（サンプル）`,
        uploadedBy: "demo",
      });
    }
    await feedOpenDataTypes(tx, mc);
  });
}
