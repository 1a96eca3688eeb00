CREATE TABLE "indicator_actuals" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"value" double precision,
	"note" text,
	"source" text,
	CONSTRAINT "indicator_actuals_year" UNIQUE("indicator_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "indicator_appearances" (
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	"position" integer NOT NULL,
	"reposted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "indicator_appearances_indicator_id_node_id_pk" PRIMARY KEY("indicator_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_sections" (
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"section_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "indicator_sections_indicator_id_section_id_pk" PRIMARY KEY("indicator_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"definition" text,
	"unit" text DEFAULT '' NOT NULL,
	"decimals" integer,
	"challenge" boolean DEFAULT false NOT NULL,
	"cumulative" boolean DEFAULT false NOT NULL,
	"node_id" integer,
	"baseline_value" double precision,
	"baseline_fiscal_year" integer,
	"baseline_text" text NOT NULL,
	"baseline_note" text,
	"target_form" text NOT NULL,
	"target_value" double precision,
	"target_fiscal_year" integer,
	"target_text" text NOT NULL,
	"target_note" text,
	"note" text,
	CONSTRAINT "indicators_code" UNIQUE("municipality_code","code")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"code" char(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefecture" text NOT NULL,
	"body_kind" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_code_digits" CHECK ("municipalities"."code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "section_name_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"section_id" integer NOT NULL,
	"name" text NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'section' NOT NULL,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sections_code" UNIQUE("municipality_code","code")
);
--> statement-breakpoint
CREATE TABLE "node_blocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"node_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"title" text,
	"note" text,
	"content" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_sections" (
	"municipality_code" char(6) NOT NULL,
	"node_id" integer NOT NULL,
	"section_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "node_sections_node_id_section_id_pk" PRIMARY KEY("node_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "plan_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"plan_id" integer NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"number" integer,
	"title" text NOT NULL,
	"summary" text,
	"description" text,
	"position" integer NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"challenge" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "plan_nodes_code" UNIQUE("municipality_code","code")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text,
	"kind" text NOT NULL,
	"period_from" integer,
	"period_to" integer,
	"source" text,
	"note" text,
	CONSTRAINT "plans_code" UNIQUE("municipality_code","code")
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_name_history" ADD CONSTRAINT "section_name_history_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_name_history" ADD CONSTRAINT "section_name_history_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_blocks" ADD CONSTRAINT "node_blocks_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_blocks" ADD CONSTRAINT "node_blocks_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_actuals_tenant" ON "indicator_actuals" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "indicator_appearances_node" ON "indicator_appearances" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "node_blocks_node" ON "node_blocks" USING btree ("node_id","position");--> statement-breakpoint
CREATE INDEX "plan_nodes_plan" ON "plan_nodes" USING btree ("plan_id","parent_id");