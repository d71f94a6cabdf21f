// Seeding for `npm run bench:booking`: listable counselors open every day, and verified clients
// with consent and a session, written straight to the database the server will open.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { grantConsents } from '../server/src/modules/consent/test-support/consent-fixtures.ts';
import { createPerson } from '../server/src/modules/identity/setup.service.ts';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { csrfForSession } from '../server/src/platform/auth/cookies.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import type { Database, Db } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import {
  availabilityRules,
  counselorProfiles,
  counselorQualifications,
  userRoles,
  users,
} from '../server/src/platform/db/schema/index.ts';
import { round } from './lib.ts';

/** Racers for one slot, and also the clients of the throughput run. */
export const CLIENTS = 200;
/** Counselors the throughput bookings are spread over (the race has one of its own). */
export const COUNSELORS = 100;
export const ZONE = 'Asia/Shanghai';

export interface Client {
  userId: string;
  headers: Record<string, string>;
}

export interface Seeded {
  organizationId: string;
  counselors: string[];
  raceCounselor: string;
  clients: Client[];
  seedMs: number;
}

/** A listable counselor (approved, verified qualification), open 08:00–20:00 every day. */
async function seedCounselor(tx: Db, vault: Vault, organizationId: string, i: number) {
  const userId = randomUUID();
  // No usable password: the account exists only to own the profile.
  await tx
    .insert(users)
    .values({ id: userId, organizationId, displayName: `咨询师 ${i}`, passwordHash: '!' });
  await tx.insert(userRoles).values({ organizationId, userId, role: 'counselor' });
  const [profile] = await tx
    .insert(counselorProfiles)
    .values({
      organizationId,
      userId,
      status: 'approved',
      displayName: `咨询师 ${i}`,
      specialties: ['anxiety'],
      languages: ['zh'],
      modalities: ['video'],
      fees: { intake: 50_000, follow_up: 40_000 },
      feeFromFen: 40_000,
      timeZone: ZONE,
      recheckDueOn: '2099-01-01',
    })
    .returning({ id: counselorProfiles.id });
  const counselorId = profile?.id ?? '';
  const qualificationId = randomUUID();
  await tx.insert(counselorQualifications).values({
    id: qualificationId,
    organizationId,
    counselorId,
    typeCode: 'cps_registered',
    numberEnc: await vault
      .scope(tx, organizationId)
      .encrypt(
        { type: 'person', id: userId },
        { table: 'counselor_qualifications', field: 'number', recordId: qualificationId },
        `CPS-${i}`,
      ),
    issuer: 'Chinese Psychological Society',
    issuedOn: '2018-06-01',
    status: 'verified',
    verifiedAt: new Date(),
  });
  await tx.insert(availabilityRules).values(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      organizationId,
      counselorId,
      weekday,
      startTime: '08:00',
      endTime: '20:00',
    })),
  );
  return counselorId;
}

/**
 * Counselors, and clients signed in the way setup and the demo do it: createPerson makes a
 * verified account (encrypted e-mail, so the confirmation mail with its invitation is really
 * queued) with a fresh session. Sessions are written to the store rather than made through the
 * sign-in route, which is rate limited per address and would need 200 password hashes first.
 */
export async function seed(database: Database, dataDir: string): Promise<Seeded> {
  const t0 = performance.now();
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, { name: 'Bench', timeZone: ZONE });
  const { keyring } = loadKeyring({
    file: join(dataDir, 'keyring.json'), // where the server looks (ANXIN_KEYRING_FILE's default)
    masterKey: undefined,
    allowGenerate: true,
  });
  // The shares where the server looks (ANXIN_KEY_SHARE_DIR's default).
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(dataDir, 'key-shares')));
  const counselors: string[] = [];
  const clients: Client[] = [];
  await database.db.transaction(async (tx) => {
    for (let i = 0; i <= COUNSELORS; i++)
      counselors.push(await seedCounselor(tx, vault, org.id, i));
  });
  for (let start = 0; start < CLIENTS; start += 100) {
    await database.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(CLIENTS, start + 100); i++) {
        const { userId, token } = await createPerson(tx, vault, org.id, {
          email: `client${i}@bench.example.org`,
          realName: `来访者 ${i}`,
          displayName: `来访者 ${i}`,
          roles: ['client'],
          passwordHash: '!',
          isDemo: false,
          meta: null,
        });
        // Booking needs the client's consent (B10).
        await grantConsents(tx, org.id, userId);
        const csrf = csrfForSession(keyring.tokenKey, token);
        clients.push({
          userId,
          // What a browser sends: both cookies, and the CSRF token echoed in the header.
          headers: { cookie: `anxin_session=${token}; anxin_csrf=${csrf}`, 'x-csrf-token': csrf },
        });
      }
    });
  }
  await database.query('ANALYZE');
  const raceCounselor = counselors.pop() ?? '';
  return {
    organizationId: org.id,
    counselors,
    raceCounselor,
    clients,
    seedMs: round(performance.now() - t0),
  };
}
