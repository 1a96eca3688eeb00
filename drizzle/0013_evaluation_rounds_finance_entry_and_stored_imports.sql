CREATE TABLE "evaluation_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"deadline" date NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "evaluation_rounds_year" UNIQUE("municipality_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "evaluation_settings" (
	"municipality_code" char(6) PRIMARY KEY NOT NULL,
	"rating_scale" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_budget_requests" (
	"municipality_code" char(6) NOT NULL,
	"program_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "program_budget_requests_program_id_fiscal_year_pk" PRIMARY KEY("program_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "soundness_components" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"components" jsonb NOT NULL,
	"sample" boolean NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "soundness_components_year" UNIQUE("municipality_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "spreadsheet_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"dataset" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"applied_by" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_years" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "fiscal_frame_scenarios" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "fiscal_frame_years" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_budget_requests" ADD CONSTRAINT "program_budget_requests_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_budget_requests" ADD CONSTRAINT "program_budget_requests_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soundness_components" ADD CONSTRAINT "soundness_components_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spreadsheet_imports" ADD CONSTRAINT "spreadsheet_imports_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spreadsheet_imports_tenant" ON "spreadsheet_imports" USING btree ("municipality_code","applied_at");--> statement-breakpoint
UPDATE "meetings" SET "status" = 'published', "published_at" = now();
--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "evaluation_rounds_tenant" ON "evaluation_rounds"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "evaluation_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "evaluation_settings_tenant" ON "evaluation_settings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "program_budget_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "program_budget_requests_tenant" ON "program_budget_requests"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "soundness_components" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "soundness_components_tenant" ON "soundness_components"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "spreadsheet_imports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "spreadsheet_imports_tenant" ON "spreadsheet_imports"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
