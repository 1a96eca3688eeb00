/**
 * The open data catalogue (オープンデータカタログ) of a municipality: datasets, their resources
 * (tables published as CSV, xlsx and JSON) and every upload of each resource (versions, all kept).
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "../core/db/bytea.ts";
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";

export const LICENCES = ["PDL-1.0", "CC-BY-4.0"] as const;
export type Licence = (typeof LICENCES)[number];

export const DATASET_STATUSES = ["draft", "published", "withdrawn"] as const;

/**
 * A dataset of the catalogue. A draft or a withdrawn dataset is seen by staff only; the public
 * pages, the CKAN API and the DCAT metadata show published ones.
 */
export const opendataDatasets = pgTable(
  "opendata_datasets",
  {
    id: serial("id"),
    /** The identifier CKAN clients see (package id). */
    uuid: uuid("uuid").notNull().defaultRandom(),
    municipalityCode: tenantCode(),
    /** In URLs: lower-case letters, digits and hyphens (CKAN's name is `{code}-{slug}`). */
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    titleEn: text("title_en"),
    description: text("description").notNull(),
    /** The publishing section (課) of the municipality's registry. */
    sectionCode: text("section_code"),
    licence: text("licence", { enum: LICENCES }).notNull().default("PDL-1.0"),
    /** 更新頻度, e.g. 「随時」「毎年」. */
    frequency: text("frequency"),
    keywords: jsonb("keywords").$type<string[]>().notNull().default([]),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    spatial: text("spatial"),
    temporalStart: text("temporal_start"),
    temporalEnd: text("temporal_end"),
    contact: text("contact"),
    /** The 自治体標準オープンデータセット type its resources follow (standard/schemas.ts), or null. */
    standardType: text("standard_type"),
    /** Demo data that the plan does not contain (shown 「サンプル」 everywhere). */
    sample: boolean("sample").notNull().default(false),
    status: text("status", { enum: DATASET_STATUSES }).notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "opendata_datasets_pkey", columns: [t.id, t.municipalityCode] }),
    uniqueIndex("opendata_datasets_slug").on(t.municipalityCode, t.slug),
    uniqueIndex("opendata_datasets_uuid").on(t.uuid, t.municipalityCode),
  ],
);

/** A table of a dataset; its content is its latest version. */
export const opendataResources = pgTable(
  "opendata_resources",
  {
    id: serial("id"),
    uuid: uuid("uuid").notNull().defaultRandom(),
    municipalityCode: tenantCode(),
    datasetId: integer("dataset_id").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "opendata_resources_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "opendata_resources_dataset_id_fk",
      { municipalityCode: t.municipalityCode, column: t.datasetId },
      opendataDatasets,
    ).onDelete("cascade"),
    uniqueIndex("opendata_resources_slug").on(t.datasetId, t.slug, t.municipalityCode),
    uniqueIndex("opendata_resources_uuid").on(t.uuid, t.municipalityCode),
    index("opendata_resources_tenant").on(t.municipalityCode),
  ],
);

/** A cell as stored: text as read (normalised), a number, or empty. */
export type StoredCell = string | number | null;

/**
 * One upload of a resource, kept for ever: the file as uploaded, and its rows as checked and
 * normalised (和暦 → 西暦, full-width digits → half-width) from which every format is written.
 */
export const opendataResourceVersions = pgTable(
  "opendata_resource_versions",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    resourceId: integer("resource_id").notNull(),
    number: integer("number").notNull(),
    fileName: text("file_name").notNull(),
    /** xlsx, csv or csv-sjis: the uploaded file's format. */
    format: text("format").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    columns: jsonb("columns").$type<string[]>().notNull(),
    rows: jsonb("rows").$type<StoredCell[][]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** What changed from the previous version: 「追加 3 行、削除 1 行、変更 2 行」. */
    summary: text("summary").notNull(),
    uploadedBy: text("uploaded_by").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "opendata_resource_versions_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "opendata_resource_versions_resource_id_fk",
      { municipalityCode: t.municipalityCode, column: t.resourceId },
      opendataResources,
    ).onDelete("cascade"),
    uniqueIndex("opendata_resource_versions_number").on(t.resourceId, t.number, t.municipalityCode),
  ],
);

/**
 * How many times each resource was downloaded in a month (Japan time): every public download
 * of any format or version (GET answered 200, from the page cache too), never a HEAD or a staff
 * page. Keyed by the resource's identifier as CKAN clients see it (`uuid`): a generated
 * resource has no row of its own (its identifier is stable, generated.ts), so no foreign key.
 * Nothing about who downloaded is kept.
 */
export const opendataDownloads = pgTable(
  "opendata_downloads",
  {
    municipalityCode: tenantCode(),
    resourceUuid: uuid("resource_uuid").notNull(),
    /** `YYYY-MM`, the month in Japan time. */
    month: text("month").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: "opendata_downloads_pkey",
      columns: [t.municipalityCode, t.resourceUuid, t.month],
    }),
  ],
);
