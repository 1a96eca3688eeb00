CREATE TABLE "finance_settings" (
	"municipality_code" char(6) PRIMARY KEY NOT NULL,
	"surplus_display" text DEFAULT 'minus' NOT NULL,
	"ratio_indicators" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "soundness_ratios" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"value" double precision,
	"source" text NOT NULL,
	"note" text,
	CONSTRAINT "soundness_ratios_year" UNIQUE("municipality_code","fiscal_year","kind")
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "origin" text DEFAULT 'entered' NOT NULL;--> statement-breakpoint
ALTER TABLE "finance_settings" ADD CONSTRAINT "finance_settings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soundness_ratios" ADD CONSTRAINT "soundness_ratios_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soundness_ratios" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "soundness_ratios_tenant" ON "soundness_ratios"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "finance_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "finance_settings_tenant" ON "finance_settings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
