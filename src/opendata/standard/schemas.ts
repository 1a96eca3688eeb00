/**
 * The 自治体標準オープンデータセット types as declarative table schemas. Each column is written
 * `名前[*][:型]`: `*` required; 型 one of text (default), int (a whole number ≥ 0), num, date
 * (YYYY-MM-DD), time (hh:mm), url, lat, lon (decimal degrees), code (全国地方公共団体コード with
 * its check digit), yn (有 or 無). Sources and edition: standard/SOURCES.md.
 */

export type ColumnType =
  | "text"
  | "int"
  | "num"
  | "date"
  | "time"
  | "url"
  | "lat"
  | "lon"
  | "code"
  | "yn";

export interface StandardColumn {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Headers of the earlier edition (推奨データセット) read as this column. */
  aliases: string[];
}

export interface StandardSchema {
  /** In URLs and the API (`standard_type`). */
  key: string;
  name: string;
  nameEn: string;
  columns: StandardColumn[];
}

/** The common leading columns (デジタル庁's edition). */
const LEAD = ["全国地方公共団体コード*:code", "ID*", "地方公共団体名*"];
const PLACE = ["住所*", "方書", "緯度:lat", "経度:lon"];
const HOURS = ["利用可能曜日", "開始時間:time", "終了時間:time", "利用可能日時特記事項"];

/** Headers of the 推奨データセット edition that name a column of this one. */
const ALIASES: Record<string, string[]> = {
  全国地方公共団体コード: ["都道府県コード又は市区町村コード", "市区町村コード"],
  ID: ["NO"],
  名称_英字: ["名称_英語"],
};

