CREATE TABLE "sign_in_failures" (
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"next_allowed_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "sign_in_failures_kind_key_hash_pk" PRIMARY KEY("kind","key_hash")
);
--> statement-breakpoint
CREATE INDEX "sign_in_failures_last" ON "sign_in_failures" USING btree ("last_failure_at");--> statement-breakpoint
-- Sign-in failures are counted per e-mail and per client address across municipalities (one
-- person signs in to each of theirs with one password), so this is not a tenant table and has no
-- row-level security; its keys are SHA-256 digests, so it names no person and no address. The
-- default privileges of 0001 already cover it; the grant says so where the table is made.
GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_failures" TO shisaku_app;
