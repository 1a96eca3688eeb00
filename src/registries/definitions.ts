/**
 * The catalogue of registries (台帳) a municipality may keep, in words that fit any
 * municipality: each registry's key (in its addresses and the API), its typed fields and the
 * formula of the indicator it can feed. Pure. A municipality offers only the registries it has
 * turned on, in its own wording where it has some, and links each to an indicator of its own
 * plan (settings.ts, the table registry_settings): `RegistryDef` is a registry as one
 * municipality keeps it.
 *
 * Every record has a name, a status (in use or retired with a date and reason) and a sample
 * flag in columns of its own; the fields below are kept as one JSON value checked by fields.ts.
 */

export const REGISTRY_KEYS = [
  "agreements",
  "agreement-projects",
  "joint-bodies",
  "facilities",
  "contracts",
  "online-procedures",
  "standard-systems",
  "training-sessions",
  "card-applications",
] as const;
export type RegistryKey = (typeof REGISTRY_KEYS)[number];

export const isRegistryKey = (s: string): s is RegistryKey =>
  (REGISTRY_KEYS as readonly string[]).includes(s);

export type FieldKind = "text" | "longtext" | "date" | "number" | "choice";

export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
  /** Shown after a number (㎡, 円). */
  unit?: string;
  /** Smallest and largest number allowed. */
  min?: number;
  max?: number;
  hint?: string;
}

/** A registry of the catalogue, in words that fit any municipality. */
export interface CatalogueEntry {
  key: RegistryKey;
  label: string;
  /** What a record is called (「協定」). */
  noun: string;
  /** The label of the record's name column. */
  nameLabel: string;
  description: string;
  fields: readonly FieldDef[];
  /** How the indicator a municipality links to the registry is computed (formulas.ts). */
  formula?: string;
}

/** A registry as one municipality keeps it: its wording, and the indicator it feeds, if any. */
export interface RegistryDef extends CatalogueEntry {
  /** The indicator (by code in the municipality's plan) computed from the registry. */
  indicator?: { code: string; formula: string };
}

/** What a municipality says of a registry besides the catalogue (registry_settings). */
export interface RegistryWording {
  description: string | null;
  fields: Record<string, { options?: string[]; hint?: string }>;
  indicatorCode: string | null;
}

/** The registry as the municipality keeps it: the catalogue's entry with its wording. */
export function registryWith(entry: CatalogueEntry, wording: RegistryWording): RegistryDef {
  return {
    ...entry,
    description: wording.description ?? entry.description,
    fields: entry.fields.map((f) => {
      const own = wording.fields[f.name];
      if (!own) return f;
      return {
        ...f,
        ...(own.options && f.kind === "choice" ? { options: own.options } : {}),
        ...(own.hint !== undefined ? { hint: own.hint } : {}),
      };
    }),
    indicator:
      wording.indicatorCode && entry.formula
        ? { code: wording.indicatorCode, formula: entry.formula }
        : undefined,
  };
}

const SECTION: FieldDef = { name: "section", label: "担当課", kind: "text" };

/** The 20 business areas of the standardisation of local government systems (標準化対象20業務). */
export const STANDARD_AREAS = [
  "住民基本台帳",
  "選挙人名簿管理",
  "固定資産税",
  "個人住民税",
  "法人住民税",
  "軽自動車税",
  "戸籍",
  "戸籍の附票",
  "印鑑登録",
  "国民健康保険",
  "国民年金",
  "障害者福祉",
  "後期高齢者医療",
  "介護保険",
  "児童手当",
  "生活保護",
  "健康管理",
  "就学",
  "児童扶養手当",
  "子ども・子育て支援",
] as const;