const DEFS: [key: string, name: string, nameEn: string, columns: string[]][] = [
  [
    "aed",
    "AED設置箇所一覧",
    "AED locations",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      ...PLACE,
      "設置位置*",
      "電話番号",
      "内線番号",
      "法人番号",
      "団体名",
      ...HOURS,
      "小児対応設備の有無:yn",
      "URL:url",
      "備考",
    ],
  ],
  [
    "care-services",
    "介護サービス事業所一覧",
    "Care service providers",
    [
      ...LEAD,
      "介護サービス事業所名称*",
      "介護サービス事業所名称_カナ*",
      "実施サービス*",
      ...PLACE,
      "電話番号*",
      "内線番号",
      "FAX番号",
      "法人番号",
      "法人の名称",
      "事業所番号",
      "利用可能曜日",
      "利用可能曜日特記事項",
      "定員:int",
      "URL:url",
      "備考",
    ],
  ],
  [
    "medical-institutions",
    "医療機関一覧",
    "Medical institutions",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "医療機関の種類*",
      ...PLACE,
      "電話番号",
      "内線番号",
      "FAX番号",
      "法人番号",
      "法人の名称",
      "医療機関コード",
      "診療曜日*",
      "診療開始時間*:time",
      "診療終了時間*:time",
      "診療日時特記事項",
      "時間外における対応",
      "診療科目*",
      "病床数*:int",
      "URL*:url",
      "備考",
    ],
  ],
  [
    "cultural-properties",
    "文化財一覧",
    "Cultural properties",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "名称_通称",
      "名称_英字",
      "文化財分類*",
      "種類",
      "場所名称",
      "住所",
      "方書",
      "緯度:lat",
      "経度:lon",
      "電話番号",
      "内線番号",
      "員数（数）:num",
      "員数（単位）",
      "法人番号",
      "所有者等",
      "文化財指定日:date",
      ...HOURS,
      "画像:url",
      "画像_ライセンス",
      "概要",
      "概要_英語",
      "説明",
      "説明_英語",
      "URL:url",
      "備考",
    ],
  ],
  [
    "tourism",
    "観光施設一覧",
    "Tourist facilities",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "名称_英字",
      "POIコード",
      ...PLACE,
      ...HOURS,
      "料金(基本):num",
      "料金(詳細)",
      "説明*",
      "説明_英語",
      "アクセス方法",
      "駐車場情報",
      "バリアフリー情報",
      "連絡先名称",
      "連絡先電話番号",
      "連絡先内線番号",
      "画像:url",
      "画像_ライセンス",
      "URL:url",
      "備考",
    ],
  ],
  [
    "events",
    "イベント一覧",
    "Events",
    [
      ...LEAD,
      "イベント名*",
      "イベント名_カナ*",
      "イベント名_英字",
      "開始日*:date",
      "終了日*:date",
      "開始時間*:time",
      "終了時間*:time",
      "開始日時特記事項",
      "説明*",
      "料金(基本):num",
      "料金(詳細)",
      "連絡先名称",
      "連絡先電話番号",
      "連絡先内線番号",
      "主催者",
      "場所名称*",
      ...PLACE,
      "アクセス方法",
      "駐車場情報",
      "定員:int",
      "参加申込終了日:date",
      "参加申込終了時間:time",
      "参加申込方法",
      "URL:url",
      "備考",
    ],
  ],
  [
    "public-wifi",
    "公衆無線LANアクセスポイント一覧",
    "Public Wi-Fi access points",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "名称_英字",
      ...PLACE,
      "設置者",
      "電話番号",
      "内線番号",
      "SSID",
      "提供エリア",
      "URL:url",
      "備考",
    ],
  ],
  [
    "public-toilets",
    "公衆トイレ一覧",
    "Public toilets",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "名称_英字",
      "住所*",
      "方書",
      "設置位置*",
      "緯度:lat",
      "経度:lon",
      "男性トイレ総数:int",
      "男性トイレ数（小便器）:int",
      "男性トイレ数（和式）:int",
      "男性トイレ数（洋式）:int",
      "女性トイレ総数:int",
      "女性トイレ数（和式）:int",
      "女性トイレ数（洋式）:int",
      "男女共用トイレ総数:int",
      "男女共用トイレ数（和式）:int",
      "男女共用トイレ数（洋式）:int",
      "多機能トイレ数*:int",
      "車椅子使用者用トイレ有無*:yn",
      "乳幼児用設備設置トイレ有無*:yn",
      "オストメイト設置トイレ有無*:yn",
      "利用開始時間:time",
      "利用終了時間:time",
      "利用可能時間特記事項",
      "画像:url",
      "画像_ライセンス",
      "備考",
    ],
  ],
  [
    "fire-water",
    "消防水利施設一覧",
    "Fire-fighting water sources",
    [...LEAD, "種別*", "住所", "方書", "緯度:lat", "経度:lon", "口径:num", "備考"],
  ],
  [
    "evacuation-sites",
    "指定緊急避難場所一覧",
    "Designated emergency evacuation sites",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      ...PLACE,
      "標高:num",
      "電話番号*",
      "内線番号",
      "災害種別_洪水*",
      "災害種別_崖崩れ、土石流及び地滑り*",
      "災害種別_高潮*",
      "災害種別_地震*",
      "災害種別_津波*",
      "災害種別_大規模な火事*",
      "災害種別_内水氾濫*",
      "災害種別_火山現象*",
      "指定避難所との重複*",
      "想定収容人数:int",
      "対象となる町会・自治会",
      "URL:url",
      "備考",
    ],
  ],
  [
    "population",
    "地域・年齢別人口",
    "Population by area and age",
    [
      "全国地方公共団体コード*:code",
      "地域コード",
      "地方公共団体名*",
      "調査年月日*:date",
      "地域名*",
      "総人口*:int",
      "男性*:int",
      "女性*:int",
      ...ageColumns(),
      "世帯数:int",
      "備考",
    ],
  ],
  [
    "public-facilities",
    "公共施設一覧",
    "Public facilities",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "名称_通称",
      "POIコード",
      ...PLACE,
      "電話番号",
      "内線番号",
      "法人番号",
      "団体名",
      ...HOURS,
      "説明",
      "バリアフリー情報",
      "URL:url",
      "備考",
    ],
  ],
  [
    "childcare-facilities",
    "子育て施設一覧",
    "Childcare facilities",
    [
      ...LEAD,
      "名称*",
      "名称_カナ*",
      "種別",
      ...PLACE,
      "アクセス方法",
      "駐車場情報",
      "電話番号",
      "内線番号",
      "FAX番号",
      "法人番号",
      "団体名",
      "認可等年月日:date",
      "収容定員:int",
      "受入年齢",
      ...HOURS,
      "一時預かりの有無:yn",
      "URL:url",
      "備考",
    ],
  ],
  [
    "opendata-list",
    "オープンデータ一覧",
    "Open data list",
    [
      ...LEAD,
      "データ名称*",
      "データ概要",
      "データ形式*",
      "分類*",
      "更新頻度",
      "URL:url",
      "API対応有無:yn",
      "ライセンス",
      "登録日:date",
      "最終更新日*:date",
      "備考",
    ],
  ],
];

/** 0-4歳の男性 … 85歳以上の女性, as the definition lists them. */
function ageColumns() {
  const bands = Array.from({ length: 17 }, (_, i) => `${i * 5}-${i * 5 + 4}歳`);
  return [...bands, "85歳以上"].flatMap((b) => [`${b}の男性*:int`, `${b}の女性*:int`]);
}

function column(spec: string): StandardColumn {
  const [head, type = "text"] = spec.split(":");
  const required = head!.endsWith("*");
  const name = required ? head!.slice(0, -1) : head!;
  return { name, type: type as ColumnType, required, aliases: ALIASES[name] ?? [] };
}

export const STANDARD_SCHEMAS: StandardSchema[] = DEFS.map(([key, name, nameEn, columns]) => ({
  key,
  name,
  nameEn,
  columns: columns.map(column),
}));

export const standardSchema = (key: string | null | undefined) =>
  STANDARD_SCHEMAS.find((s) => s.key === key);
