-- Row-level security binds the table owner too (FORCE), so that a connection that is the owner
-- and has left the application role (RESET ROLE, or a query outside a tenant transaction) sees
-- no tenant's rows either. A superuser or a role with BYPASSRLS is still not bound: connect the
-- application as a login role that is neither (README, "Running on PostgreSQL").
--
-- The users table (e-mail addresses and password hashes) is behind the same rules: a
-- transaction bound to a municipality sees only the people who are members of it, and one bound
-- to none sees nobody. Adding a person inserts the row without reading it back; finding
-- whether an e-mail address already has an identity in another municipality goes through
-- shisaku_user_id_by_email, which returns the id only.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "users_of_members" ON "users" FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM "memberships" m
    WHERE m."user_id" = "users"."id"
      AND m."municipality_code" = current_setting('shisaku.municipality', true)::bpchar));
--> statement-breakpoint
CREATE POLICY "users_update_of_members" ON "users" FOR UPDATE
  USING (EXISTS (
    SELECT 1 FROM "memberships" m
    WHERE m."user_id" = "users"."id"
      AND m."municipality_code" = current_setting('shisaku.municipality', true)::bpchar));
--> statement-breakpoint
-- A new identity is inserted under a tenant, before its membership exists.
CREATE POLICY "users_insert_under_tenant" ON "users" FOR INSERT
  WITH CHECK (current_setting('shisaku.municipality', true)::bpchar <> '');
--> statement-breakpoint
-- The function runs as the owner of the tables, which FORCE binds too: this policy lets the
-- owner read users only while the function has set shisaku.user_lookup for its own statement.
DO $$
BEGIN
  EXECUTE format(
    'CREATE POLICY "users_lookup_by_owner" ON "users" FOR SELECT TO %I USING (current_setting(''shisaku.user_lookup'', true) = ''on'')',
    current_user);
END $$;
--> statement-breakpoint
CREATE FUNCTION shisaku_user_id_by_email(address text) RETURNS integer
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  found integer;
BEGIN
  PERFORM set_config('shisaku.user_lookup', 'on', true);
  SELECT id INTO found FROM users WHERE lower(email) = lower(address);
  PERFORM set_config('shisaku.user_lookup', '', true);
  RETURN found;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION shisaku_user_id_by_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION shisaku_user_id_by_email(text) TO shisaku_app;
--> statement-breakpoint
-- Every table under row-level security binds its owner too; later migrations that enable it on
-- a new table force it as well (a test checks that every such table is forced).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity
  LOOP
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;
