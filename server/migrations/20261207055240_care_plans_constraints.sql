-- Care plans (C4, C6): what the application's state machines promise, stated again where a
-- direct UPDATE cannot get around it. Sealed columns (*_enc) stay updatable: erasure re-seals
-- them under a seal key in place (same words, another key). Everything else that was written
-- stays as it was; rows may still be deleted, because erasure and retention end them.

-- A goal's measure is either an instrument target or the counselor's own measure, never both.
ALTER TABLE treatment_goals ADD CONSTRAINT treatment_goals_measure_shape CHECK (
  (measure_kind = 'instrument' AND instrument_code IS NOT NULL AND comparator IS NOT NULL
    AND target_score IS NOT NULL AND measure_enc IS NULL)
  OR (measure_kind = 'custom' AND measure_enc IS NOT NULL AND instrument_code IS NULL
    AND comparator IS NULL AND target_score IS NULL)
);
--> statement-breakpoint
ALTER TABLE treatment_goals ADD CONSTRAINT treatment_goals_status_consistent CHECK (
  (status = 'active') = (status_changed_at IS NULL)
  AND (status_changed_at IS NULL) = (status_changed_by IS NULL)
);
--> statement-breakpoint
-- A goal is never rewritten: a revision is a new goal. Only an active goal changes status, once;
-- the link to the goal it revised is only ever cleared (when that goal is destroyed).
CREATE FUNCTION treatment_goals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.organization_id IS DISTINCT FROM OLD.organization_id
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.client_user_id IS DISTINCT FROM OLD.client_user_id
    OR NEW.episode_id IS DISTINCT FROM OLD.episode_id
    OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id
    OR NEW.author_counselor_id IS DISTINCT FROM OLD.author_counselor_id
    OR NEW.measure_kind IS DISTINCT FROM OLD.measure_kind
    OR NEW.instrument_code IS DISTINCT FROM OLD.instrument_code
    OR NEW.comparator IS DISTINCT FROM OLD.comparator
    OR NEW.target_score IS DISTINCT FROM OLD.target_score
    OR NEW.target_date IS DISTINCT FROM OLD.target_date
    OR (NEW.previous_goal_id IS DISTINCT FROM OLD.previous_goal_id
        AND NEW.previous_goal_id IS NOT NULL)
    OR (OLD.status <> 'active' AND (
          NEW.status IS DISTINCT FROM OLD.status
       OR NEW.status_changed_at IS DISTINCT FROM OLD.status_changed_at
       OR NEW.status_changed_by IS DISTINCT FROM OLD.status_changed_by))
  THEN
    RAISE EXCEPTION 'treatment_goals: a goal is revised by a new goal, never rewritten'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER treatment_goals_no_rewrite
  BEFORE UPDATE ON treatment_goals
  FOR EACH ROW EXECUTE FUNCTION treatment_goals_guard();
--> statement-breakpoint
-- Progress reviews are append-only: nothing but the sealed note's envelope (re-sealing) and the
-- score link (cleared when the questionnaire is destroyed) may change.
CREATE FUNCTION goal_progress_reviews_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id
    OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.goal_id IS DISTINCT FROM OLD.goal_id
    OR NEW.client_user_id IS DISTINCT FROM OLD.client_user_id
    OR NEW.reviewed_on IS DISTINCT FROM OLD.reviewed_on
    OR NEW.rating IS DISTINCT FROM OLD.rating
    OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id
    OR (NEW.note_enc IS NULL) <> (OLD.note_enc IS NULL)
    OR (NEW.assessment_response_id IS DISTINCT FROM OLD.assessment_response_id
        AND NEW.assessment_response_id IS NOT NULL)
  THEN
    RAISE EXCEPTION 'goal_progress_reviews: a progress review is never changed (append-only)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER goal_progress_reviews_append_only
  BEFORE UPDATE ON goal_progress_reviews
  FOR EACH ROW EXECUTE FUNCTION goal_progress_reviews_guard();
--> statement-breakpoint
-- The basis of a referral is complete for its kind (C6, B7): the client's documented agreement
-- with the counselor's attestation, or an exception with its justification (and its legal
-- reference for a legal obligation). Information goes to the resource under every exception.
ALTER TABLE referrals ADD CONSTRAINT referrals_basis_complete CHECK (
  (basis = 'consent' AND consent_agreed_at IS NOT NULL AND consent_method IS NOT NULL
    AND consent_attested_by IS NOT NULL AND exception_code IS NULL
    AND justification_enc IS NULL AND legal_reference IS NULL)
  OR (basis = 'exception' AND exception_code IS NOT NULL AND justification_enc IS NOT NULL
    AND consent_agreed_at IS NULL AND consent_method IS NULL AND consent_attested_by IS NULL
    AND shares_information
    AND (exception_code <> 'legal_obligation' OR legal_reference IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE referrals ADD CONSTRAINT referrals_status_consistent CHECK (
  (status = 'made' AND acknowledged_at IS NULL AND closed_at IS NULL)
  OR (status = 'acknowledged' AND acknowledged_at IS NOT NULL AND closed_at IS NULL)
  OR (status = 'closed' AND closed_at IS NOT NULL)
);
--> statement-breakpoint
-- What was referred, to whom, on which basis and when stays as recorded; the status only moves
-- forward (made → acknowledged → closed, or made → closed) and a closed referral is final.
CREATE FUNCTION referrals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.organization_id IS DISTINCT FROM OLD.organization_id
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.client_user_id IS DISTINCT FROM OLD.client_user_id
    OR NEW.episode_id IS DISTINCT FROM OLD.episode_id
    OR NEW.resource_id IS DISTINCT FROM OLD.resource_id
    OR NEW.resource_snapshot IS DISTINCT FROM OLD.resource_snapshot
    OR NEW.basis IS DISTINCT FROM OLD.basis
    OR NEW.consent_agreed_at IS DISTINCT FROM OLD.consent_agreed_at
    OR NEW.consent_method IS DISTINCT FROM OLD.consent_method
    OR NEW.consent_attested_by IS DISTINCT FROM OLD.consent_attested_by
    OR NEW.shares_information IS DISTINCT FROM OLD.shares_information
    OR NEW.exception_code IS DISTINCT FROM OLD.exception_code
    OR NEW.legal_reference IS DISTINCT FROM OLD.legal_reference
    OR NEW.made_at IS DISTINCT FROM OLD.made_at
    OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id
    OR NEW.author_counselor_id IS DISTINCT FROM OLD.author_counselor_id
    OR (NEW.disclosure_id IS DISTINCT FROM OLD.disclosure_id AND NEW.disclosure_id IS NOT NULL)
    OR (NEW.risk_signal_id IS DISTINCT FROM OLD.risk_signal_id AND NEW.risk_signal_id IS NOT NULL)
    OR (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at)
    OR (OLD.status = 'closed' AND (NEW.status IS DISTINCT FROM OLD.status
                                OR NEW.closed_at IS DISTINCT FROM OLD.closed_at))
    OR (OLD.status = 'acknowledged' AND NEW.status = 'made')
  THEN
    RAISE EXCEPTION 'referrals: a referral as made never changes; its status only moves forward'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_as_made
  BEFORE UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_guard();
