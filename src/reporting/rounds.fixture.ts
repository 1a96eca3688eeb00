/** A small city's plans, measures and indicators, and a round of 2024: the reporting rules' tests share them. */
import type {
  AppearanceRef,
  EnteredValue,
  NodeRef,
  PlanPeriod,
  Round,
  RoundIndicator,
} from "./rules.ts";

// ── A small city: the comprehensive plan, the 行財政改革大綱 of 2021–2023, a plan without period ─

export const plans: PlanPeriod[] = [
  { id: 1, startFiscalYear: 2020, endFiscalYear: 2027 },
  { id: 2, startFiscalYear: 2021, endFiscalYear: 2023 },
  { id: 3, startFiscalYear: null, endFiscalYear: null },
];

export const nodes: NodeRef[] = [
  { id: 10, planId: 1, parentId: null, kind: "policy" },
  { id: 11, planId: 1, parentId: 10, kind: "measure" },
  { id: 12, planId: 1, parentId: 11, kind: "initiative" },
  { id: 13, planId: 1, parentId: 10, kind: "measure" },
  { id: 14, planId: 1, parentId: 13, kind: "initiative" },
  { id: 20, planId: 2, parentId: null, kind: "policy" },
  { id: 21, planId: 2, parentId: 20, kind: "measure" },
  { id: 30, planId: 3, parentId: null, kind: "measure" },
];

export const appearances: AppearanceRef[] = [
  { indicatorId: 1, nodeId: 11 },
  { indicatorId: 2, nodeId: 12 },
  { indicatorId: 3, nodeId: 14 },
  { indicatorId: 4, nodeId: 21 },
  { indicatorId: 5, nodeId: 21 },
  { indicatorId: 5, nodeId: 12 }, // 再掲 in the comprehensive plan
  { indicatorId: 6, nodeId: 30 },
  { indicatorId: 7, nodeId: 10 }, // 政策指標
];

export const indicator = (
  id: number,
  code: string,
  name: string,
  sectionCodes: string[],
  nodeId: number | null,
): RoundIndicator => ({ id, code, name, sectionCodes, nodeId });

export const registry: RoundIndicator[] = [
  indicator(1, "GZ-1-O1", "仕事にやりがいを持つ市職員の割合", ["somu"], 11),
  indicator(2, "GZ-1-R1", "職員提案の提案数", ["gyokaku-suishin"], 12),
  indicator(3, "GZ-2-R1", "電子申請の手続数", ["joho-seisaku"], 14),
  indicator(4, "GZ-10-R1", "公共施設の延床面積", ["kanzai"], 21),
  indicator(5, "GZ-3-R1", "ふるさと応援寄附金の件数", ["gyokaku-suishin", "zaisei"], 21),
  indicator(6, "KB-1", "マイナンバーカード申請率", ["joho-seisaku"], 30),
  indicator(7, "GZ-P1", "市の取組に満足している市民の割合", [], 10),
];

export const round2024: Round = {
  fiscalYear: 2024,
  deadline: "2025-06-30",
  indicatorIds: [1, 2, 3, 5, 6, 7],
  closedAt: null,
};

export const entered = (fiscalYear: number, ...ids: number[]): EnteredValue[] =>
  ids.map((indicatorId) => ({ indicatorId, fiscalYear }));

/** An instant written in Japan time. */
export const jst = (dateTime: string) => new Date(`${dateTime}+09:00`);

export const codes = (list: { code: string }[]) => list.map((i) => i.code);
