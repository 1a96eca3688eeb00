/** How audit entries read to people: Japanese names of actions and records, actors, changes. */
import { personName, readActorLabel } from "../core/people.ts";

/** Every action the application writes (grep `action: "` in src); others show as written. */
export const ACTION_LABELS: Record<string, string> = {
  "plan.import": "計画の取込",
  "finance.import": "財政データの取込",
  "finance.soundness_components": "財政健全化判断比率の構成要素の保存",
  "finance.soundness_ratio": "財政健全化判断比率の算定（構成要素から）",
  "finance.ratio_actual": "財政健全化判断比率を示す指標の実績値（構成要素から算定）",
  "finance.frame_year": "財政フレームの年度の保存",
  "finance.frame_scenario": "財政フレームの推計の前提の保存",
  "municipality.add": "団体の追加",
  "user.add": "利用者の追加",
  "user.disable": "利用者の無効化",
  "user.role": "利用者の役割の変更",
  "session.sign_in": "サインイン",
  "session.sign_out": "サインアウト",
  "session.sign_out_everywhere": "すべての端末からサインアウト",
  "actual.draft": "実績値の下書き",
  "actual.draft_discard": "下書きの取消",
  "actual.publish": "実績値の公開",
  "actual.compute": "記録から計算した実績値",
  "actual.compute_running": "記録から計算した集計中の値",
  "actual.compute_close": "集計中の値を実績値に（報告の締切）",
  "actual.publish_running": "集計中の値の公開",
  "actual.compute_baseline": "記録から計算した基準値（未確定の基準値の確定）",
  "program_year.publish": "事務事業のコストの公開",
  "opendata.dataset.create": "オープンデータのデータセットの作成",
  "opendata.dataset.update": "オープンデータのデータセットの説明の変更",
  "opendata.dataset.publish": "オープンデータのデータセットの公開",
  "opendata.dataset.withdraw": "オープンデータのデータセットの公開停止",
  "opendata.resource.upload": "オープンデータのファイルの登録",
  "survey.create": "アンケート調査の作成",
  "survey.update": "アンケート調査の設問などの変更",
  "survey.frame": "アンケート調査の抽出枠の登録",
  "survey.draw": "アンケート調査の標本の抽出",
  "survey.status": "アンケート調査の回答受付の開始・終了",
  "survey.link_indicator": "アンケート調査の設問と指標の関連付け",
  "survey.publish": "アンケート調査の結果の公開",
  "survey.withdraw": "アンケート調査の結果の公開停止",
  "peers.link_indicator": "指標と共通指標（類似団体比較）の関連付け",
  "survey.answer_save": "アンケートの回答の途中保存",
  "survey.answer_submit": "アンケートの回答の提出",
  "survey.answer_paper": "紙のアンケート回答の入力",
  "survey.answer_paper_second": "紙のアンケート回答の二回目の入力（二重入力）",
  "survey.double_entry_settle": "紙のアンケート回答の二重入力の不一致の確定",
  "survey.demo": "サンプルのアンケート調査の読み込み",
  "registry.add": "台帳の記録の登録",
  "registry.edit": "台帳の記録の編集",
  "registry.retire": "台帳の記録の廃止・終了",
  "registry.enable": "台帳の利用の開始",
  "registry.disable": "台帳の利用の停止",
  "registry.link_indicator": "台帳から計算する指標の設定",
  "definition.draft": "定義の下書き",
  "definition.draft_discard": "定義の下書きの取消",
  "definition.publish": "定義の公開",
  "round.open": "報告の開始",
  "round.close": "報告の締切",
  "round.reopen": "指標の報告の再開",
  "round.remind": "督促メールの準備",
  "letter.receive": "市長へのたよりの受付",
  "letter.triage": "たよりの分類・担当課",
  "letter.step": "たよりの対応の記録",
  "letter.save": "たよりの公開用文章の保存",
  "letter.publish": "たよりの公開",
  "letter.unpublish": "たよりの公開の取りやめ",
  "letter.contact_erased": "たよりの投稿者の連絡先の削除",
  "letter_reception.open": "市長へのたよりの受け付けの開始",
  "letter_reception.close": "市長へのたよりの受け付けの停止",
  "letter_receiver.assign": "たよりの受付担当の指定",
  "letter_receiver.unassign": "たよりの受付担当の指定の解除",
  "meeting.record": "市長と語ろう会の記録",
  "meeting.update": "市長と語ろう会の記録の修正",
  "meeting.proposal": "市長と語ろう会の提案の記録",
  "meeting.publish": "市長と語ろう会の記録の公開",
  "staff_proposal.submit": "職員提案の提出",
  "staff_proposal.save_draft": "職員提案の下書きの保存",
  "staff_proposal.draft_submitted": "職員提案の下書きの提出",
  "staff_proposal.criteria": "職員提案の審査の観点の保存",
  "staff_proposal.score": "職員提案の採点",
  "staff_proposal.decide": "職員提案の審査結果",
  "staff_proposal.implement": "職員提案の実施の記録",
  "programs.import_sample": "サンプル事業の取込",
  "spreadsheet.import": "表計算ファイルの取込",
  "evaluation.save": "一次評価の保存",
  "evaluation.save_secondary": "二次評価の保存",
  "evaluation.submit": "評価の提出",
  "evaluation.review": "二次評価の確定",
  "evaluation.publish": "評価の公表",
  "evaluation.send_back": "評価の差し戻し",
  "program.save": "事務事業の基本情報（目的・対象・手段・担当課・関連する取組と配分割合）の保存",
  "program_year.save": "事務事業のコスト（予算・決算・財源・人員）の保存",
  "program_cost_settings.save": "人件費単価・決算確定の設定",
  "budget_request.save": "予算要求額の保存",
  "programs.import": "事務事業の取込",
  "evaluation.scale_save": "評価の段階の設定",
  "evaluation_round.open": "事務事業評価の開始",
  "evaluation_round.close": "事務事業評価の締切",
  "evaluation_round.reopen": "事務事業評価の再開",
  "evaluation_round.remind": "事務事業評価の督促メールの準備",
  "token.create": "APIトークンの作成",
  "token.revoke": "APIトークンの取消",
};

