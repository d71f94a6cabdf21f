import { eq } from 'drizzle-orm';
import {
  careEpisodes,
  counselorProfiles,
  counselorSupervisors,
} from '../../../platform/db/schema/index.ts';
import type { TestClient } from '../../../test/http-client.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { buildCounselor } from '../../counselors/test-support/counselor-factory.ts';
import { clientMember, sessionFor } from '../../scheduling/appointment-fixtures.ts';

export const RECORDS = '/api/v1/records';

/** A counselor signed in, optionally a trainee. */
export async function counselorWithSession(t: TestApp, name: string, trainee = false) {
  const c = await buildCounselor(t, { name });
  if (trainee)
    await t.database.db
      .update(counselorProfiles)
      .set({ isTrainee: true })
      .where(eq(counselorProfiles.id, c.profileId));
  return { ...c, http: await sessionFor(t, c.member, ['counselor']) };
}

/** A client in an episode with the counselor (`active` unless told otherwise). */
export async function clientInEpisode(
  t: TestApp,
  counselor: { profileId: string; organizationId: string },
  name = 'client',
  status: 'open' | 'active' | 'closed' = 'active',
) {
  const client = await clientMember(t, name);
  const [episode] = await t.database.db
    .insert(careEpisodes)
    .values({
      organizationId: counselor.organizationId,
      clientUserId: client.userId,
      counselorId: counselor.profileId,
      status,
      closedAt: status === 'closed' ? new Date() : null,
      closeReason: status === 'closed' ? 'goals_met' : null,
    })
    .returning();
  if (!episode) throw new Error('episode');
  return { ...client, episodeId: episode.id, http: await sessionFor(t, client, ['client']) };
}

/** A supervisor (signed in) assigned to the counselor profiles given. */
export async function supervisorOf(t: TestApp, name: string, profileIds: string[]) {
  const member = await createMember(t, ['supervisor'], name);
  if (profileIds.length)
    await t.database.db.insert(counselorSupervisors).values(
      profileIds.map((counselorId) => ({
        organizationId: member.organizationId,
        counselorId,
        supervisorUserId: member.userId,
      })),
    );
  return { ...member, http: await sessionFor(t, member, ['supervisor']) };
}

export const SOAP = {
  subjective: 'Reports poor sleep for two weeks.',
  objective: 'Tired, engaged, on time.',
  assessment: 'Low mood, no risk indicators today.',
  plan: 'Sleep diary; review in one week.',
};

/** Writes and signs a session note; returns the signed record. */
export async function signedNote(http: TestClient, clientUserId: string, content = SOAP) {
  const created = await http.post(RECORDS, { clientUserId, recordType: 'session_note', content });
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const draft = created.json<{ id: string; draftRevision: number }>();
  const signed = await http.post(`${RECORDS}/${draft.id}/sign`, { revision: draft.draftRevision });
  if (signed.statusCode !== 200) throw new Error(`sign: ${signed.body}`);
  return signed.json<{ id: string; headHash: string; status: string }>();
}
