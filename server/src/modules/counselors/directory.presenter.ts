import type { DirectoryCounselor } from '@anxin/common';
import type { DirectoryRow } from './directory.repo.ts';

/** Where a listed counselor's photo is served (public, like the rest of the listing). */
export const directoryPhotoPath = (id: string) => `/api/v1/directory/counselors/${id}/photo`;

/**
 * What a client sees of a counselor (A7): public fields only. Contact details and certificate
 * numbers are not even selected; the rating stays null until feedback exists, never invented.
 */
export function presentDirectoryCounselor(row: DirectoryRow): DirectoryCounselor {
  return {
    id: row.id,
    displayName: row.displayName,
    gender: row.gender,
    languages: row.languages,
    specialties: row.specialties,
    approaches: row.approaches,
    modalities: row.modalities,
    yearsOfPractice: row.yearsOfPractice,
    feeFromFen: row.feeFromFen,
    photoUrl: row.photoFileId ? directoryPhotoPath(row.id) : null,
    bioZh: row.bioZh,
    bioEn: row.bioEn,
    qualificationTypes: row.qualificationTypes,
    nextAvailableAt: row.nextAvailableAt ? new Date(row.nextAvailableAt).toISOString() : null,
    rating: null,
  };
}

/** The detail page adds the fee of each session type. */
export function presentDirectoryDetail(row: DirectoryRow) {
  return { ...presentDirectoryCounselor(row), fees: row.fees };
}
