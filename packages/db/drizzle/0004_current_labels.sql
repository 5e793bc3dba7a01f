CREATE TABLE "current_labels" (
	"image_id" uuid PRIMARY KEY NOT NULL,
	"label_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"category_id" uuid,
	"source" "label_source" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "current_labels" ADD CONSTRAINT "current_labels_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_labels" ADD CONSTRAINT "current_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_labels" ADD CONSTRAINT "current_labels_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "current_labels_category" ON "current_labels" USING btree ("category_id");--> statement-breakpoint
-- Every labelled image's newest label event, as of this migration.
INSERT INTO "current_labels" ("image_id", "label_id", "seq", "category_id", "source")
SELECT DISTINCT ON ("image_id") "image_id", "id", "seq", "category_id", "source"
FROM "labels" ORDER BY "image_id", "seq" DESC;--> statement-breakpoint
-- From now on, each statement that inserts label events moves its images' current labels forward, in the
-- same transaction. A row is only replaced by an event with a higher seq, so concurrent transactions that
-- commit out of seq order still leave the highest seq current (the upsert waits for the other's row).
CREATE FUNCTION "loupe_keep_current_labels"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "current_labels" ("image_id", "label_id", "seq", "category_id", "source")
  SELECT DISTINCT ON ("image_id") "image_id", "id", "seq", "category_id", "source"
  FROM "new_labels" ORDER BY "image_id", "seq" DESC
  ON CONFLICT ("image_id") DO UPDATE SET
    "label_id" = excluded."label_id",
    "seq" = excluded."seq",
    "category_id" = excluded."category_id",
    "source" = excluded."source"
  WHERE "current_labels"."seq" < excluded."seq";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "labels_keep_current" AFTER INSERT ON "labels"
REFERENCING NEW TABLE AS "new_labels"
FOR EACH STATEMENT EXECUTE FUNCTION "loupe_keep_current_labels"();
