import type { Db } from '../../platform/db/database.ts';
import { referralResources } from '../../platform/db/schema/index.ts';

/**
 * The numbers every organisation in China can give at once (C6): the national psychological
 * assistance hotline, medical emergency and the police. Hospitals and community services are
 * the organisation's own to add (their names, numbers and hours are local knowledge), so none
 * is invented here. Each seeded entry has a code, so seeding again changes nothing and an
 * administrator's edits (hours, notes, retiring one) survive every start.
 */
export const DEFAULT_REFERRAL_RESOURCES = [
  {
    code: 'crisis_line_12356',
    kind: 'crisis_line',
    nameZh: '全国心理援助热线',
    nameEn: 'National psychological assistance hotline',
    phone: '12356',
    hours: '24小时 / 24 hours',
    sortOrder: 10,
  },
  {
    code: 'emergency_120',
    kind: 'emergency',
    nameZh: '急救',
    nameEn: 'Medical emergency',
    phone: '120',
    hours: '24小时 / 24 hours',
    sortOrder: 20,
  },
  {
    code: 'police_110',
    kind: 'emergency',
    nameZh: '报警',
    nameEn: 'Police',
    phone: '110',
    hours: '24小时 / 24 hours',
    sortOrder: 30,
  },
] as const;

/** The default directory entries (idempotent: never overwrites an edited or retired one). */
export async function seedReferralResources(db: Db, organizationId: string): Promise<void> {
  await db
    .insert(referralResources)
    .values(DEFAULT_REFERRAL_RESOURCES.map((r) => ({ organizationId, ...r })))
    .onConflictDoNothing();
}
