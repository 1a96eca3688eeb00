/**
 * The demo municipality's registries: the nine Ishioka keeps, each in Ishioka's words where they
 * name Ishioka or Ibaraki (the catalogue's are generic) and linked to the indicator of its plan
 * that it feeds; the seed's real records (Ishioka's six 一部事務組合 and the
 * 「公の施設の広域利用に関する協定書」 of March 2016 with 行方市, 小美玉市 and 茨城町, as the plan
 * prints them; the plan names no member municipalities of the 組合 and no day of the agreement,
 * so none is given), and sample facilities, labelled 「サンプル」, in a registry of their own.
 */
import { SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import {
  REGISTRIES,
  REGISTRY_KEYS,
  type RegistryKey,
  type RegistryWording,
  registryWith,
} from "./definitions.ts";
import { checkRecord, type RecordInput } from "./fields.ts";
import { recomputeRegistry } from "./recompute.ts";
import { writeSetting } from "./settings.ts";
import { insertRecords } from "./store.ts";

/** Ishioka's registries: the indicator of its plan each feeds, and its own wording. */
const ISHIOKA: Record<RegistryKey, Partial<RegistryWording>> = {
  agreements: {
    indicatorCode: "GZ-4-R2",
    description: "市が自治体・教育機関・事業者等と結んでいる連携協定の台帳です。",
  },
  "agreement-projects": { indicatorCode: "GZ-4-O1" },
  "joint-bodies": { indicatorCode: "GZ-4-R1" },
  facilities: {
    description:
      "市の公共施設の台帳です。延床面積の合計（3月31日に使用中の施設）を年度ごとに示します。",
    fields: {
      nameKana: {
        hint: "オープンデータの公共施設一覧の「名称_カナ」になります（例：イシオカシミンカイカン）",
      },
    },
  },
  contracts: {
    indicatorCode: "GZ-6-R4",
    description:
      "市が発注した契約の台帳です。建設工事のうち4月から6月に発注した割合（件数）を年度ごとに計算します。",
  },
  "online-procedures": {
    indicatorCode: "GZ-5-R2",
    description: "マイナポータル・いばらき電子申請・届出サービス等で申請できる手続の台帳です。",
    fields: {
      platform: {
        options: ["マイナポータル（ぴったりサービス）", "いばらき電子申請・届出サービス", "市独自"],
      },
    },
  },
  "standard-systems": { indicatorCode: "GZ-5-R4" },
  "training-sessions": { indicatorCode: "GZ-5-R1" },
  "card-applications": { indicatorCode: "GZ-5-R3" },
};

/** Turns on the registries Ishioka keeps, in its words, linked to its indicators. */
async function turnOnIshiokasRegistries(tx: Tx, mc: string) {
  for (const key of REGISTRY_KEYS) {
    const own = ISHIOKA[key];
    await writeSetting(
      tx,
      mc,
      key,
      SYSTEM_ACTOR,
      {
        enabled: true,
        indicatorCode: own.indicatorCode ?? null,
        description: own.description ?? null,
        fields: own.fields ?? {},
      },
      "registry.enable",
    );
  }
}

const wording = (key: RegistryKey): RegistryWording => ({
  description: ISHIOKA[key].description ?? null,
  fields: ISHIOKA[key].fields ?? {},
  indicatorCode: ISHIOKA[key].indicatorCode ?? null,
});

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
  const r = checkRecord(registryWith(REGISTRIES[key], wording(key)), { name, fields, sample });
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
    await turnOnIshiokasRegistries(tx, mc);
    await insertRecords(tx, mc, "joint-bodies", jointBodies, SYSTEM_ACTOR);
    await insertRecords(tx, mc, "facilities", facilities, SYSTEM_ACTOR);
    await recomputeRegistry(tx, mc, "joint-bodies", SYSTEM_ACTOR);
  });
}
