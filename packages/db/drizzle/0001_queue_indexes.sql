CREATE INDEX "predictions_version_margin" ON "predictions" USING btree ("model_version_id","margin");--> statement-breakpoint
CREATE INDEX "predictions_version_confidence" ON "predictions" USING btree ("model_version_id","top1_probability");--> statement-breakpoint
CREATE INDEX "predictions_version_entropy" ON "predictions" USING btree ("model_version_id","entropy");--> statement-breakpoint
CREATE INDEX "predictions_version_disagreement" ON "predictions" USING btree ("model_version_id","label_disagreement") WHERE "predictions"."label_disagreement" is not null;