CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"held_on" date NOT NULL,
	"fiscal_year" integer NOT NULL,
	"place" text NOT NULL,
	"theme" text NOT NULL,
	"participant_group" text NOT NULL,
	"participant_count" integer NOT NULL,
	"summary" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	CONSTRAINT "proposal_criteria_position" UNIQUE("municipality_code","position")
);
--> statement-breakpoint
CREATE TABLE "proposal_scores" (
	"municipality_code" char(6) NOT NULL,
	"proposal_id" integer NOT NULL,
	"scorer_id" integer NOT NULL,
	"criterion" text NOT NULL,
	"score" integer NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_scores_proposal_id_scorer_id_criterion_pk" PRIMARY KEY("proposal_id","scorer_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "staff_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"number" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposer_id" integer NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"proposal" text NOT NULL,
	"expected_effect" text NOT NULL,
	"expected_hours" integer,
	"expected_yen" integer,
	"section_codes" text[] DEFAULT '{}' NOT NULL,
	"group_name" text,
	"member_names" text,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"implementation" text,
	"implemented_on" date,
	"measured_effect" text,
	"measured_hours" integer,
	"measured_yen" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "staff_proposals_number" UNIQUE("municipality_code","number")
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "source" text DEFAULT 'letter' NOT NULL;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_criteria" ADD CONSTRAINT "proposal_criteria_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_proposal_id_staff_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."staff_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_scorer_id_users_id_fk" FOREIGN KEY ("scorer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_proposals" ADD CONSTRAINT "staff_proposals_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_proposals" ADD CONSTRAINT "staff_proposals_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_held" ON "meetings" USING btree ("municipality_code","held_on");--> statement-breakpoint
CREATE INDEX "staff_proposals_year" ON "staff_proposals" USING btree ("municipality_code","fiscal_year");--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "meetings_tenant" ON "meetings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "staff_proposals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "staff_proposals_tenant" ON "staff_proposals"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "proposal_criteria" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "proposal_criteria_tenant" ON "proposal_criteria"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "proposal_scores" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "proposal_scores_tenant" ON "proposal_scores"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
