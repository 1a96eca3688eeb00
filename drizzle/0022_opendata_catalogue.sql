CREATE TABLE "opendata_datasets" (
	"id" serial PRIMARY KEY NOT NULL,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"description" text NOT NULL,
	"section_code" text,
	"licence" text DEFAULT 'PDL-1.0' NOT NULL,
	"frequency" text,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"spatial" text,
	"temporal_start" text,
	"temporal_end" text,
	"contact" text,
	"standard_type" text,
	"sample" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_resource_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"resource_id" integer NOT NULL,
	"number" integer NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"columns" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"summary" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"dataset_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opendata_datasets" ADD CONSTRAINT "opendata_datasets_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" ADD CONSTRAINT "opendata_resource_versions_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" ADD CONSTRAINT "opendata_resource_versions_resource_id_opendata_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."opendata_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resources" ADD CONSTRAINT "opendata_resources_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resources" ADD CONSTRAINT "opendata_resources_dataset_id_opendata_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."opendata_datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_datasets_slug" ON "opendata_datasets" USING btree ("municipality_code","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_datasets_uuid" ON "opendata_datasets" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resource_versions_number" ON "opendata_resource_versions" USING btree ("resource_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resources_slug" ON "opendata_resources" USING btree ("dataset_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resources_uuid" ON "opendata_resources" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "opendata_resources_tenant" ON "opendata_resources" USING btree ("municipality_code");--> statement-breakpoint
ALTER TABLE "opendata_datasets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "opendata_datasets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "opendata_datasets_tenant" ON "opendata_datasets"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
ALTER TABLE "opendata_resources" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "opendata_resources" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "opendata_resources_tenant" ON "opendata_resources"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "opendata_resource_versions_tenant" ON "opendata_resource_versions"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
