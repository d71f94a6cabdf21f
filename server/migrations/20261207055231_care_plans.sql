CREATE TABLE "goal_progress_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"client_user_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"rating" text NOT NULL,
	"note_enc" text,
	"author_user_id" uuid NOT NULL,
	"assessment_response_id" uuid
);
--> statement-breakpoint
CREATE TABLE "referral_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"phone" text NOT NULL,
	"address" text,
	"hours" text,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"client_user_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_snapshot" jsonb NOT NULL,
	"reason_enc" text NOT NULL,
	"basis" text NOT NULL,
	"consent_agreed_at" timestamp with time zone,
	"consent_method" text,
	"consent_attested_by" uuid,
	"shares_information" boolean NOT NULL,
	"exception_code" text,
	"justification_enc" text,
	"legal_reference" text,
	"disclosure_id" uuid,
	"risk_signal_id" uuid,
	"status" text DEFAULT 'made' NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome_enc" text,
	"author_user_id" uuid NOT NULL,
	"author_counselor_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" uuid NOT NULL,
	"client_user_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_counselor_id" uuid NOT NULL,
	"description_enc" text NOT NULL,
	"measure_kind" text NOT NULL,
	"instrument_code" text,
	"comparator" text,
	"target_score" integer,
	"measure_enc" text,
	"target_date" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason_enc" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"previous_goal_id" uuid
);
--> statement-breakpoint
ALTER TABLE "goal_progress_reviews" ADD CONSTRAINT "goal_progress_reviews_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress_reviews" ADD CONSTRAINT "goal_progress_reviews_goal_id_treatment_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."treatment_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress_reviews" ADD CONSTRAINT "goal_progress_reviews_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress_reviews" ADD CONSTRAINT "goal_progress_reviews_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress_reviews" ADD CONSTRAINT "goal_progress_reviews_assessment_response_id_assessment_responses_id_fk" FOREIGN KEY ("assessment_response_id") REFERENCES "public"."assessment_responses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_resources" ADD CONSTRAINT "referral_resources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_episode_id_care_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."care_episodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_resource_id_referral_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."referral_resources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_attested_by_users_id_fk" FOREIGN KEY ("consent_attested_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_disclosure_id_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_risk_signal_id_risk_signals_id_fk" FOREIGN KEY ("risk_signal_id") REFERENCES "public"."risk_signals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_author_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("author_counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_episode_id_care_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."care_episodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_author_counselor_id_counselor_profiles_id_fk" FOREIGN KEY ("author_counselor_id") REFERENCES "public"."counselor_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_goals" ADD CONSTRAINT "treatment_goals_previous_goal_id_treatment_goals_id_fk" FOREIGN KEY ("previous_goal_id") REFERENCES "public"."treatment_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goal_progress_reviews_goal_idx" ON "goal_progress_reviews" USING btree ("goal_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_resources_code_unique" ON "referral_resources" USING btree ("organization_id","code") WHERE code IS NOT NULL;--> statement-breakpoint
CREATE INDEX "referrals_client_idx" ON "referrals" USING btree ("organization_id","client_user_id","episode_id");--> statement-breakpoint
CREATE INDEX "treatment_goals_client_idx" ON "treatment_goals" USING btree ("organization_id","client_user_id","episode_id");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_goals_previous_unique" ON "treatment_goals" USING btree ("previous_goal_id") WHERE previous_goal_id IS NOT NULL;