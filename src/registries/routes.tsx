/** Public pages of the registries: `/{code}/registries`, one registry, one record. */
import { Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearInJapan } from "../core/fiscal-year.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { counted, fiscalYearOfDay, floorAreaByYear } from "./formulas.ts";
import { loadRecord, loadRecords, registryTotals } from "./queries.ts";
import { registryOf } from "./store.ts";
import { RecordPage, RegistriesIndex, RegistryPage } from "./views/public.tsx";

/** A record id in a path: a positive integer, else 404. */
export function recordId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AppError("not_found", `記録 ${text} はありません`);
  return id;
}

/** ?year=2025: the records the indicator counted in that fiscal year. */
function yearParam(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const fy = Number(text);
  if (!Number.isInteger(fy) || fy < 1900 || fy > 2200)
    throw new AppError("bad_request", `year「${text}」は年度（西暦、例：2025）ではありません`);
  return fy;
}

export function registryRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/registries", async (c) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout
        title="台帳"
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: "台帳" }]}
      >
        <RegistriesIndex
          code={m.code}
          totals={await registryTotals(db, m.code)}
          base={`/${m.code}/registries`}
        />
      </Layout>,
    );
  });

  app.get("/:code/registries/:registry", async (c) => {
    const m = municipalityOf(c);
    const def = registryOf(c.req.param("registry"));
    const year = yearParam(c.req.query("year"));
    const all = await loadRecords(db, m.code, def.key);
    const records = year === undefined ? all : counted(def.key, all, year);
    let floorAreas: ReturnType<typeof floorAreaByYear> | undefined;
    if (def.key === "facilities" && all.length) {
      const days = all
        .map((r) => r.fields.openedOn)
        .filter((d): d is string => typeof d === "string");
      const now = fiscalYearInJapan(new Date());
      const first = Math.max(now - 10, Math.min(now, ...days.map(fiscalYearOfDay)));
      floorAreas = floorAreaByYear(
        all,
        Array.from({ length: now - first + 1 }, (_, i) => first + i),
      );
    }
    return c.html(
      <Layout
        title={`${def.label}の台帳`}
        municipality={m}
        crumbs={[
          { href: `/${m.code}/`, label: m.name },
          { href: `/${m.code}/registries`, label: "台帳" },
          { label: def.label },
        ]}
      >
        <RegistryPage
          code={m.code}
          def={def}
          records={records}
          total={all.length}
          year={year}
          floorAreas={floorAreas}
        />
      </Layout>,
    );
  });

  app.get("/:code/registries/:registry/:id", async (c) => {
    const m = municipalityOf(c);
    const def = registryOf(c.req.param("registry"));
    const record = await loadRecord(db, m.code, def.key, recordId(c.req.param("id")));
    return c.html(
      <Layout
        title={record.name}
        municipality={m}
        crumbs={[
          { href: `/${m.code}/`, label: m.name },
          { href: `/${m.code}/registries`, label: "台帳" },
          { href: `/${m.code}/registries/${def.key}`, label: def.label },
          { label: record.name },
        ]}
      >
        <RecordPage code={m.code} def={def} record={record} />
      </Layout>,
    );
  });

  return app;
}
