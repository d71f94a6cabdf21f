import type { Db } from '../../platform/db/database.ts';
import { sessionTypes } from '../../platform/db/schema/index.ts';

/**
 * A new organisation's session types: a 60-minute intake (the first appointment with a
 * counselor, C1) and 50-minute follow-ups, each with 10 minutes free after it. Administrators
 * change them afterwards; this never overwrites an edited one.
 */
export async function seedSessionTypes(db: Db, organizationId: string): Promise<void> {
  await db
    .insert(sessionTypes)
    .values([
      {
        organizationId,
        code: 'intake',
        labelZh: '初始访谈',
        labelEn: 'Intake',
        durationMinutes: 60,
        bufferAfterMinutes: 10,
        isIntake: true,
        sortOrder: 10,
      },
      {
        organizationId,
        code: 'follow_up',
        labelZh: '后续咨询',
        labelEn: 'Follow-up',
        durationMinutes: 50,
        bufferAfterMinutes: 10,
        sortOrder: 20,
      },
    ])
    .onConflictDoNothing();
}
