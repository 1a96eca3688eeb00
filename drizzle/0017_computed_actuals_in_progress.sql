CREATE TABLE "running_actuals" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"value" double precision,
	"note" text,
	"source" text NOT NULL,
	"records_path" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "running_actuals_year" UNIQUE("indicator_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "records_path" text;--> statement-breakpoint
ALTER TABLE "running_actuals" ADD CONSTRAINT "running_actuals_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "running_actuals" ADD CONSTRAINT "running_actuals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "running_actuals_tenant" ON "running_actuals" USING btree ("municipality_code");--> statement-breakpoint
ALTER TABLE "running_actuals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "running_actuals" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "running_actuals_tenant" ON "running_actuals"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