export const REGISTRIES: Record<RegistryKey, CatalogueEntry> = {
  agreements: {
    key: "agreements",
    label: "連携協定",
    noun: "協定",
    nameLabel: "協定の名称",
    description: "団体がほかの自治体・教育機関・事業者等と結んでいる連携協定の台帳です。",
    fields: [
      {
        name: "type",
        label: "協定の種類",
        kind: "choice",
        required: true,
        options: [
          "包括連携協定",
          "連携協定",
          "防災協定",
          "地域見守り活動等協力に関する協定",
          "その他",
        ],
      },
      { name: "partners", label: "協定の相手方", kind: "longtext", required: true },
      {
        name: "partnerKind",
        label: "相手方の種別",
        kind: "choice",
        required: true,
        options: ["自治体", "大学等", "事業者", "金融機関", "団体"],
      },
      {
        name: "partnerCodes",
        label: "相手方の全国地方公共団体コード",
        kind: "text",
        hint: "自治体のとき、6桁のコードを「、」で区切って",
      },
      { name: "signedOn", label: "締結日", kind: "date", required: true },
      { name: "endsOn", label: "期間の終わり", kind: "date", hint: "期限のない協定は空欄" },
      {
        name: "renewal",
        label: "更新",
        kind: "choice",
        options: ["自動更新", "更新なし", "期限なし"],
      },
      SECTION,
      { name: "summary", label: "概要", kind: "longtext" },
      { name: "documentUrl", label: "協定書の公開先（URL）", kind: "text" },
    ],
    formula: "年度末（3月31日）に有効な協定の数",
  },
  "agreement-projects": {
    key: "agreement-projects",
    label: "協定に基づく連携事業",
    noun: "連携事業",
    nameLabel: "事業名",
    description: "連携協定に基づいて実施した事業の台帳です。",
    fields: [
      { name: "agreement", label: "根拠の協定", kind: "text", required: true },
      { name: "heldOn", label: "実施日", kind: "date", required: true },
      SECTION,
      { name: "summary", label: "内容", kind: "longtext" },
    ],
    formula: "年度内に実施した連携事業の数",
  },
  "joint-bodies": {
    key: "joint-bodies",
    label: "一部事務組合・広域行政",
    noun: "広域行政の取組",
    nameLabel: "名称",
    description:
      "周辺自治体と構成する一部事務組合と、公の施設の広域利用・共同発注などの広域行政の取組の台帳です。",
    fields: [
      {
        name: "kind",
        label: "区分",
        kind: "choice",
        required: true,
        options: ["一部事務組合", "広域連合", "協議会", "公の施設の広域利用", "共同発注", "その他"],
      },
      { name: "work", label: "共同処理事務・内容", kind: "longtext", required: true },
      {
        name: "members",
        label: "構成団体",
        kind: "longtext",
        hint: "団体名（わかれば全国地方公共団体コード）を「、」で区切って",
      },
      { name: "since", label: "開始日", kind: "date" },
      SECTION,
    ],
    formula: "年度内に活動している広域行政の取組の数",
  },
  facilities: {
    key: "facilities",
    label: "公共施設",
    noun: "施設",
    nameLabel: "施設名",
    description:
      "団体の公共施設の台帳です。延床面積の合計（3月31日に使用中の施設）を年度ごとに示します。",
    fields: [
      {
        name: "nameKana",
        label: "施設名（カナ）",
        kind: "text",
        hint: "オープンデータの公共施設一覧の「名称_カナ」になります（例：シミンカイカン）",
      },
      { name: "category", label: "施設分類", kind: "text", required: true },
      { name: "address", label: "所在地", kind: "text" },
      { name: "latitude", label: "緯度", kind: "number", min: -90, max: 90 },
      { name: "longitude", label: "経度", kind: "number", min: -180, max: 180 },
      { name: "floorArea", label: "延床面積", kind: "number", unit: "㎡", min: 0, required: true },
      { name: "builtYear", label: "建築年", kind: "number", min: 1800, max: 2200 },
      { name: "structure", label: "構造", kind: "text" },
      { name: "openedOn", label: "供用開始日", kind: "date" },
      {
        name: "plan",
        label: "個別施設計画の方針",
        kind: "choice",
        options: ["長寿命化", "集約化", "廃止", "未定"],
      },
      { name: "programCode", label: "運営する事務事業のコード", kind: "text" },
      SECTION,
    ],
  },
  contracts: {
    key: "contracts",
    label: "契約",
    noun: "契約",
    nameLabel: "件名",
    description:
      "団体が発注した契約の台帳です。建設工事のうち4月から6月に発注した割合（件数）を年度ごとに計算します。",
    fields: [
      { name: "number", label: "契約番号", kind: "text", required: true },
      SECTION,
      { name: "orderedOn", label: "発注日", kind: "date", required: true },
      { name: "amount", label: "契約金額", kind: "number", unit: "円", min: 0, required: true },
      {
        name: "method",
        label: "契約の方法",
        kind: "choice",
        required: true,
        options: ["一般競争入札", "指名競争入札", "随意契約"],
      },
      {
        name: "construction",
        label: "建設工事",
        kind: "choice",
        required: true,
        options: ["建設工事", "建設工事以外"],
      },
    ],
    formula: "4月～6月に発注した建設工事の件数 ÷ 年度内に発注した建設工事の件数",
  },
  "online-procedures": {
    key: "online-procedures",
    label: "電子申請の手続",
    noun: "手続",
    nameLabel: "手続名",
    description: "マイナポータルや都道府県・団体の電子申請サービス等で申請できる手続の台帳です。",
    fields: [
      SECTION,
      {
        name: "platform",
        label: "申請の方法",
        kind: "choice",
        required: true,
        options: [
          "マイナポータル（ぴったりサービス）",
          "都道府県と市区町村の共同の電子申請サービス",
          "団体独自のシステム",
          "その他",
        ],
      },
      { name: "since", label: "受付開始日", kind: "date", required: true },
    ],
    formula: "年度末（3月31日）に電子申請できる手続の数",
  },
  "standard-systems": {
    key: "standard-systems",
    label: "標準化対象システム",
    noun: "業務システム",
    nameLabel: "システム名",
    description: "標準化対象20業務の基幹業務システムと、標準準拠システムへの移行の状況です。",
    fields: [
      { name: "area", label: "業務", kind: "choice", required: true, options: STANDARD_AREAS },
      { name: "vendor", label: "事業者", kind: "text" },
      {
        name: "migration",
        label: "移行の状況",
        kind: "choice",
        required: true,
        options: ["未着手", "移行作業中", "移行済み"],
      },
      { name: "migratedOn", label: "移行日", kind: "date", hint: "移行済みのとき" },
    ],
    formula: "年度末までに標準準拠システムへ移行した業務の数",
  },
  "training-sessions": {
    key: "training-sessions",
    label: "デジタル人材育成の研修会",
    noun: "研修会",
    nameLabel: "研修名",
    description: "DX推進のためのデジタル人材育成の研修会の開催記録です。",
    fields: [
      { name: "heldOn", label: "開催日", kind: "date", required: true },
      { name: "participants", label: "参加者数", kind: "number", unit: "人", min: 0 },
      SECTION,
      { name: "summary", label: "内容", kind: "longtext" },
    ],
    formula: "年度内に開催した研修会の数（累計は基準値に各年度の回数を積み上げます）",
  },
  "card-applications": {
    key: "card-applications",
    label: "マイナンバーカードの申請件数",
    noun: "月次の件数",
    nameLabel: "集計の名称",
    description: "マイナンバーカードの申請件数（累計）と人口を、月ごとの基準日で記録します。",
    fields: [
      { name: "referenceOn", label: "基準日", kind: "date", required: true },
      { name: "applications", label: "申請件数（累計）", kind: "number", min: 0, required: true },
      { name: "population", label: "人口", kind: "number", min: 1, required: true },
    ],
    formula: "年度内で最も新しい基準日の申請件数（累計） ÷ 人口",
  },
};
