CREATE TABLE "registry_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"registry" text NOT NULL,
	"name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"retired_on" date,
	"retired_reason" text,
	"sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_records" ADD CONSTRAINT "registry_records_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_records_registry" ON "registry_records" USING btree ("municipality_code","registry");--> statement-breakpoint
ALTER TABLE "registry_records" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "registry_records" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "registry_records_tenant" ON "registry_records"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
