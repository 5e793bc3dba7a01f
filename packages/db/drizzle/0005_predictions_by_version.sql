-- Predictions are partitioned by model version: a retrain loads its rows into a table of its own, builds that
-- table's indexes in one pass and attaches it, instead of growing six indexes over every earlier version's
-- rows; the predictions of versions nobody keeps any more are dropped with their table. Rows for a version
-- without a table of its own land in the default partition.
ALTER TABLE "predictions" RENAME TO "predictions_unpartitioned";--> statement-breakpoint
ALTER TABLE "predictions_unpartitioned" RENAME CONSTRAINT "predictions_model_version_id_image_id_pk" TO "predictions_unpartitioned_pk";--> statement-breakpoint
ALTER INDEX "predictions_image" RENAME TO "predictions_unpartitioned_image";--> statement-breakpoint
ALTER INDEX "predictions_version_margin" RENAME TO "predictions_unpartitioned_margin";--> statement-breakpoint
ALTER INDEX "predictions_version_confidence" RENAME TO "predictions_unpartitioned_confidence";--> statement-breakpoint
ALTER INDEX "predictions_version_entropy" RENAME TO "predictions_unpartitioned_entropy";--> statement-breakpoint
ALTER INDEX "predictions_version_disagreement" RENAME TO "predictions_unpartitioned_disagreement";--> statement-breakpoint
CREATE TABLE "predictions" (
	"model_version_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"probabilities" jsonb NOT NULL,
	"top1_category_id" uuid,
	"top1_probability" real NOT NULL,
	"top2_category_id" uuid,
	"top2_probability" real NOT NULL,
	"margin" real NOT NULL,
	"entropy" real NOT NULL,
	"labelled_distance" real,
	"label_disagreement" real,
	"sketch" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "predictions_model_version_id_image_id_pk" PRIMARY KEY("model_version_id","image_id"),
	CONSTRAINT "predictions_probability_range" CHECK ("predictions"."top1_probability" between 0 and 1)
) PARTITION BY LIST ("model_version_id");--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_top1_category_id_categories_id_fk" FOREIGN KEY ("top1_category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_top2_category_id_categories_id_fk" FOREIGN KEY ("top2_category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "predictions_image" ON "predictions" USING btree ("image_id");--> statement-breakpoint
CREATE INDEX "predictions_version_margin" ON "predictions" USING btree ("model_version_id","margin");--> statement-breakpoint
CREATE INDEX "predictions_version_confidence" ON "predictions" USING btree ("model_version_id","top1_probability");--> statement-breakpoint
CREATE INDEX "predictions_version_entropy" ON "predictions" USING btree ("model_version_id","entropy");--> statement-breakpoint
CREATE INDEX "predictions_version_disagreement" ON "predictions" USING btree ("model_version_id","label_disagreement") WHERE "predictions"."label_disagreement" is not null;--> statement-breakpoint
CREATE TABLE "predictions_default" PARTITION OF "predictions" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
	version_id uuid;
BEGIN
	FOR version_id IN SELECT DISTINCT "model_version_id" FROM "predictions_unpartitioned" LOOP
		EXECUTE format('CREATE TABLE %I PARTITION OF "predictions" FOR VALUES IN (%L)',
			'predictions_' || replace(version_id::text, '-', ''), version_id);
	END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "predictions" ("model_version_id", "image_id", "probabilities", "top1_category_id", "top1_probability",
	"top2_category_id", "top2_probability", "margin", "entropy", "labelled_distance", "label_disagreement", "sketch",
	"created_at")
SELECT "model_version_id", "image_id", "probabilities", "top1_category_id", "top1_probability", "top2_category_id",
	"top2_probability", "margin", "entropy", "labelled_distance", "label_disagreement", "sketch", "created_at"
FROM "predictions_unpartitioned";--> statement-breakpoint
DROP TABLE "predictions_unpartitioned";
