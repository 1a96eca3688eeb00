/** Adding a municipality (platform operators, `shisaku municipality add`). */
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { validateMunicipalityCode } from "../core/municipality-code.ts";
import { BodyKind } from "../plan/index.ts";
import { findMunicipality } from "./queries.ts";
import { municipalities } from "./schema.ts";

export async function addMunicipality(
  db: Db,
  input: { code: string; name: string; prefecture: string; bodyKind: string },
  actor: Actor = SYSTEM_ACTOR,
) {
  const check = validateMunicipalityCode(input.code);
  if (!check.ok)
    throw new AppError("bad_request", check.message, [
      { location: "code", message: check.message },
    ]);
  const kind = BodyKind.safeParse(input.bodyKind);
  if (!kind.success) {
    const message = `団体の種類は ${BodyKind.options.join(" / ")} のいずれかです`;
    throw new AppError("bad_request", message, [{ location: "bodyKind", message }]);
  }
  if (!input.name.trim())
    throw new AppError("bad_request", "団体名を入力してください", [
      { location: "name", message: "必須です" },
    ]);
  if (await findMunicipality(db, check.code)) {
    throw new AppError("conflict", `団体コード ${check.code} の団体はすでに登録されています`);
  }
  await withTenant(db, check.code, async (tx) => {
    const row = {
      code: check.code,
      name: input.name.trim(),
      prefecture: input.prefecture.trim(),
      bodyKind: kind.data,
    };
    await tx.insert(municipalities).values(row);
    await audit(tx, actor, {
      municipality: check.code,
      action: "municipality.add",
      recordType: "municipality",
      recordKey: check.code,
      after: row,
    });
    await announceChange(tx, check.code);
  });
  changed(db, [check.code]);
  return check.code;
}
