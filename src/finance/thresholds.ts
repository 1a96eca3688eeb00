/**
 * Statutory thresholds of the soundness ratios: 早期健全化基準 (early warning, 法第2条第5号 →
 * 地方公共団体の財政の健全化に関する法律施行令 第7条) and 財政再生基準 (rehabilitation, 法第2条
 * 第6号 → 同施行令 第8条), plus the 18% line of 実質公債費比率 above which a body needs
 * permission to issue bonds (地方財政法 第5条の4第1項第2号 「実質公債費比率が政令で定める数値
 * 以上」; 18% is the value in 地方財政法施行令, as every city's 審査意見書 states it — e.g. 田辺市
 * 令和3年度: 「地方債の発行に必要な県知事の許可基準18%」).
 *
 * Values, all in percent:
 *                       municipality (市町村・特別区)     prefecture (道府県)   designated city
 *   実質赤字比率       early warning 15 → 11.25 by scale / rehab 20   3.75 / 5     as municipality
 *   連結実質赤字比率   early warning the above + 5 / rehab 30         8.75 / 15    as municipality
 *   実質公債費比率     25 / 35 (permission 18)                        25 / 35      25 / 35
 *   将来負担比率       350 / none                                     400 / none   400 / none
 *
 * Sources: the law's text (平成24年改正後, as mirrored in ledmonster/japanese-law H19HO094);
 * 施行令 第7条・第8条 as summarised when the cabinet adopted it on 平成19年12月 (nactva.gr.jp:
 * 市町村 11.25〜15%, 道府県 3.75%; 連結 16.25〜20% / 8.75%; 再生 20% / 5%, 連結 30% / 15%;
 * 実質公債費 25% / 35%; 将来負担 350% / 道府県 400%), 政令市 400% (岡山県「市町村決算に基づく
 * 健全化判断比率」: 「政令市<400%> 市町村<350%>」) and municipalities' own tables. We could
 * not read 第7条's own words, so the band formula below is the one published data fit (see
 * `municipalRealDeficitEarlyWarning`).
 *
 * Not modelled: 東京都, whose deficit thresholds are corrected for the special wards (道府県
 * rules here apply to the other 46); the higher transitional 連結 rehabilitation thresholds of the
 * first years (40% / 35% for 市町村, e.g. 伯耆町 平成19・20年度決算 printed 40.00). 特別区 are
 * treated as municipalities: 法第2条第1号 names them alongside 市町村 and they publish 11.25〜15%.
 */
import { roundRatio, type Yen, yen } from "./soundness.ts";

export type BodyKind = "municipality" | "prefecture" | "designated_city";
export const BODY_KINDS = ["municipality", "prefecture", "designated_city"] as const;

export interface SoundnessThresholds {
  realDeficit: { earlyWarning: number; rehabilitation: number };
  consolidatedRealDeficit: { earlyWarning: number; rehabilitation: number };
  realDebtService: { earlyWarning: number; rehabilitation: number; permissionRequired: number };
  futureBurden: { earlyWarning: number; rehabilitation: null };
}

const OKU = 100_000_000; // 1億円
export const LOWER_BAND_EDGE: Yen = 50 * OKU; // 50億円
export const UPPER_BAND_EDGE: Yen = 200 * OKU; // 200億円

/**
 * 市町村's 実質赤字比率 early-warning threshold (施行令 第7条第1号), in percent:
 *   標準財政規模 < 50億円: 15;  ≥ 200億円: 11.25;
 *   in between: 15 − (標準財政規模 − 50億円) ÷ 40億円, i.e. linear from 15 down to 11.25.
 *
 * The issue suggested (50億円 × 15% + (規模 − 50億円) × 10%) ÷ 規模, which meets the same ends
 * but is not what cities publish: 裾野市 (平成27年度決算, 標準財政規模「約130億円」) printed
 * 12.95% — linear gives 12.95 at 132億円, the other formula 11.92; 武蔵村山市, whose own
 * surplus figures put its 標準財政規模 near 131〜135億円 (平成22〜24年度), printed 12.81% for
 * 令和4年度 — linear needs 137.6億円, the other formula 89億円. Check against 施行令第7条's
 * text when it is at hand.
 */
export function municipalRealDeficitEarlyWarning(standardFiscalScale: Yen): number {
  const scale = positiveScale(standardFiscalScale);
  if (scale < LOWER_BAND_EDGE) return 15;
  if (scale >= UPPER_BAND_EDGE) return 11.25;
  // 15 − (S − 50億) / 40億 = (650億 − S) / 40億, one division of exact integers.
  return (65_000_000_000 - scale) / 4_000_000_000;
}

function positiveScale(standardFiscalScale: Yen): Yen {
  const scale = yen("standardFiscalScale", standardFiscalScale);
  if (scale === 0) throw new RangeError("standardFiscalScale は正の額で指定してください: 0");
  return scale;
}

/** The thresholds with full precision, for a body of `bodyKind` and 標準財政規模 in yen. */
export function soundnessThresholds(
  bodyKind: BodyKind,
  standardFiscalScale: Yen,
): SoundnessThresholds {
  const realDebtService = { earlyWarning: 25, rehabilitation: 35, permissionRequired: 18 };
  if (bodyKind === "prefecture") {
    positiveScale(standardFiscalScale);
    return {
      realDeficit: { earlyWarning: 3.75, rehabilitation: 5 },
      consolidatedRealDeficit: { earlyWarning: 8.75, rehabilitation: 15 },
      realDebtService,
      futureBurden: { earlyWarning: 400, rehabilitation: null },
    };
  }
  const deficit = municipalRealDeficitEarlyWarning(standardFiscalScale);
  return {
    realDeficit: { earlyWarning: deficit, rehabilitation: 20 },
    consolidatedRealDeficit: { earlyWarning: deficit + 5, rehabilitation: 30 },
    realDebtService,
    futureBurden: {
      earlyWarning: bodyKind === "designated_city" ? 400 : 350,
      rehabilitation: null,
    },
  };
}

/**
 * The thresholds as published: the deficit ratios' to two decimals, the others to one, with
 * the same rounding as the ratios themselves (`PUBLISHED_ROUNDING`). 石岡市 prints 12.58 / 17.58.
 */
export function publishedThresholds(
  bodyKind: BodyKind,
  standardFiscalScale: Yen,
): SoundnessThresholds {
  const t = soundnessThresholds(bodyKind, standardFiscalScale);
  const pair = (kind: "realDeficit" | "consolidatedRealDeficit") => ({
    earlyWarning: roundRatio(kind, t[kind].earlyWarning),
    rehabilitation: roundRatio(kind, t[kind].rehabilitation),
  });
  return {
    realDeficit: pair("realDeficit"),
    consolidatedRealDeficit: pair("consolidatedRealDeficit"),
    realDebtService: {
      earlyWarning: roundRatio("realDebtService", t.realDebtService.earlyWarning),
      rehabilitation: roundRatio("realDebtService", t.realDebtService.rehabilitation),
      permissionRequired: roundRatio("realDebtService", t.realDebtService.permissionRequired),
    },
    futureBurden: {
      earlyWarning: roundRatio("futureBurden", t.futureBurden.earlyWarning),
      rehabilitation: null,
    },
  };
}
