CREATE TABLE "staff_proposal_drafts" (
	"id" serial NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"proposer_id" integer NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"proposal" text DEFAULT '' NOT NULL,
	"expected_effect" text DEFAULT '' NOT NULL,
	"expected_hours" text DEFAULT '' NOT NULL,
	"expected_yen" text DEFAULT '' NOT NULL,
	"section_codes" text[] DEFAULT '{}' NOT NULL,
	"applicant" text DEFAULT '' NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"member_names" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "staff_proposal_drafts_pkey" PRIMARY KEY("id","municipality_code")
);
--> statement-breakpoint
ALTER TABLE "staff_proposal_drafts" ADD CONSTRAINT "staff_proposal_drafts_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_proposal_drafts" ADD CONSTRAINT "staff_proposal_drafts_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_proposal_drafts_proposer" ON "staff_proposal_drafts" USING btree ("municipality_code","proposer_id");--> statement-breakpoint
ALTER TABLE "staff_proposal_drafts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "staff_proposal_drafts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "staff_proposal_drafts_tenant" ON "staff_proposal_drafts"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "staff_proposal_drafts" TO shisaku_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "staff_proposal_drafts_id_seq" TO shisaku_app;
