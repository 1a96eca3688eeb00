/** The open data catalogue in tests: a dataset's form, a standard CSV, uploading through the pages. */
import { STANDARD_SCHEMAS } from "../../src/opendata/index.ts";
import type { TestContext } from "./app.ts";
import { ORIGIN, type staffOf } from "./staff.ts";

type Staff = Awaited<ReturnType<typeof staffOf>>;

export const DATASET_FORM = {
  slug: "test-toilets",
  title: "公衆トイレ一覧（サンプル）",
  titleEn: "Public toilets (sample)",
  description: "市が管理する公衆トイレの一覧です。",
  sectionCode: "",
  licence: "CC-BY-4.0",
  frequency: "随時",
  keywords: "トイレ、バリアフリー",
  themes: "REGI",
  spatial: "茨城県石岡市",
  temporalStart: "令和5年4月1日",
  temporalEnd: "",
  contact: "",
  standardType: "public-toilets",
};

const TOILETS = STANDARD_SCHEMAS.find((s) => s.key === "public-toilets")!;

/** One row of 公衆トイレ一覧 (サンプル), the given cells changed. */
export function toiletRow(id: string, over: Record<string, string> = {}) {
  const base: Record<string, string> = {
    全国地方公共団体コード: "082058",
    ID: id,
    地方公共団体名: "茨城県石岡市",
    名称: `サンプル公衆トイレ${id}`,
    名称_カナ: `サンプルコウシュウトイレ${id}`,
    住所: "茨城県石岡市石岡1丁目（サンプル）",
    設置位置: "広場",
    緯度: "36.19",
    経度: "140.28",
    多機能トイレ数: "1",
    車椅子使用者用トイレ有無: "有",
    乳幼児用設備設置トイレ有無: "無",
    オストメイト設置トイレ有無: "有",
  };
  return TOILETS.columns.map((c) => over[c.name] ?? base[c.name] ?? "");
}

export const csvOf = (rows: string[][]) =>
  `${[TOILETS.columns.map((c) => c.name), ...rows].map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\r\n")}\r\n`;

/** Posts a file to a dataset's upload preview. */
export function previewOpenData(
  t: TestContext,
  s: Staff,
  mc: string,
  slug: string,
  bytes: Uint8Array,
  name: string,
  resource = "",
  title = "公衆トイレ一覧",
) {
  const form = new FormData();
  form.set("_csrf", s.csrf);
  form.set("resource", resource);
  form.set("title", title);
  form.set("file", new File([bytes], name));
  return t.get(`/${mc}/manage/opendata/${slug}/preview`, {
    method: "POST",
    headers: { origin: ORIGIN, cookie: s.cookie },
    body: form,
  });
}

/** Posts the preview page's registration form back. */
export function applyOpenData(s: Staff, mc: string, slug: string, html: string) {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  return s.post(`/${mc}/manage/opendata/${slug}/apply`, {
    resource: field("resource"),
    title: field("title"),
    fileName: field("fileName"),
    data: field("data"),
  });
}
