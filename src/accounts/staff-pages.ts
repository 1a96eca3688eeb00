/** The staff pages and which role may open each: the home's list and the header's navigation. */
import { hasRole } from "./rules.ts";
import type { Role } from "./schema.ts";

/**
 * The staff pages and the least role that may open each: the home lists only those the person's
 * role may open (a link that answers 403 is a dead end).
 */
export const STAFF_PAGES: {
  path: string;
  label: string;
  /** The label in the header navigation, when shorter. */
  short?: string;
  note: string;
  role: Role;
}[] = [
  {
    path: "updates",
    label: "実績値の入力",
    note: "担当する指標のうち、値がまだないもの",
    role: "viewer",
  },
  {
    path: "spreadsheets",
    label: "Excel・CSV での入出力",
    short: "Excel・CSV",
    note: "実績値を Excel や CSV で書き出し、記入して取り込む",
    role: "viewer",
  },
  {
    path: "rounds",
    label: "実績値の報告",
    note: "年度ごとの報告の開始・入力状況・締切",
    role: "viewer",
  },
  {
    path: "running-actuals",
    label: "集計中の値",
    note: "記録から年度の途中で計算した値（締切または公開で実績値に）",
    role: "viewer",
  },
  {
    path: "registries",
    label: "台帳",
    note: "協定・広域行政・施設・契約・電子申請などの記録（指標を自動で計算）",
    role: "viewer",
  },
  {
    path: "evaluations",
    label: "事務事業評価",
    note: "担当する事務事業の評価の入力・提出、二次評価と公表の状況",
    role: "viewer",
  },
  {
    path: "finance",
    label: "財政の入力",
    note: "財政健全化判断比率の構成要素、財政フレームの年度と推計の前提",
    role: "viewer",
  },
  {
    path: "proposals",
    label: "職員提案",
    note: "改善の提案を出す・審査の状況を見る",
    role: "viewer",
  },
  {
    path: "surveys",
    label: "アンケート調査",
    note: "市民意識調査・職員アンケートの設問・標本・回答・結果",
    role: "viewer",
  },
  {
    path: "opendata",
    label: "オープンデータカタログ",
    short: "オープンデータ",
    note: "データセットの作成・ファイルの登録・公開",
    role: "viewer",
  },
  { path: "meetings", label: "市長と語ろう会", note: "開催の記録と出された提案", role: "planner" },
  {
    path: "letters",
    label: "市長へのたより",
    note: "届いたたよりの分類・担当課・対応の記録と公開",
    role: "editor",
  },
  {
    path: "letters/reception",
    label: "市長へのたよりの受付",
    note: "公開フォームの受付の開始・停止と、たよりを受け取る職員の指定",
    role: "admin",
  },
  {
    path: "plan",
    label: "計画と指標の編集",
    note: "計画の項目と指標の定義を下書きとして編集する",
    role: "planner",
  },
  {
    path: "shared-indicators",
    label: "共通指標との関連付け",
    short: "共通指標",
    note: "自団体の指標を全国共通の指標に関連付け、指標のページに類似団体の中央値を示す",
    role: "planner",
  },
  {
    path: "publish",
    label: "公開前の確認",
    note: "下書きと公開中の値の違いを確かめて公開する",
    role: "viewer",
  },
  {
    path: "tokens",
    label: "APIトークン",
    note: "ほかのシステムから実績値を送るための個人用トークン",
    role: "viewer",
  },
  {
    path: "registry-settings",
    label: "台帳の設定",
    note: "この団体で使う台帳と、台帳から計算する指標",
    role: "admin",
  },
  {
    path: "staff",
    label: "職員と役割",
    note: "この団体の職員の一覧と、役割（管理者・企画担当・入力担当・閲覧者）の変更",
    role: "admin",
  },
  { path: "audit", label: "監査ログ", note: "だれが・いつ・何を変えたかの記録", role: "planner" },
];

/** The staff pages a person of this role may open. */
export const staffPagesFor = (role: Role) => STAFF_PAGES.filter((p) => hasRole(role, p.role));
