CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"survey_id" integer NOT NULL,
	"stratum_id" integer NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reached" integer DEFAULT 0 NOT NULL,
	"submitted" boolean DEFAULT false NOT NULL,
	"channel" text,
	CONSTRAINT "survey_responses_code" UNIQUE("municipality_code","survey_id","code")
);
--> statement-breakpoint
CREATE TABLE "survey_strata" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"survey_id" integer NOT NULL,
	"age_band" text NOT NULL,
	"sex" text NOT NULL,
	"area" text NOT NULL,
	"population" integer NOT NULL,
	"sampled" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "survey_strata_cell" UNIQUE("survey_id","age_band","sex","area")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"title" text NOT NULL,
	"title_easy" text,
	"purpose" text NOT NULL,
	"population" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"questionnaire_yaml" text NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"results_published" boolean DEFAULT false NOT NULL,
	"seed" text,
	"sample_size" integer,
	"is_sample" boolean DEFAULT false NOT NULL,
	"indicator_id" integer,
	"indicator_question" text,
	"indicator_options" jsonb,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_stratum_id_survey_strata_id_fk" FOREIGN KEY ("stratum_id") REFERENCES "public"."survey_strata"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_strata" ADD CONSTRAINT "survey_strata_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_strata" ADD CONSTRAINT "survey_strata_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_responses_survey" ON "survey_responses" USING btree ("survey_id","submitted");--> statement-breakpoint
CREATE INDEX "surveys_year" ON "surveys" USING btree ("municipality_code","fiscal_year");--> statement-breakpoint
ALTER TABLE "surveys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "surveys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "surveys_tenant" ON "surveys"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
ALTER TABLE "survey_strata" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "survey_strata" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_strata_tenant" ON "survey_strata"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
ALTER TABLE "survey_responses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "survey_responses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_responses_tenant" ON "survey_responses"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
