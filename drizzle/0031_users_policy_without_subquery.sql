-- The policies that show and update a user to the members of the bound municipality asked
-- "is there a membership?" with a subquery. Citus (docs/scale.md) refuses policies with
-- subqueries on distributed and reference tables, and `users` is a reference table there. The
-- same question is now a function the policies call: the same rows are visible and updatable.
CREATE FUNCTION shisaku_is_member(user_id integer) RETURNS boolean
  LANGUAGE plpgsql STABLE SET search_path = public AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.user_id = shisaku_is_member.user_id
      AND m.municipality_code = current_setting('shisaku.municipality', true)::bpchar);
END
$$;
--> statement-breakpoint
DROP POLICY "users_of_members" ON "users";
--> statement-breakpoint
DROP POLICY "users_update_of_members" ON "users";
--> statement-breakpoint
CREATE POLICY "users_of_members" ON "users" FOR SELECT USING (shisaku_is_member("users"."id"));
--> statement-breakpoint
CREATE POLICY "users_update_of_members" ON "users" FOR UPDATE USING (shisaku_is_member("users"."id"));
