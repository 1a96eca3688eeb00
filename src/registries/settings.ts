/**
 * Which registries a municipality keeps (registry_settings): only those an admin has turned on
 * are offered — on the staff and public pages, the spreadsheets page, the API and the open data
 * — in the municipality's own wording where it has some, each feeding the indicator of its own
 * plan that an admin linked (none until then). Each change is one audit entry in its
 * transaction, and announced so that cached pages follow.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { indicators } from "../indicators/schema.ts";
import {
  isRegistryKey,
  REGISTRIES,
  REGISTRY_KEYS,
  type RegistryDef,
  type RegistryKey,
  type RegistryWording,
  registryWith,
} from "./definitions.ts";
import { permissions } from "./permissions.ts";
import { recomputeRegistry } from "./recompute.ts";
import { registryRecords, registrySettings } from "./schema.ts";

export type RegistrySetting = typeof registrySettings.$inferSelect;

const wordingOf = (s: RegistrySetting | undefined): RegistryWording => ({
  description: s?.description ?? null,
  fields: s?.fields ?? {},
  indicatorCode: s?.indicatorCode ?? null,
});

/** The municipality's settings, by registry (turned off ones too). */
export async function readSettings(tx: Tx, mc: string): Promise<Map<string, RegistrySetting>> {
  const rows = await tx
    .select()
    .from(registrySettings)
    .where(eq(registrySettings.municipalityCode, mc));
  return new Map(rows.map((r) => [r.registry, r]));
}

/** Every registry of the catalogue as the municipality would keep it, and whether it is on. */
export async function readCatalogue(tx: Tx, mc: string) {
  const settings = await readSettings(tx, mc);
  return REGISTRY_KEYS.map((key) => {
    const s = settings.get(key);
    return {
      def: registryWith(REGISTRIES[key], wordingOf(s)),
      on: s?.enabled ?? false,
      setting: s,
    };
  });
}

/** The registries the municipality has turned on, in the catalogue's order. */
export async function readOffered(tx: Tx, mc: string): Promise<RegistryDef[]> {
  return (await readCatalogue(tx, mc)).filter((r) => r.on).map((r) => r.def);
}

/** One registry the municipality has turned on; not found (404) otherwise, saying why. */
export async function readRegistry(tx: Tx, mc: string, key: string): Promise<RegistryDef> {
  if (!isRegistryKey(key)) throw new AppError("not_found", `台帳 ${key} はありません`);
  const [s] = await tx
    .select()
    .from(registrySettings)
    .where(and(eq(registrySettings.municipalityCode, mc), eq(registrySettings.registry, key)));
  if (!s?.enabled)
    throw new AppError(
      "not_found",
      `「${REGISTRIES[key].label}」の台帳はこの団体では使っていません（管理者が「台帳の設定」で使い始めると表示されます）`,
    );
  return registryWith(REGISTRIES[key], wordingOf(s));
}

export const offeredRegistries = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => readOffered(tx, mc));

export const registryIn = (db: Db, mc: string, key: string) =>
  withTenant(db, mc, (tx) => readRegistry(tx, mc, key));

export const loadCatalogue = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => readCatalogue(tx, mc));

/** The indicators of the municipality's plans an admin may link a registry to. */
export const loadLinkableIndicators = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) =>
    tx
      .select({ code: indicators.code, name: indicators.name })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc))
      .orderBy(asc(indicators.code)),
  );

const shownSetting = (s: Pick<RegistrySetting, "enabled" | "indicatorCode">) => ({
  enabled: s.enabled,
  indicatorCode: s.indicatorCode,
});

/**
 * Writes a municipality's setting of a registry (a new row, or a change of one) with its audit
 * entry; the demo's loader uses it too.
 */
export async function writeSetting(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  actor: Actor,
  change: {
    enabled: boolean;
    indicatorCode?: string | null;
    description?: string | null;
    fields?: RegistrySetting["fields"];
  },
  action: "registry.enable" | "registry.disable" | "registry.link_indicator",
) {
  const [before] = await tx
    .select()
    .from(registrySettings)
    .where(and(eq(registrySettings.municipalityCode, mc), eq(registrySettings.registry, key)))
    .for("update");
  const after = {
    enabled: change.enabled,
    indicatorCode:
      change.indicatorCode === undefined ? (before?.indicatorCode ?? null) : change.indicatorCode,
  };
  if (before)
    await tx
      .update(registrySettings)
      .set({
        ...after,
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.fields !== undefined ? { fields: change.fields } : {}),
        version: sql`${registrySettings.version} + 1`,
        updatedBy: actor.label,
        updatedAt: new Date(),
      })
      .where(and(eq(registrySettings.municipalityCode, mc), eq(registrySettings.registry, key)));
  else
    await tx.insert(registrySettings).values({
      municipalityCode: mc,
      registry: key,
      ...after,
      description: change.description ?? null,
      fields: change.fields ?? {},
      updatedBy: actor.label,
    });
  await audit(tx, actor, {
    municipality: mc,
    action,
    recordType: "registry_setting",
    recordKey: key,
    before: before ? shownSetting(before) : null,
    after,
  });
}

