import { describe, expect, it } from "vitest";
import { fieldOf, resourceSchema, tableSchemaOf } from "./datapackage.ts";
import { standardSchema } from "./standard/schemas.ts";

describe("Frictionless Table Schema of the standard types", () => {
  it("writes each column's checks as the field's type and constraints", () => {
    const toilets = tableSchemaOf(standardSchema("public-toilets")!);
    const by = new Map(toilets.fields.map((f) => [f.name, f]));
    expect(by.get("全国地方公共団体コード")).toEqual({
      name: "全国地方公共団体コード",
      type: "string",
      constraints: { required: true, pattern: "[0-9]{6}" },
    });
    expect(by.get("緯度")).toMatchObject({
      type: "number",
      constraints: { minimum: -90, maximum: 90 },
    });
    const aed = tableSchemaOf(standardSchema("aed")!).fields.find((f) => f.name === "開始時間");
    expect(aed).toMatchObject({ type: "time", format: "%H:%M" });
    expect(toilets.fields.map((f) => f.name)).toEqual(
      standardSchema("public-toilets")!.columns.map((c) => c.name),
    );
    expect(fieldOf({ name: "定員", type: "int", required: false, aliases: [] })).toEqual({
      name: "定員",
      type: "integer",
      constraints: { minimum: 0 },
    });
  });

  it("reads a non-standard column's type from its values", () => {
    const s = resourceSchema(["名前", "件数", "率"], null, [
      ["A", 1, 0.5],
      ["B", null, 2],
    ]);
    expect(s.fields.map((f) => f.type)).toEqual(["string", "integer", "number"]);
  });
});
