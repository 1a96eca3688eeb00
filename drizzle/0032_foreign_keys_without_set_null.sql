-- Citus refuses ON DELETE SET NULL on a foreign key that includes the distribution column
-- (docs/scale.md). No action deletes plan nodes or indicators; a row still referenced now cannot
-- be deleted, instead of the reference being cleared behind the deleting statement's back.
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_node_id_fk";
--> statement-breakpoint
ALTER TABLE "letter_steps" DROP CONSTRAINT "letter_steps_reflected_node_id_fk";
--> statement-breakpoint
ALTER TABLE "surveys" DROP CONSTRAINT "surveys_indicator_id_fk";
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_node_id_fk" FOREIGN KEY ("municipality_code","node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_steps" ADD CONSTRAINT "letter_steps_reflected_node_id_fk" FOREIGN KEY ("municipality_code","reflected_node_id") REFERENCES "public"."plan_nodes"("municipality_code","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_indicator_id_fk" FOREIGN KEY ("municipality_code","indicator_id") REFERENCES "public"."indicators"("municipality_code","id") ON DELETE no action ON UPDATE no action;