-- Every tenant policy compared the municipality code as text: ("municipality_code"::text =
-- current_setting(...)). The cast hid the column from its indexes and from the planner's
-- statistics, so each tenant-bound query filtered row by row, and the planner, guessing that
-- the filter kept one row, chose nested loops that took seconds on large municipalities.
-- Comparing as char(6), the column's own type, lets the policy use the indexes that lead with
-- the municipality code. New policies take this form:
--   USING ("municipality_code" = current_setting('shisaku.municipality', true)::char(6))
DO $$
DECLARE
  p record;
  q text;
  c text;
BEGIN
  FOR p IN SELECT * FROM pg_policies WHERE schemaname = current_schema() LOOP
    q := regexp_replace(p.qual,
      '\(\((municipality_code|code)\)::text = (current_setting\(''shisaku\.municipality''::text, true\))\)',
      '(\1 = (\2)::bpchar)', 'g');
    c := regexp_replace(p.with_check,
      '\(\((municipality_code|code)\)::text = (current_setting\(''shisaku\.municipality''::text, true\))\)',
      '(\1 = (\2)::bpchar)', 'g');
    IF q IS DISTINCT FROM p.qual THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, p.tablename, q);
    END IF;
    IF c IS DISTINCT FROM p.with_check THEN
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.policyname, p.tablename, c);
    END IF;
  END LOOP;
END $$;
