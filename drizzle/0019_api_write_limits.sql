CREATE TABLE "api_write_counts" (
	"municipality_code" char(6) NOT NULL,
	"token_hash" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"writes" integer NOT NULL,
	CONSTRAINT "api_write_counts_municipality_code_token_hash_window_start_pk" PRIMARY KEY("municipality_code","token_hash","window_start")
);
--> statement-breakpoint
ALTER TABLE "api_write_counts" ADD CONSTRAINT "api_write_counts_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_write_counts_window" ON "api_write_counts" USING btree ("window_start");--> statement-breakpoint
-- A token's writes are counted in its municipality, behind the same row-level security as every
-- tenant table (FORCE: the owner too, as 0016 does for the others).
ALTER TABLE "api_write_counts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_write_counts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "api_write_counts_tenant" ON "api_write_counts"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_write_counts" TO shisaku_app;
