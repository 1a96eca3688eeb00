CREATE TABLE "survey_double_entries" (
	"id" serial NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"survey_id" integer NOT NULL,
	"response_id" integer NOT NULL,
	"first_answers" jsonb NOT NULL,
	"first_keyed_by" integer NOT NULL,
	"first_keyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"second_answers" jsonb,
	"second_keyed_by" integer,
	"second_keyed_at" timestamp with time zone,
	"settled" jsonb,
	"settled_by" integer,
	"settled_at" timestamp with time zone,
	"resolved" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_double_entries_pkey" PRIMARY KEY("id","municipality_code"),
	CONSTRAINT "survey_double_entries_response" UNIQUE("municipality_code","response_id")
);
--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_first_keyed_by_users_id_fk" FOREIGN KEY ("first_keyed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_second_keyed_by_users_id_fk" FOREIGN KEY ("second_keyed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_survey_id_fk" FOREIGN KEY ("municipality_code","survey_id") REFERENCES "public"."surveys"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_double_entries" ADD CONSTRAINT "survey_double_entries_response_id_fk" FOREIGN KEY ("municipality_code","response_id") REFERENCES "public"."survey_responses"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_double_entries_survey" ON "survey_double_entries" USING btree ("municipality_code","survey_id","resolved");--> statement-breakpoint
ALTER TABLE "survey_double_entries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "survey_double_entries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_double_entries_tenant" ON "survey_double_entries"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "survey_double_entries" TO shisaku_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "survey_double_entries_id_seq" TO shisaku_app;
