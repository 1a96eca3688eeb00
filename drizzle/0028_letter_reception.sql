CREATE TABLE "letter_receivers" (
	"municipality_code" char(6) NOT NULL,
	"user_id" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_receivers_pkey" PRIMARY KEY("user_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "letter_reception" (
	"municipality_code" char(6) PRIMARY KEY NOT NULL,
	"form_open" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letter_receivers" ADD CONSTRAINT "letter_receivers_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_receivers" ADD CONSTRAINT "letter_receivers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_reception" ADD CONSTRAINT "letter_reception_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_reception" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "letter_reception" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letter_reception_tenant" ON "letter_reception"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "letter_reception" TO shisaku_app;
--> statement-breakpoint
ALTER TABLE "letter_receivers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "letter_receivers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letter_receivers_tenant" ON "letter_receivers"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "letter_receivers" TO shisaku_app;
