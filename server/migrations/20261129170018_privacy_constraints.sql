-- A published rule text never changes (A12): a new version is a new row. Only the status of a
-- draft may move to published, once.
CREATE FUNCTION policy_documents_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'a published policy document cannot be deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published policy document cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER policy_documents_published_immutable
  BEFORE UPDATE OR DELETE ON policy_documents
  FOR EACH ROW EXECUTE FUNCTION policy_documents_published_immutable();
--> statement-breakpoint
ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_due_after_receipt CHECK (due_at >= received_at);
--> statement-breakpoint
ALTER TABLE breach_incidents ADD CONSTRAINT breach_incidents_report_after_discovery CHECK (report_due_at >= discovered_at);
