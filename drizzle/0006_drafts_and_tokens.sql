CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"user_id" integer NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "actual_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"old_value" double precision,
	"new_value" double precision,
	"old_note" text,
	"new_note" text,
	"reason" text NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actual_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"value" double precision,
	"note" text,
	"reason" text,
	"base_version" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actual_drafts_year" UNIQUE("indicator_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_corrections" ADD CONSTRAINT "actual_corrections_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_corrections" ADD CONSTRAINT "actual_corrections_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD CONSTRAINT "actual_drafts_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actual_drafts" ADD CONSTRAINT "actual_drafts_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "actual_corrections_indicator" ON "actual_corrections" USING btree ("indicator_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "api_tokens_tenant" ON "api_tokens"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "actual_drafts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "actual_drafts_tenant" ON "actual_drafts"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "actual_corrections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "actual_corrections_tenant" ON "actual_corrections"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
