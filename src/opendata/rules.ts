/**
 * The pure rules of a dataset's description: what a form submits, checked field by field, and
 * the vocabulary of themes (the EU data themes that DCAT-AP uses, named in Japanese).
 */
import type { ErrorDetail } from "../core/errors.ts";
import type { Checked } from "../core/outcome.ts";
import { parseDate } from "./cells.ts";
import { LICENCES, type Licence } from "./schema.ts";
import { standardSchema } from "./standard/schemas.ts";

/** Themes: the code of the EU data-theme vocabulary and its Japanese label. */
export const THEMES: Record<string, string> = {
  GOVE: "行政・財政",
  SOCI: "人口・世帯",
  HEAL: "健康・医療・福祉",
  EDUC: "教育・文化・スポーツ",
  REGI: "地域・まちづくり",
  JUST: "防災・安全",
  TRAN: "交通",
  ENVI: "環境",
  ECON: "産業・観光",
  AGRI: "農林水産",
  ENER: "エネルギー",
  TECH: "科学技術",
  INTR: "国際",
};

export const LICENCE_LABELS: Record<Licence, string> = {
  "PDL-1.0": "公共データ利用規約（第1.0版）（PDL1.0）",
  "CC-BY-4.0": "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
};

export const LICENCE_URIS: Record<Licence, string> = {
  "PDL-1.0": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
  "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
};

export interface DatasetSubmission {
  slug: string;
  title: string;
  titleEn: string;
  description: string;
  sectionCode: string;
  licence: string;
  frequency: string;
  keywords: string;
  themes: string[];
  spatial: string;
  temporalStart: string;
  temporalEnd: string;
  contact: string;
  standardType: string;
}

export interface DatasetInput {
  slug: string;
  title: string;
  titleEn: string | null;
  description: string;
  sectionCode: string | null;
  licence: Licence;
  frequency: string | null;
  keywords: string[];
  themes: string[];
  spatial: string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  contact: string | null;
  standardType: string | null;
}

const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();
const orNull = (s: string) => (clean(s) === "" ? null : clean(s));

/** Keywords typed one after another, separated by commas, 、 or new lines. */
export const splitKeywords = (s: string) => [
  ...new Set(
    s
      .split(/[,、，\n]/)
      .map((k) => k.trim())
      .filter((k) => k !== ""),
  ),
];

export function validateDataset(
  s: DatasetSubmission,
  sections: readonly string[],
): Checked<DatasetInput> {
  const details: ErrorDetail[] = [];
  const need = (field: keyof DatasetSubmission, label: string, max: number) => {
    const v = clean(String(s[field]));
    if (v === "") details.push({ location: field, message: `${label}を入力してください` });
    else if (v.length > max)
      details.push({ location: field, message: `${label}は ${max} 文字以内にしてください` });
    return v;
  };
  const slug = clean(s.slug);
  if (!/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/.test(slug))
    details.push({
      location: "slug",
      message:
        "URL の名前は半角の英小文字・数字・ハイフンで 60 文字以内にしてください（例: public-toilets）",
    });
  const title = need("title", "タイトル", 200);
  const description = need("description", "説明", 4000);
  const licence = LICENCES.find((l) => l === s.licence);
  if (!licence) details.push({ location: "licence", message: "利用条件を選んでください" });
  const sectionCode = orNull(s.sectionCode);
  if (sectionCode && !sections.includes(sectionCode))
    details.push({
      location: "sectionCode",
      message: `担当課「${sectionCode}」は登録されていません`,
    });
  const themes = [...new Set(s.themes)];
  for (const t of themes)
    if (!(t in THEMES)) details.push({ location: "themes", message: `分類「${t}」はありません` });
  const standardType = orNull(s.standardType);
  if (standardType && !standardSchema(standardType))
    details.push({
      location: "standardType",
      message: `標準データセット「${standardType}」はありません`,
    });
  const dates = (["temporalStart", "temporalEnd"] as const).map((field) => {
    const v = orNull(s[field]);
    if (v === null) return null;
    const d = parseDate(v);
    if (!d.ok) details.push({ location: field, message: d.problem });
    return d.ok ? d.value : null;
  });
  if (dates[0] && dates[1] && dates[0] > dates[1])
    details.push({ location: "temporalEnd", message: "対象期間の終わりが始まりより前です" });
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      slug,
      title,
      titleEn: orNull(s.titleEn),
      description,
      sectionCode,
      licence: licence!,
      frequency: orNull(s.frequency),
      keywords: splitKeywords(s.keywords),
      themes,
      spatial: orNull(s.spatial),
      temporalStart: dates[0]!,
      temporalEnd: dates[1]!,
      contact: orNull(s.contact),
      standardType,
    },
  };
}
