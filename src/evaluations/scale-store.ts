/**
 * A municipality's rating scale (評価の段階): read (the default A/B/C when none is stored) and
 * saved by planners with a version check, refusing a scale that would drop a level still used
 * by a submitted, reviewed or published evaluation.
 */
import { and, eq, ne } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { programs } from "../programs/schema.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  type Aspect,
  checkRatingScale,
  DEFAULT_RATING_SCALE,
  type RatingScale,
} from "./evaluation.ts";
import { permissions } from "./permissions.ts";
import { evaluationSettings, programEvaluations } from "./schema.ts";

export interface StoredScale {
  scale: RatingScale;
  /** 0 while the default is used (nothing stored). */
  version: number;
}

export async function readRatingScale(tx: Tx, mc: string, lock = false): Promise<StoredScale> {
  const q = tx.select().from(evaluationSettings).where(eq(evaluationSettings.municipalityCode, mc));
  const [row] = await (lock ? q.for("update") : q);
  return row
    ? { scale: row.ratingScale, version: row.version }
    : { scale: DEFAULT_RATING_SCALE, version: 0 };
}

export const loadRatingScale = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => readRatingScale(tx, mc));

/** A rating used by an evaluation beyond the draft, which a new scale must keep. */
export interface UsedRating {
  code: string;
  programCode: string;
  fiscalYear: number;
  aspect: Aspect;
}

const COLUMN: Record<Aspect, keyof typeof programEvaluations.$inferSelect> = {
  necessity: "ratingNecessity",
  effectiveness: "ratingEffectiveness",
  efficiency: "ratingEfficiency",
  equity: "ratingEquity",
};

async function usedRatings(tx: Tx, mc: string): Promise<UsedRating[]> {
  const rows = await tx
    .select({ e: programEvaluations, programCode: programs.code })
    .from(programEvaluations)
    .innerJoin(programs, eq(programs.id, programEvaluations.programId))
    .where(
      and(eq(programEvaluations.municipalityCode, mc), ne(programEvaluations.status, "draft")),
    );
  return rows.flatMap((r) =>
    ASPECTS.flatMap((aspect) => {
      const code = r.e[COLUMN[aspect]];
      return typeof code === "string"
        ? [{ code, programCode: r.programCode, fiscalYear: r.e.fiscalYear, aspect }]
        : [];
    }),
  );
}

/** The levels a new scale would drop although evaluations beyond the draft use them. */
export function orphanedRatings(scale: RatingScale, used: UsedRating[]): ErrorDetail[] {
  const codes = new Set(scale.levels.map((l) => l.code.trim()));
  const byCode = new Map<string, UsedRating[]>();
  for (const u of used)
    if (!codes.has(u.code)) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  return [...byCode].map(([code, list]) => ({
    location: "levels",
    message: `段階「${code}」は提出済み以降の評価で使われているため削除できません: ${list
      .slice(0, 10)
      .map(
        (u) =>
          `${u.programCode}（${shortFiscalYearLabel(u.fiscalYear)}・${ASPECT_LABELS[u.aspect]}）`,
      )
      .join("、")}${list.length > 10 ? ` ほか${list.length - 10}件` : ""}`,
  }));
}

/**
 * Saves the scale (planners and admins) over the version the form was opened on: invalid naming
 * the problems (a level still used among them), a conflict on a stale version.
 */
export async function saveRatingScale(
  ctx: ActionContext<Principal>,
  input: { scale: RatingScale; version: number },
): Promise<Outcome<StoredScale, StoredScale>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.manageScale);
  if (no) return no;
  const scale: RatingScale = {
    levels: input.scale.levels.map((l) => ({
      code: l.code.trim(),
      definitions: Object.fromEntries(
        ASPECTS.map((a) => [a, (l.definitions[a] ?? "").trim()]),
      ) as Record<Aspect, string>,
    })),
  };
  const problems = checkRatingScale(scale, "scale");
  if (problems.length) return invalid(problems);
  const result = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<StoredScale, StoredScale>> => {
      const current = await readRatingScale(tx, mc, true);
      if (current.version !== input.version) return conflict(current);
      const orphans = orphanedRatings(scale, await usedRatings(tx, mc));
      if (orphans.length) return invalid(orphans, "使われている段階は削除できません");
      if (current.version > 0 && JSON.stringify(current.scale) === JSON.stringify(scale))
        return unchanged(current);
      const version = current.version + 1;
      if (current.version === 0)
        await tx
          .insert(evaluationSettings)
          .values({ municipalityCode: mc, ratingScale: scale, version });
      else
        await tx
          .update(evaluationSettings)
          .set({ ratingScale: scale, version })
          .where(eq(evaluationSettings.municipalityCode, mc));
      await audit(tx, actor, {
        municipality: mc,
        action: "evaluation.scale_save",
        recordType: "evaluation_settings",
        recordKey: mc,
        before: current.scale,
        after: scale,
      });
      // Public program pages show what each rating means.
      await announceChange(tx, mc);
      return saved({ scale, version });
    },
  );
  if (result.status === "saved") changed(db, [mc]);
  return result;
}
