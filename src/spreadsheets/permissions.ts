/**
 * Who may do what with spreadsheets (accounts/permissions.ts). Each dataset names the least role
 * that may download and upload its files (`importRole`, default editor); what a row changes is
 * checked again by the dataset's own domain rules when the file is compared and applied.
 */
import { definePermissions, type Permission } from "../accounts/index.ts";
import type { Dataset } from "./dataset.ts";

export const permissions = definePermissions("spreadsheets", {
  /** Downloads every section's rows by default (others: their own sections first). */
  everySection: "planner",
  /** Downloads a stored file of a dataset no longer offered. */
  formerDataset: "editor",
});

/** Downloading and uploading one dataset's files. */
// biome-ignore lint/suspicious/noExplicitAny: any dataset
export const datasetPermission = (ds: Dataset<any>): Permission => ({
  domain: "spreadsheets",
  action: `dataset:${ds.name}`,
  role: ds.importRole ?? "editor",
  what: `「${ds.title}」の取り込み`,
});
