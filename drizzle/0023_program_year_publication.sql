ALTER TABLE "program_years" ADD COLUMN "published" jsonb;--> statement-breakpoint
ALTER TABLE "program_years" ADD COLUMN "published_version" integer;--> statement-breakpoint
ALTER TABLE "program_years" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Every year saved before this migration was already public: it stays published as it is.
UPDATE "program_years" SET "published" = jsonb_build_object('leadingProject', "leading_project", 'initialBudget', "initial_budget", 'finalBudget', "final_budget", 'settlement', "settlement", 'fundingNational', "funding_national", 'fundingPrefectural', "funding_prefectural", 'fundingBonds', "funding_bonds", 'fundingOtherSpecific', "funding_other_specific", 'fundingGeneral', "funding_general", 'staffRegularHundredths', "staff_regular_hundredths", 'staffPartTimeHundredths', "staff_part_time_hundredths", 'facilities', "facilities"), "published_version" = "version", "published_at" = now();
