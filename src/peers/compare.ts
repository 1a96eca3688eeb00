/**
 * Comparisons of a municipality with its peers: one shared indicator across a peer group (the
 * ranked table and the distribution), and every shared indicator of one municipality against
 * each of its peer groups. Queries from queries.ts, rules from rules.ts.
 */

import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import {
  type BodyValue,
  findNationalBody,
  linkOf,
  listSharedIndicators,
  type NationalBody,
  type SharedIndicator,
  standingsOf,
  valuesOf,
} from "./queries.ts";
import {
  PEER_GROUP_LABELS,
  type PeerGroup,
  peerGroupLabel,
  peersOf,
  type Ranked,
  rank,
  type Summary,
  summarize,
} from "./rules.ts";

export interface IndicatorComparison {
  indicator: SharedIndicator;
  fiscalYear: number | null;
  /** Fiscal years with values, latest first. */
  years: number[];
  subject: NationalBody | undefined;
  group: PeerGroup;
  groupLabel: string;
  rows: Ranked<BodyValue>[];
  summary: Summary;
  subjectRow: Ranked<BodyValue> | undefined;
  /** Some value shown is invented (「サンプル」). */
  sample: boolean;
}

const unknownBody = (code: string) =>
  notFound(`団体コード ${code} の団体（全国の市区町村の表。総務省の表を読み込むと加わります）`);

export async function compareIndicator(
  db: Db,
  sharedCode: string,
  opts: { fiscalYear?: number; subject?: string; group?: PeerGroup },
): Promise<IndicatorComparison> {
  const group = opts.group ?? "all";
  const catalogue = await listSharedIndicators(db);
  const indicator = catalogue.find((c) => c.code === sharedCode);
  if (!indicator) throw notFound(`共通指標 ${sharedCode}`);
  if (group !== "all" && !opts.subject)
    throw new AppError(
      "bad_request",
      "比較する団体を指定してください（peerGroup には municipality が必要です）",
      [
        {
          location: "municipality",
          message: `peerGroup=${group} はこの団体から見た比較の範囲です`,
        },
      ],
    );
  const subject = opts.subject ? await findNationalBody(db, opts.subject) : undefined;
  if (opts.subject && !subject) throw unknownBody(opts.subject);
  const years = indicator.fiscalYears;
  const fiscalYear = opts.fiscalYear ?? years[0] ?? null;
  const all = fiscalYear === null ? [] : await valuesOf(db, [sharedCode], fiscalYear);
  const members = subject ? peersOf(subject, all, group) : all;
  const rows = rank(members, indicator.rankOrder);
  return {
    indicator,
    fiscalYear,
    years,
    subject,
    group,
    groupLabel: subject ? peerGroupLabel(subject, group) : PEER_GROUP_LABELS.all,
    rows,
    summary: summarize(rows.map((r) => r.value)),
    subjectRow: subject ? rows.find((r) => r.code === subject.code) : undefined,
    sample: rows.some((r) => r.valueSample || r.sample),
  };
}

export interface GroupStanding {
  group: PeerGroup;
  label: string;
  summary: Summary;
  /** The municipality's rank in the group (null without a value) and the group's ranked size. */
  rank: number | null;
  ranked: number;
}

export interface IndicatorStanding {
  indicator: SharedIndicator;
  fiscalYear: number;
  value: number | null;
  note: string | null;
  groups: GroupStanding[];
  sample: boolean;
}

/**
 * Every shared indicator of one municipality, in its latest year, against each peer group. The
 * database works out the groups' figures (`standingsOf`): a municipality's page reads a few rows
 * per indicator, not every municipality's value.
 */
export async function compareMunicipality(
  db: Db,
  bodyCode: string,
): Promise<{ subject: NationalBody; standings: IndicatorStanding[] } | undefined> {
  const subject = await findNationalBody(db, bodyCode);
  if (!subject) return undefined;
  const [catalogue, figures] = await Promise.all([
    listSharedIndicators(db),
    standingsOf(db, bodyCode),
  ]);
  const standings: IndicatorStanding[] = [];
  for (const indicator of catalogue) {
    const mine = figures.filter((f) => f.sharedCode === indicator.code);
    const all = mine.find((f) => f.group === "all");
    if (!all) continue;
    standings.push({
      indicator,
      fiscalYear: all.fiscalYear,
      value: all.value,
      note: all.note,
      sample: all.sample,
      groups: COMPARED.map((group) => {
        const f = mine.find((g) => g.group === group);
        const summary: Summary = f
          ? { count: f.count, median: f.median, q1: f.q1, q3: f.q3, min: f.min, max: f.max }
          : summarize([]);
        const better = indicator.rankOrder === "asc" ? f?.below : f?.above;
        return {
          group,
          label: peerGroupLabel(subject, group),
          summary,
          rank: f && f.value !== null && better !== undefined ? better + 1 : null,
          ranked: summary.count,
        };
      }),
    });
  }
  return { subject, standings };
}

/** The order a municipality's page shows its groups in: the closest peers first. */
const COMPARED: PeerGroup[] = ["similar", "prefecture", "population", "all"];

export interface PeerMedian {
  indicator: SharedIndicator;
  fiscalYear: number;
  groupLabel: string;
  median: number | null;
  count: number;
  /** The municipality's own value in the national table. */
  value: number | null;
  sample: boolean;
}

/**
 * For an indicator page: the peer median of the shared indicator a municipality's own indicator
 * is linked to, in the latest year (類似団体, or all municipalities when it has no 区分).
 */
export async function peerMedianOf(
  db: Db,
  municipalityCode: string,
  indicatorId: number,
): Promise<PeerMedian | undefined> {
  const sharedCode = await linkOf(db, municipalityCode, indicatorId);
  if (!sharedCode) return undefined;
  const subject = await findNationalBody(db, municipalityCode);
  const group: PeerGroup = subject?.similarGroup ? "similar" : "all";
  const c = await compareIndicator(db, sharedCode, {
    subject: subject ? municipalityCode : undefined,
    group: subject ? group : "all",
  });
  if (c.fiscalYear === null) return undefined;
  return {
    indicator: c.indicator,
    fiscalYear: c.fiscalYear,
    groupLabel: c.groupLabel,
    median: c.summary.median,
    count: c.summary.count,
    value: c.subjectRow?.value ?? null,
    sample: c.sample,
  };
}
