CREATE TABLE "registry_settings" (
	"municipality_code" char(6) NOT NULL,
	"registry" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"description" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"indicator_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_settings_pkey" PRIMARY KEY("municipality_code","registry")
);
--> statement-breakpoint
ALTER TABLE "registry_settings" ADD CONSTRAINT "registry_settings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Until now every municipality was offered all nine registries, each feeding the indicator of
-- the code it had in Ishioka's plan, with Ishioka's wording. A database that already holds
-- municipalities keeps what they had: a registry stays on where it has records or where the
-- plan has its indicator, linked to that indicator, with the wording its pages showed.
INSERT INTO "registry_settings" ("municipality_code", "registry", "enabled", "description", "fields", "indicator_code", "updated_by")
SELECT m."code", r."registry", true, r."description", r."fields"::jsonb,
       (SELECT i."code" FROM "indicators" i WHERE i."municipality_code" = m."code" AND i."code" = r."indicator" LIMIT 1),
       'system:migration'
FROM "municipalities" m
CROSS JOIN (VALUES
  ('agreements', 'GZ-4-R2', '市が自治体・教育機関・事業者等と結んでいる連携協定の台帳です。', '{}'),
  ('agreement-projects', 'GZ-4-O1', NULL, '{}'),
  ('joint-bodies', 'GZ-4-R1', NULL, '{}'),
  ('facilities', NULL, '市の公共施設の台帳です。延床面積の合計（3月31日に使用中の施設）を年度ごとに示します。', '{"nameKana":{"hint":"オープンデータの公共施設一覧の「名称_カナ」になります（例：イシオカシミンカイカン）"}}'),
  ('contracts', 'GZ-6-R4', '市が発注した契約の台帳です。建設工事のうち4月から6月に発注した割合（件数）を年度ごとに計算します。', '{}'),
  ('online-procedures', 'GZ-5-R2', 'マイナポータル・いばらき電子申請・届出サービス等で申請できる手続の台帳です。', '{"platform":{"options":["マイナポータル（ぴったりサービス）","いばらき電子申請・届出サービス","市独自"]}}'),
  ('standard-systems', 'GZ-5-R4', NULL, '{}'),
  ('training-sessions', 'GZ-5-R1', NULL, '{}'),
  ('card-applications', 'GZ-5-R3', NULL, '{}')
) AS r("registry", "indicator", "description", "fields")
WHERE EXISTS (SELECT 1 FROM "registry_records" x WHERE x."municipality_code" = m."code" AND x."registry" = r."registry")
   OR EXISTS (SELECT 1 FROM "indicators" i WHERE i."municipality_code" = m."code" AND i."code" = r."indicator");
--> statement-breakpoint
ALTER TABLE "registry_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "registry_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "registry_settings_tenant" ON "registry_settings"
  USING ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar)
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true)::bpchar);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "registry_settings" TO shisaku_app;
