-- Records are true and never edited at will (B8). Signed versions never change: the database
-- refuses UPDATE of clinical_record_versions outright. Deleting them stays possible because the
-- person's erasure (sealed first) and retention's destruction are how they end. The version
-- chain's hashes detect a change made by someone able to disable these triggers.
CREATE FUNCTION clinical_record_versions_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'clinical_record_versions: signed content never changes (UPDATE refused)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER clinical_record_versions_no_update
  BEFORE UPDATE ON clinical_record_versions
  FOR EACH ROW EXECUTE FUNCTION clinical_record_versions_refuse_update();
--> statement-breakpoint
-- Once signed, a record row may only move its head forward (an addendum) and take its one
-- co-signature; what was signed, by whom, when and about whom stays as it was, and it never
-- becomes a draft again.
CREATE FUNCTION clinical_records_guard_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (
       NEW.status = 'draft'
    OR NEW.draft_enc IS NOT NULL
    OR NEW.record_type IS DISTINCT FROM OLD.record_type
    OR NEW.template_id IS DISTINCT FROM OLD.template_id
    OR NEW.client_user_id IS DISTINCT FROM OLD.client_user_id
    OR NEW.episode_id IS DISTINCT FROM OLD.episode_id
    OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id
    OR NEW.author_counselor_id IS DISTINCT FROM OLD.author_counselor_id
    OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
    OR NEW.needs_cosign IS DISTINCT FROM OLD.needs_cosign
    OR NEW.head_version < OLD.head_version
    OR (NEW.head_version = OLD.head_version AND NEW.head_hash IS DISTINCT FROM OLD.head_hash)
    OR (OLD.cosigned_by IS NOT NULL AND (NEW.cosigned_by IS DISTINCT FROM OLD.cosigned_by
                                      OR NEW.cosigned_at IS DISTINCT FROM OLD.cosigned_at))
  ) THEN
    RAISE EXCEPTION 'clinical_records: a signed record changes only by addendum'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER clinical_records_signed_guard
  BEFORE UPDATE ON clinical_records
  FOR EACH ROW EXECUTE FUNCTION clinical_records_guard_signed();
--> statement-breakpoint
ALTER TABLE clinical_records ADD CONSTRAINT clinical_records_signed_consistent
  CHECK ((status = 'draft') = (signed_at IS NULL) AND (status = 'draft' OR draft_enc IS NULL));
--> statement-breakpoint
ALTER TABLE clinical_record_versions ADD CONSTRAINT clinical_record_versions_chain
  CHECK (version >= 1 AND (version = 1) = (prev_hash IS NULL) AND (version = 1) = (kind = 'original'));
