/**
 * The demo municipality's registries: the seed's real records (Ishioka's six 一部事務組合 and the
 * 「公の施設の広域利用に関する協定書」 of March 2016 with 行方市, 小美玉市 and 茨城町, as the plan
 * prints them; the plan names no member municipalities of the 組合 and no day of the agreement,
 * so none is given), and sample facilities, labelled 「サンプル」, in a registry of their own.
 */
import { SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { REGISTRIES, type RegistryKey } from "./definitions.ts";
import { checkRecord, type RecordInput } from "./fields.ts";
import { insertRecords, recomputeRegistry } from "./store.ts";

const JOINT_BODIES: [name: string, work: string][] = [
  ["湖北環境衛生組合", "し尿"],
  ["霞台厚生施設組合", "ごみ、ごみ処理広域化"],
  ["石岡地方斎場組合", "火葬場"],
  ["湖北水道企業団", "水道、下水道使用料徴収"],
  ["茨城租税債権管理機構", "滞納処分等"],
  ["茨城県市町村総合事務組合", "退職手当、消防賞じゅつ金、交通共済等"],
];

const SAMPLE_FACILITIES: [
  name: string,
  kana: string,
  address: string,
  category: string,
  lat: string,
  lon: string,
  area: string,
  built: string,
][] = [
  [
    "サンプル市民会館",
    "サンプルシミンカイカン",
    "茨城県石岡市（サンプル）",
    "市民文化系施設",
    "36.1905",
    "140.2870",
    "4200",
    "1978",
  ],
  [
    "サンプル第一公民館",
    "サンプルダイイチコウミンカン",
    "茨城県石岡市（サンプル）",
    "市民文化系施設",
    "36.2010",
    "140.2650",
    "980",
    "1983",
  ],
  [
    "サンプル体育館",
    "サンプルタイイクカン",
    "茨城県石岡市（サンプル）",
    "スポーツ・レクリエーション系施設",
    "36.1820",
    "140.2990",
    "2650",
    "1990",
  ],
];

function checked(key: RegistryKey, name: string, fields: Record<string, string>, sample: boolean) {
  const r = checkRecord(REGISTRIES[key], { name, fields, sample });
  if (!r.ok) throw new Error(`${key} ${name}: ${r.details.map((d) => d.message).join("、")}`);
  return r.value;
}

export async function loadDemoRegistries(db: Db, mc: string) {
  const jointBodies: RecordInput[] = [
    ...JOINT_BODIES.map(([name, work]) =>
      checked("joint-bodies", name, { kind: "一部事務組合", work }, false),
    ),
    checked(
      "joint-bodies",
      "公の施設の広域利用に関する協定書",
      {
        kind: "公の施設の広域利用",
        work: "市民の利便性の向上と地域間交流の推進（平成28年3月締結）",
        members: "行方市、小美玉市、茨城町",
        section: "政策企画課",
      },
      false,
    ),
  ];
  const facilities = SAMPLE_FACILITIES.map(
    ([name, nameKana, address, category, latitude, longitude, floorArea, builtYear]) =>
      checked(
        "facilities",
        name,
        { nameKana, address, category, latitude, longitude, floorArea, builtYear, plan: "未定" },
        true,
      ),
  );
  await withTenant(db, mc, async (tx) => {
    await insertRecords(tx, mc, "joint-bodies", jointBodies, SYSTEM_ACTOR);
    await insertRecords(tx, mc, "facilities", facilities, SYSTEM_ACTOR);
    await recomputeRegistry(tx, mc, "joint-bodies", SYSTEM_ACTOR);
  });
}
