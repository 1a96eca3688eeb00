ALTER TABLE "actual_drafts" ADD COLUMN "text" text;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD COLUMN "done" boolean;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD COLUMN "as_of" date;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD COLUMN "estimate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "text" text;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "done" boolean;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "as_of" date;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "estimate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "value_kind" text DEFAULT 'annual' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "year_kind" text DEFAULT 'fiscal' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "source" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "target_interim" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- A cumulative indicator added each year's amount to the baseline: that reading is sum_of_annual.
UPDATE "indicators" SET "value_kind" = 'sum_of_annual' WHERE "cumulative";--> statement-breakpoint
ALTER TABLE "indicators" DROP COLUMN "cumulative";