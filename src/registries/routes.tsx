/** Public pages of the registries: `/{code}/registries`, one registry, one record. */
import { Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import { AppError, recordIdOf } from "../core/errors.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { facilityPictures } from "./facility-pictures.ts";
import { counted } from "./formulas.ts";
import { recordHistory } from "./history.ts";
import {
  facilityCosts,
  loadRecord,
  loadRecordHistory,
  loadRecords,
  registryTotals,
} from "./queries.ts";
import { offeredRegistries, registryIn } from "./settings.ts";
import { RecordPage, RegistriesIndex, RegistryPage } from "./views/public.tsx";

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
          registries={await offeredRegistries(db, m.code)}
          totals={await registryTotals(db, m.code)}
          base={`/${m.code}/registries`}
        />
      </Layout>,
    );
  });

  app.get("/:code/registries/:registry", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    const year = yearParam(c.req.query("year"));
    const all = await loadRecords(db, m.code, def.key);
    const records = year === undefined ? all : counted(def.key, all, year);
    const facilities = def.key === "facilities" ? await facilityPictures(all) : undefined;
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
          facilities={facilities}
        />
      </Layout>,
    );
  });

  app.get("/:code/registries/:registry/:id", async (c) => {
    const m = municipalityOf(c);
    const def = await registryIn(db, m.code, c.req.param("registry"));
    const record = await loadRecord(db, m.code, def.key, recordIdOf(c.req.param("id"), "記録"));
    const history = recordHistory(def, await loadRecordHistory(db, m.code, def.key, record.id));
    const costs = def.key === "facilities" ? await facilityCosts(db, m.code, record) : undefined;
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
        <RecordPage code={m.code} def={def} record={record} history={history} costs={costs} />
      </Layout>,
    );
  });

  return app;
}
