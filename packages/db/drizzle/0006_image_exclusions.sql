CREATE TABLE "image_exclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"image_id" uuid NOT NULL,
	"excluded" boolean NOT NULL,
	"reason" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_exclusions_seq_unique" UNIQUE("seq"),
	CONSTRAINT "image_exclusions_reason_when_excluded" CHECK (not "image_exclusions"."excluded" or length("image_exclusions"."reason") > 0)
);
--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "excluded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "image_exclusions" ADD CONSTRAINT "image_exclusions_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_exclusions" ADD CONSTRAINT "image_exclusions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "image_exclusions_image_seq" ON "image_exclusions" USING btree ("image_id","seq");--> statement-breakpoint
CREATE INDEX "images_dataset_excluded" ON "images" USING btree ("dataset_id") WHERE "images"."excluded_at" is not null;