-- Row-level security: the application runs its queries as the role shisaku_app (bound per
-- transaction with set_config('role', …, true)) with the tenant in the setting
-- shisaku.municipality. A table owner or superuser is not bound by these policies; the
-- application never queries as one. A query without a tenant set sees no tenant-owned rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shisaku_app') THEN
    CREATE ROLE shisaku_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting user must be able to switch to the role.
DO $$
BEGIN
  EXECUTE format('GRANT shisaku_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO shisaku_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shisaku_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shisaku_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO shisaku_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO shisaku_app;
--> statement-breakpoint
-- The directory of municipalities is public; a municipality's own row changes only under its tenant.
ALTER TABLE "municipalities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "municipalities_read" ON "municipalities" FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY "municipalities_write" ON "municipalities" FOR ALL
  USING ("code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "sections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "sections_tenant" ON "sections"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "section_name_history" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "section_name_history_tenant" ON "section_name_history"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "plans_tenant" ON "plans"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "plan_nodes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "plan_nodes_tenant" ON "plan_nodes"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "node_sections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "node_sections_tenant" ON "node_sections"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "node_blocks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "node_blocks_tenant" ON "node_blocks"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "indicators" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "indicators_tenant" ON "indicators"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "indicator_appearances" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "indicator_appearances_tenant" ON "indicator_appearances"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "indicator_sections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "indicator_sections_tenant" ON "indicator_sections"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "indicator_actuals_tenant" ON "indicator_actuals"
  USING ("municipality_code" = current_setting('shisaku.municipality', true))
  WITH CHECK ("municipality_code" = current_setting('shisaku.municipality', true));
