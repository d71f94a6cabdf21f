-- Erasure re-seals a person's data in place (their key is destroyed, the words move under the
-- seal key until the counseling-record floor passes). The versions' trigger refused every
-- UPDATE, so erasing a client with a signed note failed. It now lets the sealed columns be
-- re-encrypted, and only those, only in a transaction that set `anxin.resealing` (erasure's
-- sealed-fields.ts); any other UPDATE is refused as before.
CREATE OR REPLACE FUNCTION clinical_record_versions_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('anxin.resealing', true), '') = 'on'
     AND (to_jsonb(NEW) - 'content_enc' - 'reason_enc') = (to_jsonb(OLD) - 'content_enc' - 'reason_enc')
     AND (NEW.reason_enc IS NULL) = (OLD.reason_enc IS NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'clinical_record_versions: signed content never changes (UPDATE refused)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
