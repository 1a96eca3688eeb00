CREATE TABLE "national_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"layout" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"actor" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_municipalities" (
	"code" char(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefecture" text NOT NULL,
	"population" integer,
	"similar_group" text,
	"sample" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_municipalities_code_digits" CHECK ("national_municipalities"."code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "shared_indicator_links" (
	"municipality_code" char(6) NOT NULL,
	"indicator_id" integer NOT NULL,
	"shared_code" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shared_indicator_links_municipality_code_indicator_id_pk" PRIMARY KEY("municipality_code","indicator_id"),
	CONSTRAINT "shared_indicator_links_shared" UNIQUE("municipality_code","shared_code")
);
--> statement-breakpoint
CREATE TABLE "shared_indicator_values" (
	"body_code" char(6) NOT NULL,
	"shared_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"value" double precision,
	"note" text,
	"source" text NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	CONSTRAINT "shared_indicator_values_shared_code_fiscal_year_body_code_pk" PRIMARY KEY("shared_code","fiscal_year","body_code")
);
--> statement-breakpoint
CREATE TABLE "shared_indicator_years" (
	"shared_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"bodies" integer NOT NULL,
	"sample" boolean NOT NULL,
	CONSTRAINT "shared_indicator_years_shared_code_fiscal_year_pk" PRIMARY KEY("shared_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "shared_indicators" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"decimals" integer DEFAULT 1 NOT NULL,
	"rank_order" text DEFAULT 'asc' NOT NULL,
	"definition" text NOT NULL,
	"source" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shared_indicator_links" ADD CONSTRAINT "shared_indicator_links_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_indicator_links" ADD CONSTRAINT "shared_indicator_links_shared_code_shared_indicators_code_fk" FOREIGN KEY ("shared_code") REFERENCES "public"."shared_indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_indicator_links" ADD CONSTRAINT "shared_indicator_links_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_indicator_values" ADD CONSTRAINT "shared_indicator_values_body_code_national_municipalities_code_fk" FOREIGN KEY ("body_code") REFERENCES "public"."national_municipalities"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_indicator_values" ADD CONSTRAINT "shared_indicator_values_shared_code_shared_indicators_code_fk" FOREIGN KEY ("shared_code") REFERENCES "public"."shared_indicators"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_indicator_years" ADD CONSTRAINT "shared_indicator_years_shared_code_shared_indicators_code_fk" FOREIGN KEY ("shared_code") REFERENCES "public"."shared_indicators"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_municipalities_prefecture" ON "national_municipalities" USING btree ("prefecture");--> statement-breakpoint
CREATE INDEX "national_municipalities_similar" ON "national_municipalities" USING btree ("similar_group");--> statement-breakpoint
CREATE INDEX "shared_indicator_values_body" ON "shared_indicator_values" USING btree ("body_code","shared_code");--> statement-breakpoint
-- Reference tables (national data, the same for every tenant): no tenant column, no row-level
-- security. The application role reads them everywhere and writes them on import.
GRANT SELECT, INSERT, UPDATE, DELETE ON "shared_indicators", "national_municipalities", "shared_indicator_values", "national_imports" TO shisaku_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "national_imports_id_seq" TO shisaku_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "shared_indicator_links" TO shisaku_app;
--> statement-breakpoint
ALTER TABLE "shared_indicator_links" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "shared_indicator_links" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "shared_indicator_links_tenant" ON "shared_indicator_links"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
-- The catalogue's standard indicators: published by every municipality in the same form.
INSERT INTO "shared_indicators" ("code", "name", "name_en", "unit", "decimals", "rank_order", "definition", "source", "position") VALUES
  ('real-deficit-ratio', '実質赤字比率', 'Real deficit ratio', '%', 2, 'asc', '一般会計等の実質赤字額の標準財政規模に対する比率。赤字がないときは「－」', '総務省 健全化判断比率・資金不足比率（市町村別）', 1),
  ('consolidated-deficit-ratio', '連結実質赤字比率', 'Consolidated real deficit ratio', '%', 2, 'asc', '全会計の実質赤字額・資金不足額の合計の標準財政規模に対する比率。赤字がないときは「－」', '総務省 健全化判断比率・資金不足比率（市町村別）', 2),
  ('real-debt-service-ratio', '実質公債費比率', 'Real debt service ratio', '%', 1, 'asc', '公債費とそれに準じる経費の標準財政規模に対する比率（3か年平均）', '総務省 健全化判断比率・資金不足比率（市町村別）', 3),
  ('future-burden-ratio', '将来負担比率', 'Future burden ratio', '%', 1, 'asc', '地方債残高など将来負担すべき実質的な負債の標準財政規模に対する比率。負担がないときは「－」', '総務省 健全化判断比率・資金不足比率（市町村別）', 4),
  ('fiscal-capability-index', '財政力指数', 'Fiscal capability index', '', 2, 'desc', '基準財政収入額を基準財政需要額で割った値の3か年平均', '総務省 決算カード（市町村別）', 5),
  ('current-balance-ratio', '経常収支比率', 'Current balance ratio', '%', 1, 'asc', '経常的な支出に充てた経常一般財源の、経常一般財源総額に対する比率', '総務省 決算カード（市町村別）', 6),
  ('population', '人口', 'Population', '人', 0, 'desc', '住民基本台帳人口（決算カードの年度末現在）', '総務省 決算カード（市町村別）', 7);
--> statement-breakpoint
-- A reference table (national data): no tenant column, no row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON "shared_indicator_years" TO shisaku_app;
