import type { ExportSource } from '../export-source.ts';
import { accessLogSource } from './access-log.source.ts';
import { accountSource } from './account.source.ts';
import { appointmentsSource } from './appointments.source.ts';
import { careEpisodesSource } from './care-episodes.source.ts';
import { chatMessagesSource, sessionRoomsSource } from './chat.source.ts';
import { consentsSource } from './consents.source.ts';
import { disclosuresSource } from './disclosures.source.ts';
import { guardianshipsSource } from './guardianships.source.ts';
import { ledgerSource } from './ledger.source.ts';
import { notificationsSource } from './notifications.source.ts';
import { privacyRequestsSource } from './privacy-requests.source.ts';

/**
 * Every table holding a person's data, in the export's order. A module storing personal data
 * (sessions, clinical records, hotline) adds its source here; a test checks each has data.
 */
export const EXPORT_SOURCES: readonly ExportSource[] = [
  accountSource,
  consentsSource,
  privacyRequestsSource,
  disclosuresSource,
  appointmentsSource,
  careEpisodesSource,
  sessionRoomsSource,
  chatMessagesSource,
  ledgerSource,
  notificationsSource,
  guardianshipsSource,
  accessLogSource,
];
