import { randomUUID } from 'node:crypto';
import type { CounselorStatus } from '@anxin/common';
import { counselorProfiles, counselorQualifications } from '../../../platform/db/schema/index.ts';
import { storeFile } from '../../../platform/files/file-store.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';

export interface QualificationSpec {
  typeCode?: string;
  status?: 'pending' | 'verified' | 'rejected';
  /** YYYY-MM-DD, or null for a certificate that does not expire. */
  expiresOn?: string | null;
  number?: string;
}

export interface CounselorSpec {
  name?: string;
  status?: CounselorStatus;
  gender?: 'female' | 'male' | 'nonbinary' | 'undisclosed';
  specialties?: string[];
  approaches?: string[];
  languages?: string[];
  modalities?: ('text' | 'video' | 'voice' | 'in_person')[];
  yearsOfPractice?: number;
  fees?: Record<string, number>;
  bioZh?: string;
  bioEn?: string;
  recheckDueOn?: string | null;
  /** One certificate by default (verified, CPS, no expiry); null for none; a list for several. */
  qualification?: QualificationSpec | QualificationSpec[] | null;
  /** PNG or JPEG bytes stored as the profile photo. */
  photo?: Buffer;
}

/** A date `days` from today (UTC calendar), for expiry and re-check dates. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A counselor with a profile written straight to the database, as if vetting had run: the
 * directory, relationship and development tests need profiles in given states without walking
 * the whole application flow. The member can sign in (`signedInClient(t, member)`).
 */
export async function buildCounselor(t: TestApp, spec: CounselorSpec = {}) {
  // The member's name becomes the local part of their e-mail: letters and digits only.
  const slug = (spec.name ?? 'counselor').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const member = await createMember(t, ['counselor'], slug);
  const { organizationId, userId } = member;
  const fees = spec.fees ?? { intake: 50_000, follow_up: 40_000 };
  const profileId = await t.database.db.transaction(async (tx) => {
    const vault = t.ctx.vault.scope(tx, organizationId);
    const photo = spec.photo
      ? await storeFile(tx, vault, {
          ownerId: userId,
          purpose: 'profile_photo',
          bytes: spec.photo,
          allowed: ['image/jpeg', 'image/png'],
        })
      : null;
    const [row] = await tx
      .insert(counselorProfiles)
      .values({
        organizationId,
        userId,
        status: spec.status ?? 'approved',
        displayName: spec.name ?? 'counselor',
        gender: spec.gender ?? 'undisclosed',
        specialties: spec.specialties ?? ['anxiety'],
        approaches: spec.approaches ?? ['cbt'],
        languages: spec.languages ?? ['zh'],
        modalities: spec.modalities ?? ['video'],
        yearsOfPractice: spec.yearsOfPractice ?? 5,
        bioZh: spec.bioZh ?? '',
        bioEn: spec.bioEn ?? '',
        fees,
        feeFromFen: Object.values(fees).length ? Math.min(...Object.values(fees)) : null,
        photoFileId: photo?.id ?? null,
        approvedAt: new Date(),
        recheckDueOn: spec.recheckDueOn === undefined ? daysFromToday(300) : spec.recheckDueOn,
      })
      .returning({ id: counselorProfiles.id });
    if (!row) throw new Error('profile not created');
    const specs =
      spec.qualification === null
        ? []
        : Array.isArray(spec.qualification)
          ? spec.qualification
          : [spec.qualification ?? {}];
    for (const q of specs) {
      const id = randomUUID();
      await tx.insert(counselorQualifications).values({
        id,
        organizationId,
        counselorId: row.id,
        typeCode: q.typeCode ?? 'cps_registered',
        numberEnc: await vault.encrypt(
          { type: 'person', id: userId },
          { table: 'counselor_qualifications', field: 'number', recordId: id },
          q.number ?? `CPS-${id.slice(0, 8)}`,
        ),
        issuer: 'Chinese Psychological Society',
        issuedOn: '2020-01-01',
        expiresOn: q.expiresOn === undefined ? null : q.expiresOn,
        status: q.status ?? 'verified',
        verifiedAt: q.status === 'verified' || q.status === undefined ? new Date() : null,
      });
    }
    return row.id;
  });
  return { profileId, userId, organizationId, member };
}

/** The smallest valid PNG (1×1), for photo tests. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The smallest PDF a sniffer recognises. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
