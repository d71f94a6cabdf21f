/**
 * Every table that holds data about a person, and how a person's rights reach it (B3, B11): the
 * section of their export that shows it, and the erasure category that deletes, seals or keeps it.
 * Where a right does not reach a table, the reason is written down instead. A test reads the
 * database's own catalogue and fails on a table with a person column or an encrypted column that
 * is missing here, so a new module cannot store personal data that export and erasure forget.
 */
export interface PersonalDataEntry {
  /** EXPORT_SOURCES name, or why the table is not in the export. */
  export: string | { not: string };
  /** ERASURE_SOURCES categories, or why erasure does not touch the table. */
  erasure: readonly string[] | { not: string };
}

export const PERSONAL_DATA_MAP: Readonly<Record<string, PersonalDataEntry>> = {
  users: { export: 'account', erasure: { not: 'made a tombstone by the erasure service itself' } },
  user_roles: { export: 'account', erasure: ['roles'] },
  sessions: {
    export: { not: 'sign-in sessions are listed on the account page and expire' },
    erasure: ['sessions'],
  },
  auth_tokens: { export: { not: 'one-time secrets, never shown' }, erasure: ['auth_tokens'] },
  mfa_totp: { export: { not: 'an authenticator secret, never shown' }, erasure: ['second_factor'] },
  mfa_backup_codes: { export: { not: 'digests of secrets' }, erasure: ['second_factor'] },
  invitations: {
    export: { not: 'the invited address is the account address' },
    erasure: ['invitations'],
  },
  data_keys: {
    export: { not: 'key material' },
    erasure: { not: 'destroyed by the erasure service (crypto-shredding)' },
  },
  audit_events: {
    export: 'accessLog',
    erasure: { not: 'append-only and hash-chained; holds identifiers and actions, no values' },
  },
  break_glass_grants: {
    export: { not: 'each emergency access appears in the access log' },
    erasure: ['break_glass_reasons'],
  },
  notification_outbox: { export: 'notifications', erasure: ['notifications'] },
  consents: { export: 'consents', erasure: ['consent_addresses'] },
  guardianships: { export: 'guardianships', erasure: ['guardianships'] },
  disclosures: { export: 'disclosures', erasure: ['disclosures'] },
  privacy_requests: { export: 'privacyRequests', erasure: ['privacy_requests'] },
  appointments: {
    export: 'appointments',
    erasure: ['appointment_cancellation_reasons', 'appointments'],
  },
  care_episodes: { export: 'careEpisodes', erasure: ['care_episodes'] },
  ledger_entries: { export: 'ledgerEntries', erasure: ['ledger_entries'] },
  session_rooms: { export: 'sessionRooms', erasure: ['session_rooms'] },
  room_participants: {
    export: 'sessionRooms',
    erasure: { not: 'attendance only (times, seconds): kept with the room for statistics' },
  },
  chat_messages: { export: 'chatMessages', erasure: ['chat_messages'] },
  conduct_reports: {
    export: {
      not: 'a report to administrators, which may be the counselor’s account of the client',
    },
    erasure: ['conduct_reports'],
  },
  risk_signals: {
    export: {
      not: 'a screening flag for the crisis team; holds no words, only where and how serious',
    },
    erasure: ['risk_signals'],
  },
  clinical_records: {
    export: {
      not: 'clinical records reach the client through the organisation’s release (DOMAIN: via export per organisation setting), not the self-service export',
    },
    erasure: ['clinical_record_drafts', 'clinical_records'],
  },
  clinical_record_versions: {
    export: { not: 'as for clinical_records: released by the organisation, not self-served' },
    erasure: ['clinical_record_versions'],
  },
  assessment_responses: {
    export: {
      not: 'DOMAIN: the client reads answers and scores only where the counselor enables it',
    },
    erasure: ['assessment_responses'],
  },
  treatment_goals: {
    export: {
      not: 'as for clinical_records: goals are counseling record, released by the organisation',
    },
    erasure: ['treatment_goals'],
  },
  goal_progress_reviews: {
    export: { not: 'as for clinical_records: released by the organisation, not self-served' },
    erasure: ['goal_progress_reviews'],
  },
  referrals: {
    export: {
      not: 'counseling record; where information went to the resource, the disclosure is in the disclosures section',
    },
    erasure: ['referrals'],
  },
  legal_holds: {
    export: { not: 'a hold can concern proceedings the person must not be tipped off about' },
    erasure: { not: 'the hold is what stops erasure; it is released, never erased' },
  },
  seals: {
    export: { not: 'exists only after the account was erased' },
    erasure: { not: 'ends by the retention job when the floor passes' },
  },
  breach_affected: {
    export: { not: 'the notice the person received is in their notifications' },
    erasure: { not: 'only an id, kept so the incident keeps its count' },
  },
  // Staff records: erasure refuses staff accounts until their professional records (vetting,
  // supervision, standing) have a retention decision; their export is not built yet either.
  counselor_profiles: {
    export: { not: 'staff record: the counselor reads it on their profile pages' },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
  counselor_qualifications: {
    export: { not: 'staff record: the counselor reads it on their profile pages' },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
  counselor_relationships: {
    export: { not: "the counselor's own declaration, sealed under the counselor's key" },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
  counselor_standing_actions: {
    export: { not: 'staff record: shown to the counselor on their profile' },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
  supervision_sessions: {
    export: { not: 'staff record: the counselor reads it on their development page' },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
  stored_files: {
    export: { not: 'qualification scans of staff, downloadable by their owner' },
    erasure: { not: 'staff accounts are not erased yet (refused with 409)' },
  },
};
