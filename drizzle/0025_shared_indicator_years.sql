CREATE TABLE "shared_indicator_years" (
	"shared_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"bodies" integer NOT NULL,
	"sample" boolean NOT NULL,
	CONSTRAINT "shared_indicator_years_shared_code_fiscal_year_pk" PRIMARY KEY("shared_code","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "shared_indicator_years" ADD CONSTRAINT "shared_indicator_years_shared_code_shared_indicators_code_fk" FOREIGN KEY ("shared_code") REFERENCES "public"."shared_indicators"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A reference table (national data): no tenant column, no row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON "shared_indicator_years" TO shisaku_app;
--> statement-breakpoint
INSERT INTO "shared_indicator_years" ("shared_code", "fiscal_year", "bodies", "sample")
SELECT "shared_code", "fiscal_year", count("value")::int, bool_or("sample")
  FROM "shared_indicator_values" GROUP BY "shared_code", "fiscal_year";
