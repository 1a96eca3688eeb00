/**
 * Frictionless Data (pure): a standard type as a Table Schema (`schema.json`), a dataset as a
 * Tabular Data Package (`datapackage.json`, each resource's UTF-8 CSV with its schema), and the
 * catalogue as one package of every published resource. Specs: https://specs.frictionlessdata.io
 * (Data Package v1, Tabular Data Resource, Table Schema).
 */
import type { CatalogueDataset } from "./catalogue.ts";
import { LICENCE_LABELS, LICENCE_URIS } from "./rules.ts";
import type { StandardColumn, StandardSchema } from "./standard/schemas.ts";
import { standardSchema } from "./standard/schemas.ts";

export interface TableField {
  name: string;
  type: "string" | "integer" | "number" | "date" | "time";
  format?: string;
  constraints?: {
    required?: boolean;
    minimum?: number;
    maximum?: number;
    pattern?: string;
    enum?: string[];
  };
}

/** A standard column as a Table Schema field (the checks of table-rules.ts as constraints). */
export function fieldOf(c: StandardColumn): TableField {
  const req = c.required ? { required: true } : {};
  switch (c.type) {
    case "int":
      return { name: c.name, type: "integer", constraints: { ...req, minimum: 0 } };
    case "num":
      return { name: c.name, type: "number", ...(c.required ? { constraints: req } : {}) };
    case "lat":
      return { name: c.name, type: "number", constraints: { ...req, minimum: -90, maximum: 90 } };
    case "lon":
      return {
        name: c.name,
        type: "number",
        constraints: { ...req, minimum: -180, maximum: 180 },
      };
    case "date":
      return { name: c.name, type: "date", ...(c.required ? { constraints: req } : {}) };
    case "time":
      return {
        name: c.name,
        type: "time",
        format: "%H:%M",
        ...(c.required ? { constraints: req } : {}),
      };
    case "url":
      return {
        name: c.name,
        type: "string",
        format: "uri",
        ...(c.required ? { constraints: req } : {}),
      };
    case "code":
      return { name: c.name, type: "string", constraints: { ...req, pattern: "[0-9]{6}" } };
    case "yn":
      return { name: c.name, type: "string", constraints: { ...req, enum: ["有", "無"] } };
    default:
      return { name: c.name, type: "string", ...(c.required ? { constraints: req } : {}) };
  }
}

/** A standard type's Table Schema. */
export const tableSchemaOf = (s: StandardSchema) => ({
  fields: s.columns.map(fieldOf),
  missingValues: [""],
});

/**
 * The schema of a resource's columns: the standard's fields for the columns it defines, and for
 * any other column `number` when every value is a number, else `string`.
 */
export function resourceSchema(
  columns: string[],
  standardType: string | null,
  sampleRows: readonly (string | number | null)[][],
) {
  const std = standardSchema(standardType);
  return {
    fields: columns.map((name, j): TableField => {
      const c = std?.columns.find((x) => x.name === name);
      if (c) return fieldOf(c);
      const values = sampleRows.map((r) => r[j]).filter((v) => v !== null && v !== undefined);
      const numeric = values.length > 0 && values.every((v) => typeof v === "number");
      const whole = numeric && values.every((v) => Number.isInteger(v));
      return { name, type: whole ? "integer" : numeric ? "number" : "string" };
    }),
    missingValues: [""],
  };
}

/** What a package needs of a resource besides the dataset's metadata: its rows for the schema. */
export type ResourceRows = Map<string, readonly (string | number | null)[][]>;

const packageName = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]/g, "-");

function resourcesOf(
  base: string,
  code: string,
  d: CatalogueDataset,
  rows: ResourceRows,
  prefix: string,
) {
  return d.resources
    .filter((r) => r.versions.length)
    .map((r) => {
      const latest = r.versions[0]!;
      return {
        profile: "tabular-data-resource",
        name: packageName(`${prefix}${r.slug}`),
        title: r.title,
        ...(r.description ? { description: r.description } : {}),
        path: `${base}/${code}/opendata/${d.slug}/${r.slug}/csv`,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ",", lineTerminator: "\r\n", header: true },
        schema: resourceSchema(latest.columns, d.standardType, rows.get(r.slug) ?? []),
      };
    });
}

const licenses = (d: CatalogueDataset) => [
  { name: d.licence, path: LICENCE_URIS[d.licence], title: LICENCE_LABELS[d.licence] },
];

/** A dataset as a Tabular Data Package. */
export function datasetPackage(
  base: string,
  code: string,
  d: CatalogueDataset,
  rows: ResourceRows,
) {
  return {
    profile: "tabular-data-package",
    name: packageName(`${code}-${d.slug}`),
    id: d.uuid,
    title: d.title,
    description: d.description,
    homepage: `${base}/${code}/opendata/${d.slug}`,
    ...(d.publishedAt ? { created: d.publishedAt.toISOString() } : {}),
    keywords: d.keywords,
    licenses: licenses(d),
    resources: resourcesOf(base, code, d, rows, ""),
  };
}

/** The whole published catalogue as one package: every resource, named `{dataset}--{resource}`. */
export function cataloguePackage(
  base: string,
  m: { code: string; name: string },
  datasets: readonly { d: CatalogueDataset; rows: ResourceRows }[],
) {
  return {
    profile: "tabular-data-package",
    name: packageName(`${m.code}-opendata`),
    title: `${m.name}オープンデータカタログ`,
    homepage: `${base}/${m.code}/opendata`,
    licenses: [...new Set(datasets.map(({ d }) => d.licence))].map((l) => ({
      name: l,
      path: LICENCE_URIS[l],
      title: LICENCE_LABELS[l],
    })),
    resources: datasets.flatMap(({ d, rows }) =>
      resourcesOf(base, m.code, d, rows, `${d.slug}--`).map((r) => ({
        ...r,
        licenses: licenses(d),
      })),
    ),
  };
}
