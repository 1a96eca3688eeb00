CREATE INDEX "indicator_appearances_tenant" ON "indicator_appearances" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "indicator_sections_tenant" ON "indicator_sections" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "node_blocks_tenant" ON "node_blocks" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "node_sections_tenant" ON "node_sections" USING btree ("municipality_code");