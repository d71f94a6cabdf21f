import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { todayIn } from './counselor-eligibility.ts';
import type { EvidenceInfo, SupervisionRow, TrainingRow } from './development.repo.ts';

/** The calendar year at `now` in the organisation's time zone (not the server's). */
export function yearIn(timeZone: string, now: Date = new Date()): number {
  return Number(todayIn(timeZone, now).slice(0, 4));
}

/** Hours are stored in tenths (C5 records use 0.5 h, 1.5 h): sums stay exact integers. */
export const toTenths = (hours: number) => Math.round(hours * 10);
export const fromTenths = (tenths: number) => tenths / 10;
/** Notes and evidence are the counselor's: sealed under their person key (ADR 0004). */
export const owner = (profile: CounselorProfileRow) => ({
  type: 'person' as const,
  id: profile.userId,
});
export const notesRef = (id: string) => ({
  table: 'supervision_sessions',
  field: 'notes',
  recordId: id,
});

export function presentTraining(row: TrainingRow, evidence: EvidenceInfo | null) {
  return {
    id: row.id,
    title: row.title,
    provider: row.provider,
    category: row.category,
    hours: fromTenths(row.hoursTenths),
    completedOn: row.completedOn,
    evidence,
  };
}

export async function presentSupervision(
  vault: VaultScope,
  profile: CounselorProfileRow,
  row: SupervisionRow,
) {
  return {
    id: row.id,
    supervisorUserId: row.supervisorUserId,
    supervisorName: row.supervisorName,
    heldOn: row.heldOn,
    hours: fromTenths(row.hoursTenths),
    notes: await vault.decryptOrNull(owner(profile), notesRef(row.id), row.notesEnc),
  };
}
