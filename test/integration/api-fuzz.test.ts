/**
 * Properties (fast-check): whatever a client sends, the API never answers 500. Arbitrary JSON —
 * with NUL, lone surrogates, huge and odd numbers — to the token API's PUT of an actual, and
 * arbitrary values for every query parameter of every public GET the OpenAPI document lists,
 * with the path parameters filled from the demo municipality. Runs are few: the suite shares two
 * cores.
 */
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO } from "../support/staff.ts";

const MC = "082058";
const OWN = "GZ-1-O1";

/** Text with what databases and decoders trip on: NUL, lone surrogates, any code point. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: codeUnit, maxLength: 20 }),
  fc
    .tuple(fc.string(), fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d", "\u0000\ud800"))
    .map(([a, b]) => a + b),
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 31, 2 ** 53, 5e-324, 1e21),
);
const anything = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/**
 * Bodies: mostly an actual with odd values and text (so that most reach the database), some with
 * anything in any field, some any JSON at all.
 */
const actualBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        value: fc.oneof(number, fc.constant(null)),
        note: optional(fc.oneof({ weight: 3, arbitrary: fc.string() }, text, fc.constant(null))),
        reason: optional(fc.oneof({ weight: 3, arbitrary: fc.string() }, text)),
        publishedVersion: optional(fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 3 }) }, number)),
        draftVersion: optional(fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 3 }) }, number)),
      },
      { requiredKeys: ["value"] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        value: anything,
        note: optional(anything),
        reason: optional(anything),
        publishedVersion: optional(anything),
        draftVersion: optional(anything),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.dictionary(text, anything, { maxKeys: 4 }) },
);
/** The body as JSON text (lone surrogates become \ud800 escapes), sometimes cut short. */
const jsonText = fc.tuple(actualBody, fc.nat({ max: 9 })).map(([body, cut]) => {
  const s = JSON.stringify(body) ?? "null";
  return cut === 0 ? s.slice(0, Math.floor(s.length / 2)) : s;
});
const fiscalYear = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("2023", "2024", "2025") },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("99999999999", "-1", "1e3", "2024.5", "%00", "0x7e8"),
  },
);

/** A query value as it may arrive: encoded text, raw broken percent-encoding, odd numbers. */
const queryValue = (choices: string[]) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }).map(encodeURIComponent),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.constantFrom(
      "%00",
      "a%00",
      "%ED%A0%80",
      "%FF",
      "%",
      "%E3%81",
      "%2",
      "+",
      "",
      "99999999999999999999",
      "2147483648",
      "-1",
      "1e309",
      "NaN",
      "Infinity",
      "0x10",
      "1.5",
      "-0",
      "%20%201",
    ),
    ...(choices.length ? [fc.constantFrom(...choices.map(encodeURIComponent))] : []),
  );

interface Operation {
  path: string;
  params: { name: string; in: string; schema?: { enum?: unknown[] } }[];
}

describeEachBackend("the API never answers 500", (t) => {
  let token: string;
  let operations: Operation[];
  const pathValues: Record<string, string> = { code: MC };

  beforeAll(async () => {
    token = (
      await createTokenFor(
        t.database.db,
        MC,
        { email: DEMO.editor.email, label: "fuzz" },
        CLI_ACTOR,
      )
    ).token;
    const doc = (await t.json("/api/v1/openapi.json")).body as {
      paths: Record<
        string,
        Record<string, { parameters?: Operation["params"]; security?: unknown }>
      >;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      ops.get && !ops.get.security ? [{ path, params: ops.get.parameters ?? [] }] : [],
    ) as Operation[];
    // Path parameters: real codes of the demo, from the lists.
    const first = async (list: string, field: string) => {
      const { body } = await t.json(`/api/v1/municipalities/${MC}/${list}?limit=1`);
      return String(body.items[0]?.[field] ?? "none");
    };
    pathValues.indicatorCode = await first("indicators", "code");
    pathValues.programCode = await first("programs", "code");
    pathValues.receiptNumber = await first("letters", "receiptNumber");
    pathValues.meetingId = await first("meetings", "id");
    pathValues.survey = await first("surveys", "id");
    pathValues.registry = await first("registries", "key");
  });

  it("knows every path parameter of the public API", () => {
    expect(operations.length).toBeGreaterThan(10);
    const names = operations.flatMap((o) =>
      o.params.filter((p) => p.in === "path").map((p) => p.name),
    );
    expect(names.filter((n) => !(n in pathValues))).toEqual([]);
  });

  it("PUT of an actual: any JSON body, any fiscal year", async () => {
    await fc.assert(
      fc.asyncProperty(jsonText, fiscalYear, async (body, fy) => {
        const res = await t.get(`/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/${fy}`, {
          method: "PUT",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body,
        });
        expect(res.status, `${fy} ${body}`).toBeLessThan(500);
        const answer = (await res.json()) as { error?: { code: string } };
        if (res.status >= 400) expect(answer.error?.code).toBeTypeOf("string");
      }),
      { numRuns: 80 },
    );
  });

  it("every query parameter of every public GET", async () => {
    const request = fc
      .constantFrom(...operations)
      .chain((op) => {
        const query = op.params.filter((p) => p.in === "query");
        const pairs = query.map((p) =>
          optional(queryValue((p.schema?.enum ?? []).map(String)).map((v) => `${p.name}=${v}`)),
        );
        return fc.tuple(fc.constant(op), fc.tuple(...pairs), fc.boolean());
      })
      .map(([op, pairs, twice]) => {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name]!);
        const query = pairs.filter((p): p is string => p !== undefined);
        // A parameter given twice, as an array.
        if (twice && query[0]) query.push(query[0]);
        return `/api/v1${path}${query.length ? `?${query.join("&")}` : ""}`;
      });
    await fc.assert(
      fc.asyncProperty(request, async (url) => {
        const res = await t.get(url);
        expect(res.status, url).toBeLessThan(500);
        const answer = (await res.json()) as { error?: { code: string } };
        if (res.status >= 400) expect(answer.error?.code, url).toBeTypeOf("string");
      }),
      { numRuns: 120 },
    );
  });
});
