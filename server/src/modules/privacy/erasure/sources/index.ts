import {
  goalReviewsSource,
  referralsSource,
  treatmentGoalsSource,
} from '../../../care-plans/care-plans.erasure.ts';
import type { ErasureSource, SealSource } from '../erasure-source.ts';
import { appointmentReasonsSource, appointmentsKept, episodesKept } from './appointments.source.ts';
import { authTokensSource } from './auth-tokens.source.ts';
import { breakGlassSource } from './break-glass.source.ts';
import { chatMessagesSource, conductReportsSource } from './chat.source.ts';
import { consentsSource } from './consents.source.ts';
import { disclosuresSource } from './disclosures.source.ts';
import { guardianshipsSource } from './guardianships.source.ts';
import { invitationsSource } from './invitations.source.ts';
import { ledgerKept } from './ledger.source.ts';
import { mfaSource } from './mfa.source.ts';
import { notificationsSource } from './notifications.source.ts';
import { privacyRequestsSource } from './privacy-requests.source.ts';
import { rolesSource } from './roles.source.ts';
import {
  assessmentsSource,
  recordDraftsSource,
  recordsKept,
  recordVersionsSource,
} from './records.source.ts';
import { riskSignalsKept, sessionRoomsKept } from './rooms.source.ts';
import { sessionsSource } from './sessions.source.ts';

/**
 * Every table holding a person's data, and how it takes part in erasure. A module that adds a
 * table of personal data adds its source here (the account row itself is made a tombstone last,
 * by the erasure service). Audit events are not here: append-only, and they hold no values.
 */
export const ERASURE_SOURCES: readonly ErasureSource[] = [
  sessionsSource,
  authTokensSource,
  mfaSource,
  rolesSource,
  invitationsSource,
  notificationsSource,
  consentsSource,
  guardianshipsSource,
  appointmentReasonsSource,
  chatMessagesSource,
  conductReportsSource,
  disclosuresSource,
  privacyRequestsSource,
  breakGlassSource,
  recordDraftsSource,
  recordVersionsSource,
  assessmentsSource,
  treatmentGoalsSource,
  goalReviewsSource,
  referralsSource,
  appointmentsKept,
  episodesKept,
  ledgerKept,
  sessionRoomsKept,
  riskSignalsKept,
  recordsKept,
];

/** The source that sealed rows of `table` (to read them through break-glass, or end them). */
export function sealSourceFor(table: string): SealSource | undefined {
  return ERASURE_SOURCES.find((s): s is SealSource => s.kind === 'seal' && s.table === table);
}
