CREATE INDEX "images_dataset_created" ON "images" USING btree ("dataset_id","created_at","id");--> statement-breakpoint
CREATE INDEX "images_dataset_file_name" ON "images" USING btree ("dataset_id","source_file_name","id");--> statement-breakpoint
CREATE INDEX "images_dataset_id" ON "images" USING btree ("dataset_id","id");