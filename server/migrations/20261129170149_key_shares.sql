ALTER TABLE "data_keys" ADD COLUMN "has_share" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_keys" ADD COLUMN "share_destroyed_at" timestamp with time zone;