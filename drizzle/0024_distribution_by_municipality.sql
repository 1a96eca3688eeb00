-- Distribution by municipality (docs/scale.md): every tenant table's primary key and unique
-- constraints include municipality_code, and every reference between tenant rows is by
-- (municipality_code, id), so that a database distributed by municipality_code (Citus) keeps
-- each municipality's rows, and the checks between them, on one shard. Order: the references
-- between tenant rows go first (they depend on the keys), then the keys and unique constraints
-- are replaced, then the references come back as composite ones, checked against the rows
-- already there. The "set null" references clear only their own column (PostgreSQL 15+), never
-- the municipality code. Row-level security is untouched (no table, column or policy changes).
ALTER TABLE "program_years" DROP CONSTRAINT "program_years_year";--> statement-breakpoint
ALTER TABLE "program_evaluations" DROP CONSTRAINT "program_evaluations_year";--> statement-breakpoint
ALTER TABLE "actual_drafts" DROP CONSTRAINT "actual_drafts_year";--> statement-breakpoint
ALTER TABLE "indicator_actuals" DROP CONSTRAINT "indicator_actuals_year";--> statement-breakpoint
ALTER TABLE "running_actuals" DROP CONSTRAINT "running_actuals_year";--> statement-breakpoint
ALTER TABLE "letters" DROP CONSTRAINT "letters_token";--> statement-breakpoint
ALTER TABLE "survey_strata" DROP CONSTRAINT "survey_strata_cell";--> statement-breakpoint
ALTER TABLE "membership_sections" DROP CONSTRAINT "membership_sections_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "program_budget_requests" DROP CONSTRAINT "program_budget_requests_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "program_years" DROP CONSTRAINT "program_years_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "program_evaluations" DROP CONSTRAINT "program_evaluations_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "actual_corrections" DROP CONSTRAINT "actual_corrections_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "actual_drafts" DROP CONSTRAINT "actual_drafts_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_actuals" DROP CONSTRAINT "indicator_actuals_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_appearances" DROP CONSTRAINT "indicator_appearances_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_appearances" DROP CONSTRAINT "indicator_appearances_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_sections" DROP CONSTRAINT "indicator_sections_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "indicator_sections" DROP CONSTRAINT "indicator_sections_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "running_actuals" DROP CONSTRAINT "running_actuals_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_attachments" DROP CONSTRAINT "letter_attachments_letter_id_letters_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_nodes" DROP CONSTRAINT "letter_nodes_letter_id_letters_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_nodes" DROP CONSTRAINT "letter_nodes_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_steps" DROP CONSTRAINT "letter_steps_letter_id_letters_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_steps" DROP CONSTRAINT "letter_steps_reflected_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "letters" DROP CONSTRAINT "letters_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "letters" DROP CONSTRAINT "letters_meeting_id_meetings_id_fk";
--> statement-breakpoint
ALTER TABLE "section_name_history" DROP CONSTRAINT "section_name_history_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" DROP CONSTRAINT "opendata_resource_versions_resource_id_opendata_resources_id_fk";
--> statement-breakpoint
ALTER TABLE "opendata_resources" DROP CONSTRAINT "opendata_resources_dataset_id_opendata_datasets_id_fk";
--> statement-breakpoint
ALTER TABLE "node_blocks" DROP CONSTRAINT "node_blocks_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "node_sections" DROP CONSTRAINT "node_sections_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "node_sections" DROP CONSTRAINT "node_sections_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_nodes" DROP CONSTRAINT "plan_nodes_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "program_indicators" DROP CONSTRAINT "program_indicators_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "program_indicators" DROP CONSTRAINT "program_indicators_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "program_initiatives" DROP CONSTRAINT "program_initiatives_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "program_initiatives" DROP CONSTRAINT "program_initiatives_node_id_plan_nodes_id_fk";
--> statement-breakpoint
ALTER TABLE "programs" DROP CONSTRAINT "programs_section_id_sections_id_fk";
--> statement-breakpoint
ALTER TABLE "proposal_scores" DROP CONSTRAINT "proposal_scores_proposal_id_staff_proposals_id_fk";
--> statement-breakpoint
ALTER TABLE "round_indicators" DROP CONSTRAINT "round_indicators_round_id_reporting_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "round_indicators" DROP CONSTRAINT "round_indicators_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "round_reopenings" DROP CONSTRAINT "round_reopenings_round_id_reporting_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "round_reopenings" DROP CONSTRAINT "round_reopenings_indicator_id_indicators_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_survey_id_surveys_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_stratum_id_survey_strata_id_fk";
--> statement-breakpoint
ALTER TABLE "survey_strata" DROP CONSTRAINT "survey_strata_survey_id_surveys_id_fk";
--> statement-breakpoint
ALTER TABLE "surveys" DROP CONSTRAINT "surveys_indicator_id_indicators_id_fk";
--> statement-breakpoint
DROP INDEX "api_tokens_hash";--> statement-breakpoint
DROP INDEX "opendata_datasets_uuid";--> statement-breakpoint
DROP INDEX "opendata_resource_versions_number";--> statement-breakpoint
DROP INDEX "opendata_resources_slug";--> statement-breakpoint
DROP INDEX "opendata_resources_uuid";--> statement-breakpoint
ALTER TABLE "program_budget_requests" DROP CONSTRAINT "program_budget_requests_program_id_fiscal_year_pk";--> statement-breakpoint
ALTER TABLE "indicator_appearances" DROP CONSTRAINT "indicator_appearances_indicator_id_node_id_pk";--> statement-breakpoint
ALTER TABLE "indicator_sections" DROP CONSTRAINT "indicator_sections_indicator_id_section_id_pk";--> statement-breakpoint
ALTER TABLE "letter_nodes" DROP CONSTRAINT "letter_nodes_letter_id_node_id_pk";--> statement-breakpoint
ALTER TABLE "node_sections" DROP CONSTRAINT "node_sections_node_id_section_id_pk";--> statement-breakpoint
ALTER TABLE "program_indicators" DROP CONSTRAINT "program_indicators_program_id_indicator_id_pk";--> statement-breakpoint
ALTER TABLE "program_initiatives" DROP CONSTRAINT "program_initiatives_program_id_node_id_pk";--> statement-breakpoint
ALTER TABLE "proposal_scores" DROP CONSTRAINT "proposal_scores_proposal_id_scorer_id_criterion_pk";--> statement-breakpoint
ALTER TABLE "round_indicators" DROP CONSTRAINT "round_indicators_round_id_indicator_id_pk";--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey";--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_pkey";--> statement-breakpoint
ALTER TABLE "record_drafts" DROP CONSTRAINT "record_drafts_pkey";--> statement-breakpoint
ALTER TABLE "program_years" DROP CONSTRAINT "program_years_pkey";--> statement-breakpoint
ALTER TABLE "evaluation_rounds" DROP CONSTRAINT "evaluation_rounds_pkey";--> statement-breakpoint
ALTER TABLE "program_evaluations" DROP CONSTRAINT "program_evaluations_pkey";--> statement-breakpoint
ALTER TABLE "fiscal_frame_scenarios" DROP CONSTRAINT "fiscal_frame_scenarios_pkey";--> statement-breakpoint
ALTER TABLE "fiscal_frame_years" DROP CONSTRAINT "fiscal_frame_years_pkey";--> statement-breakpoint
ALTER TABLE "soundness_components" DROP CONSTRAINT "soundness_components_pkey";--> statement-breakpoint
ALTER TABLE "soundness_ratios" DROP CONSTRAINT "soundness_ratios_pkey";--> statement-breakpoint
ALTER TABLE "actual_corrections" DROP CONSTRAINT "actual_corrections_pkey";--> statement-breakpoint
ALTER TABLE "actual_drafts" DROP CONSTRAINT "actual_drafts_pkey";--> statement-breakpoint
ALTER TABLE "indicator_actuals" DROP CONSTRAINT "indicator_actuals_pkey";--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_pkey";--> statement-breakpoint
ALTER TABLE "running_actuals" DROP CONSTRAINT "running_actuals_pkey";--> statement-breakpoint
ALTER TABLE "letter_attachments" DROP CONSTRAINT "letter_attachments_pkey";--> statement-breakpoint
ALTER TABLE "letter_steps" DROP CONSTRAINT "letter_steps_pkey";--> statement-breakpoint
ALTER TABLE "letters" DROP CONSTRAINT "letters_pkey";--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_pkey";--> statement-breakpoint
ALTER TABLE "section_name_history" DROP CONSTRAINT "section_name_history_pkey";--> statement-breakpoint
ALTER TABLE "sections" DROP CONSTRAINT "sections_pkey";--> statement-breakpoint
ALTER TABLE "opendata_datasets" DROP CONSTRAINT "opendata_datasets_pkey";--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" DROP CONSTRAINT "opendata_resource_versions_pkey";--> statement-breakpoint
ALTER TABLE "opendata_resources" DROP CONSTRAINT "opendata_resources_pkey";--> statement-breakpoint
ALTER TABLE "node_blocks" DROP CONSTRAINT "node_blocks_pkey";--> statement-breakpoint
ALTER TABLE "plan_nodes" DROP CONSTRAINT "plan_nodes_pkey";--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_pkey";--> statement-breakpoint
ALTER TABLE "programs" DROP CONSTRAINT "programs_pkey";--> statement-breakpoint
ALTER TABLE "proposal_criteria" DROP CONSTRAINT "proposal_criteria_pkey";--> statement-breakpoint
ALTER TABLE "staff_proposals" DROP CONSTRAINT "staff_proposals_pkey";--> statement-breakpoint
ALTER TABLE "registry_records" DROP CONSTRAINT "registry_records_pkey";--> statement-breakpoint
ALTER TABLE "reporting_rounds" DROP CONSTRAINT "reporting_rounds_pkey";--> statement-breakpoint
ALTER TABLE "round_reopenings" DROP CONSTRAINT "round_reopenings_pkey";--> statement-breakpoint
ALTER TABLE "spreadsheet_imports" DROP CONSTRAINT "spreadsheet_imports_pkey";--> statement-breakpoint
ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_pkey";--> statement-breakpoint
ALTER TABLE "survey_strata" DROP CONSTRAINT "survey_strata_pkey";--> statement-breakpoint
ALTER TABLE "surveys" DROP CONSTRAINT "surveys_pkey";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_pkey" PRIMARY KEY("id_hash","municipality_code");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "record_drafts" ADD CONSTRAINT "record_drafts_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "program_budget_requests" ADD CONSTRAINT "program_budget_requests_pkey" PRIMARY KEY("program_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "program_evaluations" ADD CONSTRAINT "program_evaluations_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "fiscal_frame_scenarios" ADD CONSTRAINT "fiscal_frame_scenarios_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "fiscal_frame_years" ADD CONSTRAINT "fiscal_frame_years_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "soundness_components" ADD CONSTRAINT "soundness_components_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "soundness_ratios" ADD CONSTRAINT "soundness_ratios_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "actual_corrections" ADD CONSTRAINT "actual_corrections_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD CONSTRAINT "actual_drafts_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_pkey" PRIMARY KEY("indicator_id","node_id","municipality_code");--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_pkey" PRIMARY KEY("indicator_id","section_id","municipality_code");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "running_actuals" ADD CONSTRAINT "running_actuals_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "letter_attachments" ADD CONSTRAINT "letter_attachments_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_pkey" PRIMARY KEY("letter_id","node_id","municipality_code");--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "section_name_history" ADD CONSTRAINT "section_name_history_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "opendata_datasets" ADD CONSTRAINT "opendata_datasets_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" ADD CONSTRAINT "opendata_resource_versions_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "opendata_resources" ADD CONSTRAINT "opendata_resources_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "node_blocks" ADD CONSTRAINT "node_blocks_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_pkey" PRIMARY KEY("node_id","section_id","municipality_code");--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_pkey" PRIMARY KEY("program_id","indicator_id","municipality_code");--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_pkey" PRIMARY KEY("program_id","node_id","municipality_code");--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "proposal_criteria" ADD CONSTRAINT "proposal_criteria_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_pkey" PRIMARY KEY("proposal_id","scorer_id","criterion","municipality_code");--> statement-breakpoint
ALTER TABLE "staff_proposals" ADD CONSTRAINT "staff_proposals_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "registry_records" ADD CONSTRAINT "registry_records_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "reporting_rounds" ADD CONSTRAINT "reporting_rounds_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_pkey" PRIMARY KEY("round_id","indicator_id","municipality_code");--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "spreadsheet_imports" ADD CONSTRAINT "spreadsheet_imports_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "survey_strata" ADD CONSTRAINT "survey_strata_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_pkey" PRIMARY KEY("id","municipality_code");--> statement-breakpoint
ALTER TABLE "membership_sections" ADD CONSTRAINT "membership_sections_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_budget_requests" ADD CONSTRAINT "program_budget_requests_program_id_fk" FOREIGN KEY ("municipality_code","program_id") REFERENCES "public"."programs"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_program_id_fk" FOREIGN KEY ("municipality_code","program_id") REFERENCES "public"."programs"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_evaluations" ADD CONSTRAINT "program_evaluations_program_id_fk" FOREIGN KEY ("municipality_code","program_id") REFERENCES "public"."programs"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_corrections" ADD CONSTRAINT "actual_corrections_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD CONSTRAINT "actual_drafts_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_appearances" ADD CONSTRAINT "indicator_appearances_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_sections" ADD CONSTRAINT "indicator_sections_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE SET NULL ("node_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "running_actuals" ADD CONSTRAINT "running_actuals_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_attachments" ADD CONSTRAINT "letter_attachments_letter_id_fk" FOREIGN KEY ("municipality_code","letter_id") REFERENCES "public"."letters"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_letter_id_fk" FOREIGN KEY ("municipality_code","letter_id") REFERENCES "public"."letters"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_letter_id_fk" FOREIGN KEY ("municipality_code","letter_id") REFERENCES "public"."letters"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_reflected_node_id_fk" FOREIGN KEY ("municipality_code","reflected_node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE SET NULL ("reflected_node_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_meeting_id_fk" FOREIGN KEY ("municipality_code","meeting_id") REFERENCES "public"."meetings"("municipality_code","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_name_history" ADD CONSTRAINT "section_name_history_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resource_versions" ADD CONSTRAINT "opendata_resource_versions_resource_id_fk" FOREIGN KEY ("municipality_code","resource_id") REFERENCES "public"."opendata_resources"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resources" ADD CONSTRAINT "opendata_resources_dataset_id_fk" FOREIGN KEY ("municipality_code","dataset_id") REFERENCES "public"."opendata_datasets"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_blocks" ADD CONSTRAINT "node_blocks_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_sections" ADD CONSTRAINT "node_sections_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_plan_id_fk" FOREIGN KEY ("municipality_code","plan_id") REFERENCES "public"."plans"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_program_id_fk" FOREIGN KEY ("municipality_code","program_id") REFERENCES "public"."programs"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_indicators" ADD CONSTRAINT "program_indicators_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_program_id_fk" FOREIGN KEY ("municipality_code","program_id") REFERENCES "public"."programs"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_initiatives" ADD CONSTRAINT "program_initiatives_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_section_id_fk" FOREIGN KEY ("municipality_code","section_id") REFERENCES "public"."sections"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scores" ADD CONSTRAINT "proposal_scores_proposal_id_fk" FOREIGN KEY ("municipality_code","proposal_id") REFERENCES "public"."staff_proposals"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_round_id_fk" FOREIGN KEY ("municipality_code","round_id") REFERENCES "public"."reporting_rounds"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_indicators" ADD CONSTRAINT "round_indicators_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_round_id_fk" FOREIGN KEY ("municipality_code","round_id") REFERENCES "public"."reporting_rounds"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_reopenings" ADD CONSTRAINT "round_reopenings_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fk" FOREIGN KEY ("municipality_code","survey_id") REFERENCES "public"."surveys"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_stratum_id_fk" FOREIGN KEY ("municipality_code","stratum_id") REFERENCES "public"."survey_strata"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_strata" ADD CONSTRAINT "survey_strata_survey_id_fk" FOREIGN KEY ("municipality_code","survey_id") REFERENCES "public"."surveys"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE SET NULL ("indicator_id") ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash" ON "api_tokens" USING btree ("token_hash","municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_datasets_uuid" ON "opendata_datasets" USING btree ("uuid","municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resource_versions_number" ON "opendata_resource_versions" USING btree ("resource_id","number","municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resources_slug" ON "opendata_resources" USING btree ("dataset_id","slug","municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_resources_uuid" ON "opendata_resources" USING btree ("uuid","municipality_code");--> statement-breakpoint
ALTER TABLE "program_years" ADD CONSTRAINT "program_years_year" UNIQUE("program_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "program_evaluations" ADD CONSTRAINT "program_evaluations_year" UNIQUE("program_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD CONSTRAINT "actual_drafts_year" UNIQUE("indicator_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_year" UNIQUE("indicator_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "running_actuals" ADD CONSTRAINT "running_actuals_year" UNIQUE("indicator_id","fiscal_year","municipality_code");--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_token" UNIQUE("status_token_hash","municipality_code");--> statement-breakpoint
ALTER TABLE "survey_strata" ADD CONSTRAINT "survey_strata_cell" UNIQUE("survey_id","age_band","sex","area","municipality_code");