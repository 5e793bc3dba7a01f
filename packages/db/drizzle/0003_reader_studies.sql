CREATE TYPE "public"."reader_study_state" AS ENUM('DRAFT', 'OPEN', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."reader_study_view" AS ENUM('CROP', 'WHOLE_IMAGE');--> statement-breakpoint
CREATE TABLE "reader_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reader_assignments_reader" UNIQUE("study_id","reader_id"),
	CONSTRAINT "reader_assignments_study_id" UNIQUE("study_id","id")
);
--> statement-breakpoint
CREATE TABLE "reader_reads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"study_image_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"second_category_id" uuid,
	"confidence" integer,
	"time_ms" integer NOT NULL,
	"revisions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reader_reads_assignment_image" UNIQUE("assignment_id","study_image_id"),
	CONSTRAINT "reader_reads_second_differs" CHECK ("reader_reads"."second_category_id" <> "reader_reads"."category_id"),
	CONSTRAINT "reader_reads_confidence_range" CHECK ("reader_reads"."confidence" between 1 and 5),
	CONSTRAINT "reader_reads_time_nonnegative" CHECK ("reader_reads"."time_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reader_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"name" text NOT NULL,
	"state" "reader_study_state" DEFAULT 'DRAFT' NOT NULL,
	"view" "reader_study_view" NOT NULL,
	"sample_seed" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "reader_studies_name_nonempty" CHECK (length("reader_studies"."name") > 0),
	CONSTRAINT "reader_studies_opened" CHECK (("reader_studies"."state" = 'DRAFT') = ("reader_studies"."opened_at" is null)),
	CONSTRAINT "reader_studies_closed" CHECK (("reader_studies"."state" = 'CLOSED') = ("reader_studies"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "reader_study_categories" (
	"study_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "reader_study_categories_study_id_category_id_pk" PRIMARY KEY("study_id","category_id"),
	CONSTRAINT "reader_study_categories_position" UNIQUE("study_id","position")
);
--> statement-breakpoint
CREATE TABLE "reader_study_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"reference_category_id" uuid NOT NULL,
	CONSTRAINT "reader_study_images_image" UNIQUE("study_id","image_id"),
	CONSTRAINT "reader_study_images_study_id" UNIQUE("study_id","id")
);
--> statement-breakpoint
CREATE TABLE "reader_study_models" (
	"study_id" uuid NOT NULL,
	"model_version_id" uuid NOT NULL,
	CONSTRAINT "reader_study_models_study_id_model_version_id_pk" PRIMARY KEY("study_id","model_version_id")
);
--> statement-breakpoint
ALTER TABLE "reader_assignments" ADD CONSTRAINT "reader_assignments_study_id_reader_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."reader_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_assignments" ADD CONSTRAINT "reader_assignments_reader_id_users_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reads" ADD CONSTRAINT "reader_reads_assignment_fk" FOREIGN KEY ("study_id","assignment_id") REFERENCES "public"."reader_assignments"("study_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reads" ADD CONSTRAINT "reader_reads_image_fk" FOREIGN KEY ("study_id","study_image_id") REFERENCES "public"."reader_study_images"("study_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reads" ADD CONSTRAINT "reader_reads_category_fk" FOREIGN KEY ("study_id","category_id") REFERENCES "public"."reader_study_categories"("study_id","category_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reads" ADD CONSTRAINT "reader_reads_second_category_fk" FOREIGN KEY ("study_id","second_category_id") REFERENCES "public"."reader_study_categories"("study_id","category_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_studies" ADD CONSTRAINT "reader_studies_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_studies" ADD CONSTRAINT "reader_studies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_categories" ADD CONSTRAINT "reader_study_categories_study_id_reader_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."reader_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_categories" ADD CONSTRAINT "reader_study_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_images" ADD CONSTRAINT "reader_study_images_study_id_reader_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."reader_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_images" ADD CONSTRAINT "reader_study_images_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_images" ADD CONSTRAINT "reader_study_images_reference_category_id_categories_id_fk" FOREIGN KEY ("reference_category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_models" ADD CONSTRAINT "reader_study_models_study_id_reader_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."reader_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_study_models" ADD CONSTRAINT "reader_study_models_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reader_assignments_reader_id" ON "reader_assignments" USING btree ("reader_id");--> statement-breakpoint
CREATE INDEX "reader_reads_study_image" ON "reader_reads" USING btree ("study_image_id");--> statement-breakpoint
CREATE INDEX "reader_studies_dataset" ON "reader_studies" USING btree ("dataset_id","created_at");--> statement-breakpoint
CREATE INDEX "reader_study_images_image_id" ON "reader_study_images" USING btree ("image_id");