const keyOf = (registry: string) => {
  if (!isRegistryKey(registry)) throw new AppError("not_found", `台帳 ${registry} はありません`);
  return registry;
};

const lockSettings = (tx: Tx, mc: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`registry-settings:${mc}`}))`);

/**
 * An admin turns a registry on or off. A registry that holds records cannot be turned off (its
 * records and the indicator computed from them would vanish from the pages): retire them, or
 * keep it.
 */
export async function setRegistryUse(
  ctx: ActionContext<Principal>,
  input: { registry: string; on: boolean },
): Promise<Outcome<{ registry: RegistryKey }>> {
  const no = refusal(ctx.who, permissions.configure);
  if (no) return no;
  const key = keyOf(input.registry);
  const { db, municipality: mc, actor } = ctx;
  const label = REGISTRIES[key].label;
  const outcome = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<{ registry: RegistryKey }>> => {
      await lockSettings(tx, mc);
      const current = (await readSettings(tx, mc)).get(key);
      if ((current?.enabled ?? false) === input.on) return unchanged({ registry: key });
      if (!input.on) {
        const [row] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(registryRecords)
          .where(and(eq(registryRecords.municipalityCode, mc), eq(registryRecords.registry, key)));
        if ((row?.n ?? 0) > 0)
          return invalid([
            {
              location: "registry",
              message: `「${label}」の台帳には記録が ${row!.n} 件あるため、使うのをやめられません（記録は廃止・終了にしても台帳に残ります）`,
            },
          ]);
      }
      await writeSetting(
        tx,
        mc,
        key,
        actor,
        { enabled: input.on },
        input.on ? "registry.enable" : "registry.disable",
      );
      await announceChange(tx, mc);
      return saved({ registry: key });
    },
  );
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * An admin links a registry the municipality keeps to an indicator of its plan (or unlinks it:
 * empty code), on the version the form was opened on. The indicator is computed from the
 * records at once; an indicator fed by another registry is refused.
 */
export async function linkRegistryIndicator(
  ctx: ActionContext<Principal>,
  input: { registry: string; indicatorCode: string; version: number },
): Promise<Outcome<{ registry: RegistryKey }, RegistrySetting>> {
  const no = refusal(ctx.who, permissions.configure);
  if (no) return no;
  const key = keyOf(input.registry);
  const code = input.indicatorCode.trim() || null;
  const { db, municipality: mc, actor } = ctx;
  const entry = REGISTRIES[key];
  if (code && !entry.formula)
    return invalid([
      {
        location: "indicatorCode",
        message: `「${entry.label}」の台帳から計算する指標はありません（記録の一覧と図だけの台帳です）`,
      },
    ]);
  type Result = Outcome<{ registry: RegistryKey }, RegistrySetting>;
  const outcome = await withTenant(db, mc, async (tx): Promise<Result> => {
    await lockSettings(tx, mc);
    const current = (await readSettings(tx, mc)).get(key);
    if (!current?.enabled)
      return invalid([
        {
          location: "indicatorCode",
          message: `「${entry.label}」の台帳は使っていません。先に使い始めてください`,
        },
      ]);
    if (current.version !== input.version)
      return conflict(
        current,
        `「${entry.label}」の台帳の設定は、フォームを開いた後にほかの人が変更しました。ページを開き直してください`,
      );
    if (current.indicatorCode === code) return unchanged({ registry: key });
    if (code) {
      const [found] = await tx
        .select({ code: indicators.code })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, code)));
      if (!found)
        return invalid([
          { location: "indicatorCode", message: `指標 ${code} はこの団体の計画にありません` },
        ]);
      const [taken] = await tx
        .select({ registry: registrySettings.registry })
        .from(registrySettings)
        .where(
          and(
            eq(registrySettings.municipalityCode, mc),
            eq(registrySettings.indicatorCode, code),
            ne(registrySettings.registry, key),
          ),
        );
      if (taken)
        return invalid([
          {
            location: "indicatorCode",
            message: `指標 ${code} はすでに「${REGISTRIES[taken.registry as RegistryKey]?.label ?? taken.registry}」の台帳から計算しています`,
          },
        ]);
    }
    await writeSetting(
      tx,
      mc,
      key,
      actor,
      { enabled: true, indicatorCode: code },
      "registry.link_indicator",
    );
    if (code) await recomputeRegistry(tx, mc, key, actor);
    await announceChange(tx, mc);
    return saved({ registry: key });
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}
