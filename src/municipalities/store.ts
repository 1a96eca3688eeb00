/** Writes a municipality and its section registry from a municipality file (upsert by code). */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import type { MunicipalityFile } from "../plan/index.ts";
import { municipalities, sectionNameHistory, sections } from "./schema.ts";

export async function saveMunicipality(tx: Tx, file: MunicipalityFile) {
  const row = {
    name: file.name,
    prefecture: file.prefecture,
    bodyKind: file.bodyKind,
    note: file.note ?? null,
  };
  await tx
    .insert(municipalities)
    .values({ code: file.code, ...row })
    .onConflictDoUpdate({ target: municipalities.code, set: row });

  const existing = await tx.select().from(sections).where(eq(sections.municipalityCode, file.code));
  const byCode = new Map(existing.map((s) => [s.code, s]));
  for (const [position, s] of file.sections.entries()) {
    const before = byCode.get(s.code);
    const values = { name: s.name, kind: s.kind, note: s.note ?? null, position };
    if (!before) {
      await tx.insert(sections).values({ municipalityCode: file.code, code: s.code, ...values });
      continue;
    }
    if (before.name !== s.name) {
      // A rename keeps the section and every link to it; the old name goes to history.
      await tx
        .insert(sectionNameHistory)
        .values({ municipalityCode: file.code, sectionId: before.id, name: before.name });
    }
    await tx
      .update(sections)
      .set(values)
      .where(and(eq(sections.id, before.id), eq(sections.municipalityCode, file.code)));
  }
}
