CREATE TABLE "reporting_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"fiscal_year" integer NOT NULL,
	"deadline" date NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "reporting_rounds_year" UNIQUE("municipality_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "round_indicators" (
	"municipality_code" char(6) NOT NULL,
	"round_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	CONSTRAINT "round_indicators_round_id_indicator_id_pk" PRIMARY KEY("round_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "round_reopenings" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"round_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"reason" text NOT NULL,
	"reopened_by" text NOT NULL,
	"reopened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relocked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"key" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "reporting_rounds" ADD CONSTRAINT "reporting_rounds_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_round_id_reporting_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."reporting_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_round_id_reporting_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."reporting_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_reopenings_round" ON "round_reopenings" USING btree ("round_id","indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key" ON "outbox" USING btree ("municipality_code","key");--> statement-breakpoint
CREATE INDEX "audit_log_time" ON "audit_log" USING btree ("municipality_code","occurred_at");--> statement-breakpoint
ALTER TABLE "reporting_rounds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "reporting_rounds_tenant" ON "reporting_rounds"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "round_indicators" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "round_indicators_tenant" ON "round_indicators"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "round_reopenings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "round_reopenings_tenant" ON "round_reopenings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "outbox_tenant" ON "outbox"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
