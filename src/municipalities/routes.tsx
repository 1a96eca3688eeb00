/** The list of municipalities and each municipality's home page. */
import { Hono } from "hono";
import type { Db } from "../core/db/client.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { indicatorsByNode, loadPublicRegistry } from "../indicators/index.ts";
import { letterFormState } from "../letters/index.ts";
import { loadPublicPrograms } from "../programs/index.ts";
import { listMunicipalities } from "./queries.ts";
import { MunicipalityHome, MunicipalityList } from "./views.tsx";

export function municipalityRoutes(db: Db) {
  const app = new Hono();
  app.get("/", async (c) =>
    c.html(
      <Layout title="団体の一覧">
        <MunicipalityList items={await listMunicipalities(db)} />
      </Layout>,
    ),
  );
  app.get("/:code{[0-9]{6}}", (c) => c.redirect(`/${c.req.param("code")}/`, 301));
  app.get("/:code{[0-9]{6}}/", async (c) => {
    const m = municipalityOf(c);
    const [{ trees, located }, letters, { programs }] = await Promise.all([
      loadPublicRegistry(db, m.code),
      letterFormState(db, m.code),
      loadPublicPrograms(db, m.code),
    ]);
    const at = indicatorsByNode(located);
    return c.html(
      <Layout title="ホーム" municipality={m}>
        <MunicipalityHome
          municipality={m}
          plans={trees}
          indicatorsAt={(n) => at(n.id)}
          indicatorCount={located.length}
          lettersOpen={letters.open}
          hasPrograms={programs.length > 0}
        />
      </Layout>,
    );
  });
  return app;
}
