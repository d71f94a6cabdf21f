CREATE TABLE "assessment_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"client_user_id" uuid NOT NULL,
	"episode_id" uuid,
	"assessment_code" text NOT NULL,
	"definition_version" text NOT NULL,
	"assigned_by" uuid,
	"status" text DEFAULT 'assigned' NOT NULL,
	"completed_at" timestamp with time zone,
	"answers_enc" text,
	"score_enc" text
);
--> statement-breakpoint
CREATE TABLE "clinical_record_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"content_enc" text NOT NULL,
	"reason_enc" text,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "clinical_record_versions_unique" UNIQUE("record_id","version")
);
--> statement-breakpoint
CREATE TABLE "clinical_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"template_id" uuid NOT NULL,
	"client_user_id" uuid NOT NULL,
	"episode_id" uuid,
	"appointment_id" uuid,
	"author_user_id" uuid NOT NULL,
	"author_counselor_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"draft_enc" text,
	"draft_revision" integer DEFAULT 0 NOT NULL,
	"signed_at" timestamp with time zone,
	"needs_cosign" boolean DEFAULT false NOT NULL,
	"cosigned_by" uuid,
	"cosigned_at" timestamp with time zone,
	"head_version" integer DEFAULT 0 NOT NULL,
	"head_hash" text
);
--> statement-breakpoint
CREATE TABLE "counselor_supervisors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"counselor_id" uuid NOT NULL,
	"supervisor_user_id" uuid NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "counselor_supervisors_pair_unique" UNIQUE("counselor_id","supervisor_user_id")
);
--> statement-breakpoint
CREATE TABLE "record_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"fields" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "record_templates_version_unique" UNIQUE("organization_id","code","version")
);
--> statement-breakpoint
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_episode_id_care_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."care_episodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_responses" ADD CONSTRAINT "assessment_responses_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_record_versions" ADD CONSTRAINT "clinical_record_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_record_versions" ADD CONSTRAINT "clinical_record_versions_record_id_clinical_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."clinical_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_record_versions" ADD CONSTRAINT "clinical_record_versions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_template_id_record_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."record_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_episode_id_care_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."care_episodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_author_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("author_counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_records" ADD CONSTRAINT "clinical_records_cosigned_by_users_id_fk" FOREIGN KEY ("cosigned_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_supervisors" ADD CONSTRAINT "counselor_supervisors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_supervisors" ADD CONSTRAINT "counselor_supervisors_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_supervisors" ADD CONSTRAINT "counselor_supervisors_supervisor_user_id_users_id_fk" FOREIGN KEY ("supervisor_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_templates" ADD CONSTRAINT "record_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_responses_client_idx" ON "assessment_responses" USING btree ("organization_id","client_user_id","status");--> statement-breakpoint
CREATE INDEX "clinical_records_client_idx" ON "clinical_records" USING btree ("organization_id","client_user_id","created_at");--> statement-breakpoint
CREATE INDEX "clinical_records_author_idx" ON "clinical_records" USING btree ("author_user_id","status");--> statement-breakpoint
CREATE INDEX "counselor_supervisors_supervisor_idx" ON "counselor_supervisors" USING btree ("supervisor_user_id");