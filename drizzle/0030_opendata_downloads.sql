CREATE TABLE "opendata_downloads" (
	"municipality_code" char(6) NOT NULL,
	"resource_uuid" uuid NOT NULL,
	"month" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "opendata_downloads_pkey" PRIMARY KEY("municipality_code","resource_uuid","month")
);
--> statement-breakpoint
ALTER TABLE "opendata_downloads" ADD CONSTRAINT "opendata_downloads_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_downloads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "opendata_downloads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "opendata_downloads_tenant" ON "opendata_downloads"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "opendata_downloads" TO shisaku_app;
