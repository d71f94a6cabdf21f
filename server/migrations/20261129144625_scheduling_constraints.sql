-- No double booking, guaranteed by the database (A4): two appointments that hold a counselor's
-- time may not overlap, buffers included, and one client may not hold two overlapping sessions.
-- Cancelled and entered-in-error appointments hold nothing. Needs btree_gist for `=` on uuid in
-- a GiST index (PGlite loads it; Debian ships it in postgresql-contrib).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_counselor_no_overlap
  EXCLUDE USING gist (counselor_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&)
  WHERE (status IN ('pending', 'booked', 'arrived', 'fulfilled', 'noshow'));
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_client_no_overlap
  EXCLUDE USING gist (client_user_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
  WHERE (status IN ('pending', 'booked', 'arrived', 'fulfilled', 'noshow'));
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_time_order
  CHECK (starts_at < ends_at AND blocked_from <= starts_at AND blocked_until >= ends_at);
--> statement-breakpoint
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_amount_positive CHECK (amount_fen > 0);
--> statement-breakpoint
-- The ledger is evidence of money: corrections are new entries, never edits (C10).
CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_change
  BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change();
