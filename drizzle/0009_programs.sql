CREATE TABLE "program_cost_settings" (
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"unit_cost_regular" bigint NOT NULL,
	"unit_cost_part_time" bigint,
	"settlement_closed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "program_cost_settings_municipality_code_fiscal_year_pk" PRIMARY KEY("municipality_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "program_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"program_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"rating_necessity" text,
	"rating_effectiveness" text,
	"rating_efficiency" text,
	"rating_equity" text,
	"findings" text DEFAULT '' NOT NULL,
	"direction" text,
	"reason" text DEFAULT '' NOT NULL,
	"secondary_direction" text,
	"secondary_comment" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"published_by" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "program_evaluations_year" UNIQUE("program_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "program_indicators" (
	"municipality_code" char(6) NOT NULL,
	"program_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "program_indicators_program_id_indicator_id_pk" PRIMARY KEY("program_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "program_initiatives" (
	"municipality_code" char(6) NOT NULL,
	"program_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	"share" integer,
	"position" integer NOT NULL,
	CONSTRAINT "program_initiatives_program_id_node_id_pk" PRIMARY KEY("program_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "program_years" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"program_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"leading_project" boolean DEFAULT false NOT NULL,
	"initial_budget" bigint NOT NULL,
	"final_budget" bigint NOT NULL,
	"settlement" bigint,
	"funding_national" bigint DEFAULT 0 NOT NULL,
	"funding_prefectural" bigint DEFAULT 0 NOT NULL,
	"funding_bonds" bigint DEFAULT 0 NOT NULL,
	"funding_other_specific" bigint DEFAULT 0 NOT NULL,
	"funding_general" bigint DEFAULT 0 NOT NULL,
	"staff_regular_hundredths" integer DEFAULT 0 NOT NULL,
	"staff_part_time_hundredths" integer DEFAULT 0 NOT NULL,
	"facilities" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "program_years_year" UNIQUE("program_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"account" text NOT NULL,
	"chapter" text NOT NULL,
	"clause" text NOT NULL,
	"item" text NOT NULL,
	"number" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"target_group" text DEFAULT '' NOT NULL,
	"means" text DEFAULT '' NOT NULL,
	"section_id" integer NOT NULL,
	"first_fiscal_year" integer NOT NULL,
	"last_fiscal_year" integer,
	"sample" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "programs_code" UNIQUE("municipality_code","code")
);
--> statement-breakpoint
ALTER TABLE "program_cost_settings" ADD CONSTRAINT "program_cost_settings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_evaluations" ADD CONSTRAINT "program_evaluations_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_evaluations" ADD CONSTRAINT "program_evaluations_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_evaluations_tenant" ON "program_evaluations" USING btree ("municipality_code","fiscal_year","status");--> statement-breakpoint
CREATE INDEX "program_indicators_indicator" ON "program_indicators" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "program_initiatives_node" ON "program_initiatives" USING btree ("node_id");--> statement-breakpoint
ALTER TABLE "programs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "programs_tenant" ON "programs"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_initiatives" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_initiatives_tenant" ON "program_initiatives"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_years" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_years_tenant" ON "program_years"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_evaluations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_evaluations_tenant" ON "program_evaluations"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_indicators" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_indicators_tenant" ON "program_indicators"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_cost_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_cost_settings_tenant" ON "program_cost_settings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
