/**
 * The typed client generated from the OpenAPI document (api/v1.d.ts with openapi-fetch), used as
 * a user's program would use it; and the committed types kept in step with the routes.
 */
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { API_TYPES_FILE, apiTypes } from "../../bin/api-types.ts";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO } from "../support/staff.ts";

describe("api/v1.d.ts", () => {
  it("is what `npm run api:types` writes for the current routes", async () => {
    const committed = await readFile(API_TYPES_FILE, "utf8");
    expect(committed === (await apiTypes()), "run `npm run api:types` and commit").toBe(true);
  });
});

describeEachBackend("the typed API client", (t) => {
  const code = "082058";
  let token: string;
  beforeAll(async () => {
    token = (
      await createTokenFor(
        t.database.db,
        code,
        { email: DEMO.editor.email, label: "型つき" },
        CLI_ACTOR,
      )
    ).token;
  });

  it("reads a list and one item at the documented addresses", async () => {
    const list = await t.api.GET("/municipalities/{code}/programs", {
      params: { path: { code }, query: { limit: 2 } },
    });
    expect(list.response.status).toBe(200);
    expect(list.data!.items).toHaveLength(2);
    const programCode = list.data!.items[0]!.code;
    const one = await t.api.GET("/municipalities/{code}/programs/{programCode}", {
      params: { path: { code, programCode } },
    });
    expect(one.data?.code).toBe(programCode);
  });

  it("writes with a token and gets the documented errors", async () => {
    const path = { code, indicatorCode: "GZ-1-O1", fiscalYear: 2024 };
    const saved = await t.api.PUT(
      "/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}",
      {
        params: { path },
        body: { value: 42, note: "型つきクライアントから" },
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ status: "draft", draft: { value: 42, version: 1 } });
    const anonymous = await t.api.PUT(
      "/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}",
      { params: { path }, body: { value: 43 } },
    );
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.error.code).toBe("unauthorized");
  });
});
