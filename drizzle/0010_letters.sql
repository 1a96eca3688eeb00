CREATE TABLE "letter_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"letter_id" integer NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_nodes" (
	"municipality_code" char(6) NOT NULL,
	"letter_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	CONSTRAINT "letter_nodes_letter_id_node_id_pk" PRIMARY KEY("letter_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "letter_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"letter_id" integer NOT NULL,
	"kind" text NOT NULL,
	"outcome" text,
	"reason" text,
	"reflected_node_id" integer,
	"reflected_from_fiscal_year" integer,
	"public_comment" text,
	"actor" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" char(6) NOT NULL,
	"receipt_number" text NOT NULL,
	"status_token_hash" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"writer_name" text NOT NULL,
	"writer_address" text,
	"writer_phone" text,
	"writer_email" text,
	"consent_publish" boolean NOT NULL,
	"consent_contact" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"section_id" integer,
	"due_date" date,
	"public_subject" text,
	"public_body" text,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"outcome" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "letters_receipt" UNIQUE("municipality_code","receipt_number"),
	CONSTRAINT "letters_token" UNIQUE("status_token_hash")
);
--> statement-breakpoint
ALTER TABLE "letter_attachments" ADD CONSTRAINT "letter_attachments_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_attachments" ADD CONSTRAINT "letter_attachments_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_nodes" ADD CONSTRAINT "letter_nodes_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_reflected_node_id_plan_nodes_id_fk" FOREIGN KEY ("reflected_node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_attachments_letter" ON "letter_attachments" USING btree ("letter_id");--> statement-breakpoint
CREATE INDEX "letter_nodes_node" ON "letter_nodes" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "letter_steps_letter" ON "letter_steps" USING btree ("letter_id");--> statement-breakpoint
CREATE INDEX "letters_year" ON "letters" USING btree ("municipality_code","fiscal_year");--> statement-breakpoint
ALTER TABLE "letters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letters_tenant" ON "letters"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "letter_steps" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letter_steps_tenant" ON "letter_steps"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "letter_nodes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letter_nodes_tenant" ON "letter_nodes"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "letter_attachments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "letter_attachments_tenant" ON "letter_attachments"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
