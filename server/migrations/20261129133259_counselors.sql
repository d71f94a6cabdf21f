CREATE TABLE "counselor_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'applicant' NOT NULL,
	"display_name" text NOT NULL,
	"gender" text DEFAULT 'undisclosed' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"approaches" text[] DEFAULT '{}'::text[] NOT NULL,
	"modalities" text[] DEFAULT '{}'::text[] NOT NULL,
	"years_of_practice" integer DEFAULT 0 NOT NULL,
	"bio_zh" text DEFAULT '' NOT NULL,
	"bio_en" text DEFAULT '' NOT NULL,
	"photo_file_id" uuid,
	"is_trainee" boolean DEFAULT false NOT NULL,
	"fees" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fee_from_fen" integer,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"reviewer_id" uuid,
	"status_reason" text,
	"suspended_for" text,
	"recheck_due_on" date,
	"last_rechecked_at" timestamp with time zone,
	"last_reviewed_at" timestamp with time zone,
	CONSTRAINT "counselor_profiles_user_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "counselor_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"number_enc" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"verification_url" text,
	"file_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"rejection_reason" text
);
--> statement-breakpoint
CREATE TABLE "counselor_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"client_contact_index" text,
	"client_identifier_enc" text,
	"description_enc" text NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "counselor_review_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "counselor_standing_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason_enc" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"issued_by" uuid NOT NULL,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credential_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"due_on" date NOT NULL,
	"days_before" integer NOT NULL,
	CONSTRAINT "credential_reminders_once" UNIQUE("counselor_id","subject","due_on","days_before")
);
--> statement-breakpoint
CREATE TABLE "organization_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	CONSTRAINT "organization_settings_org_key_unique" UNIQUE("organization_id","key")
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"name_enc" text,
	"content_enc" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"supervisor_user_id" uuid,
	"supervisor_name" text NOT NULL,
	"held_on" date NOT NULL,
	"hours_tenths" integer NOT NULL,
	"notes_enc" text
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"category" text NOT NULL,
	"hours_tenths" integer NOT NULL,
	"completed_on" date NOT NULL,
	"evidence_file_id" uuid
);
--> statement-breakpoint
CREATE TABLE "vocabulary_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"qualifies" boolean DEFAULT true NOT NULL,
	CONSTRAINT "vocabulary_terms_org_kind_code_unique" UNIQUE("organization_id","kind","code")
);
--> statement-breakpoint
ALTER TABLE "counselor_profiles" ADD CONSTRAINT "counselor_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_profiles" ADD CONSTRAINT "counselor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_profiles" ADD CONSTRAINT "counselor_profiles_photo_file_id_stored_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_qualifications" ADD CONSTRAINT "counselor_qualifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_qualifications" ADD CONSTRAINT "counselor_qualifications_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_qualifications" ADD CONSTRAINT "counselor_qualifications_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_relationships" ADD CONSTRAINT "counselor_relationships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_relationships" ADD CONSTRAINT "counselor_relationships_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_review_events" ADD CONSTRAINT "counselor_review_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_review_events" ADD CONSTRAINT "counselor_review_events_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_standing_actions" ADD CONSTRAINT "counselor_standing_actions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_standing_actions" ADD CONSTRAINT "counselor_standing_actions_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_reminders" ADD CONSTRAINT "credential_reminders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_reminders" ADD CONSTRAINT "credential_reminders_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisor_user_id_users_id_fk" FOREIGN KEY ("supervisor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_evidence_file_id_stored_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vocabulary_terms" ADD CONSTRAINT "vocabulary_terms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counselor_profiles_status_idx" ON "counselor_profiles" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "counselor_profiles_specialties_idx" ON "counselor_profiles" USING gin ("specialties");--> statement-breakpoint
CREATE INDEX "counselor_profiles_languages_idx" ON "counselor_profiles" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "counselor_qualifications_counselor_idx" ON "counselor_qualifications" USING btree ("counselor_id");--> statement-breakpoint
CREATE INDEX "counselor_qualifications_expiry_idx" ON "counselor_qualifications" USING btree ("organization_id","expires_on");--> statement-breakpoint
CREATE INDEX "counselor_relationships_contact_idx" ON "counselor_relationships" USING btree ("client_contact_index","counselor_id");--> statement-breakpoint
CREATE INDEX "counselor_review_events_counselor_idx" ON "counselor_review_events" USING btree ("counselor_id","created_at");--> statement-breakpoint
CREATE INDEX "counselor_standing_counselor_idx" ON "counselor_standing_actions" USING btree ("counselor_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("organization_id","owner_id");--> statement-breakpoint
CREATE INDEX "supervision_sessions_counselor_idx" ON "supervision_sessions" USING btree ("counselor_id","held_on");--> statement-breakpoint
CREATE INDEX "training_records_counselor_idx" ON "training_records" USING btree ("counselor_id","completed_on");