export const RECORD_TYPE_LABELS: Record<string, string> = {
  plan_files: "計画ファイル",
  finance_file: "財政データファイル",
  soundness_components: "財政健全化判断比率の構成要素",
  soundness_ratio: "財政健全化判断比率",
  fiscal_frame_year: "財政フレームの年度",
  fiscal_frame_scenario: "財政フレームの推計の前提",
  municipality: "団体",
  membership: "利用者",
  session: "サインイン",
  indicator_actual: "実績値",
  registry_record: "台帳の記録",
  registry_setting: "台帳の設定",
  opendata_dataset: "オープンデータのデータセット",
  opendata_resource_version: "オープンデータのファイルの版",
  survey: "アンケート調査",
  survey_response: "アンケートの回答",
  api_token: "APIトークン",
  plan_node: "計画の項目",
  indicator: "指標の定義",
  reporting_round: "実績値の報告",
  outbox: "送信するメール",
  letter: "市長へのたより",
  letter_reception: "市長へのたよりの受け付け",
  letter_receiver: "たよりの受付担当",
  /** A `letter` record that came from a town meeting (the audit view reads letters.source). */
  meeting_proposal: "市長と語ろう会の提案",
  meeting: "市長と語ろう会",
  staff_proposal: "職員提案",
  staff_proposal_draft: "職員提案の下書き",
  proposal_criteria: "職員提案の審査の観点",
  programs_file: "事業ファイル",
  program: "事務事業の基本情報",
  program_evaluation: "事務事業評価",
  program_year: "事務事業の年度のコスト",
  program_cost_settings: "人件費単価の設定",
  budget_request: "予算要求",
  evaluation_settings: "評価の段階の設定",
  evaluation_round: "事務事業評価の実施",
  spreadsheet: "表計算ファイル",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
export const recordTypeLabel = (type: string) => RECORD_TYPE_LABELS[type] ?? type;

export interface ActorView {
  /** What to show: 「表示名（課名）」, an e-mail address of a former member, コマンド（CLI）, システム. */
  name: string;
  /** The API token the person acted through, when any. */
  tokenId?: string;
  /** The text to filter by this actor (contained in the label): the e-mail address, cli, … */
  filter: string;
}

/**
 * "user:12 someone@city.example token:3" → the person named as pages name people
 * (core/people.ts), through token 3.
 */
export function describeActor(label: string, people?: ReadonlyMap<number, string>): ActorView {
  const name = people ? personName(label, people) : personName(label);
  const actor = readActorLabel(label);
  if (!actor) return { name, filter: label };
  return {
    name,
    tokenId: actor.tokenId === undefined ? undefined : String(actor.tokenId),
    filter: actor.email,
  };
}

export interface FieldChange {
  /** The top-level key, or "" when a whole value changed. */
  key: string;
  before: string;
  after: string;
}

const SHORT = 40;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A value in at most 40 characters: strings as they are, the rest as JSON, — for none. */
export function shortValue(v: unknown): string {
  if (v === null || v === undefined) return "—";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > SHORT ? `${s.slice(0, SHORT - 1)}…` : s;
}

/** The fields that differ between before and after, in the order they first appear. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  if (!isObject(before ?? {}) || !isObject(after ?? {}))
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ key: "", before: shortValue(before), after: shortValue(after) }];
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: shortValue(b[k]), after: shortValue(a[k]) }));
}

const DISPLAY = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** 2024/05/01 09:30:00 in Japan time. */
export const displayTime = (at: Date) => DISPLAY.format(at);
