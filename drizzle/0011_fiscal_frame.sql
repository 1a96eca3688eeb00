CREATE TABLE "fiscal_frame_scenarios" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"until_fiscal_year" integer NOT NULL,
	"assumptions" jsonb NOT NULL,
	"derived_from" jsonb,
	"sample" boolean NOT NULL,
	"source" text NOT NULL,
	"note" text,
	CONSTRAINT "fiscal_frame_scenarios_name" UNIQUE("municipality_code","name")
);
--> statement-breakpoint
CREATE TABLE "fiscal_frame_years" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"scenario" text DEFAULT '' NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"revenue" jsonb NOT NULL,
	"extraordinary_fiscal_bonds" bigint DEFAULT 0 NOT NULL,
	"expenditure" jsonb NOT NULL,
	"funds" jsonb,
	"population" integer,
	"standard_fiscal_scale" bigint,
	"published" jsonb,
	"sample" boolean NOT NULL,
	"source" text NOT NULL,
	"note" text,
	CONSTRAINT "fiscal_frame_years_year" UNIQUE("municipality_code","scenario","fiscal_year","kind")
);
--> statement-breakpoint
ALTER TABLE "fiscal_frame_scenarios" ADD CONSTRAINT "fiscal_frame_scenarios_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiscal_frame_years" ADD CONSTRAINT "fiscal_frame_years_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiscal_frame_scenarios" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "fiscal_frame_scenarios_tenant" ON "fiscal_frame_scenarios"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "fiscal_frame_years" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "fiscal_frame_years_tenant" ON "fiscal_frame_years"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
