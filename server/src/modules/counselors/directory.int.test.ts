import { randomUUID } from 'node:crypto';
import { directoryPageSchema, problemSchema } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocabularyTerms } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  buildCounselor,
  daysFromToday,
  TINY_PNG,
  type CounselorSpec,
} from './test-support/counselor-factory.ts';

const BASE = '/api/v1/directory/counselors';

/** A problem without its request id: what must not differ between hidden and missing. */
const sameAnswer = (body: string) => {
  const { requestId: _ignored, ...rest } = problemSchema.parse(JSON.parse(body));
  return rest;
};

const LISTED: Record<string, CounselorSpec> = {
  alice: {
    name: 'Alice Wang',
    gender: 'female',
    specialties: ['anxiety', 'depression'],
    approaches: ['cbt'],
    languages: ['zh', 'en'],
    modalities: ['video', 'text'],
    yearsOfPractice: 10,
    fees: { intake: 60_000, follow_up: 50_000 },
    photo: TINY_PNG,
    qualification: [
      { typeCode: 'psychotherapist', expiresOn: daysFromToday(400), number: 'PT-SECRET-1' },
      { typeCode: 'cps_registered', number: 'CPS-SECRET-2' },
      { typeCode: 'national_level_2', status: 'pending', number: 'NL-SECRET-3' },
    ],
  },
  bob: {
    name: 'Bob Li',
    gender: 'male',
    specialties: ['trauma', 'anxiety'],
    approaches: ['psychodynamic'],
    languages: ['zh'],
    modalities: ['in_person'],
    yearsOfPractice: 3,
    fees: { intake: 30_000 },
  },
  carol: {
    name: 'Carol Chen',
    gender: 'female',
    specialties: ['family'],
    approaches: ['family_systems'],
    languages: ['yue', 'zh'],
    modalities: ['voice', 'video'],
    yearsOfPractice: 20,
    fees: {},
  },
  dan: {
    name: 'Dan Zhou',
    gender: 'nonbinary',
    specialties: ['youth', 'anxiety'],
    approaches: ['cbt', 'mindfulness'],
    languages: ['en'],
    modalities: ['text'],
    yearsOfPractice: 10,
    fees: { intake: 80_000 },
  },
  eve: {
    name: 'Eve_Xu',
    gender: 'female',
    specialties: ['sleep'],
    approaches: ['humanistic'],
    languages: ['zh'],
    modalities: ['video'],
    yearsOfPractice: 1,
    fees: { intake: 20_000 },
  },
};

/** Each would match every filter used below if listability were not enforced. */
const hidden = (extra: CounselorSpec): CounselorSpec => ({
  specialties: ['anxiety'],
  languages: ['zh', 'en'],
  modalities: ['text', 'video'],
  photo: TINY_PNG,
  fees: { intake: 40_000 },
  ...extra,
});
const UNLISTED: Record<string, CounselorSpec> = {
  applicant: hidden({ name: 'Hidden applicant', status: 'applicant' }),
  suspended: hidden({ name: 'Hidden suspended', status: 'suspended' }),
  expired: hidden({ name: 'Hidden expired', qualification: { expiresOn: daysFromToday(-5) } }),
  nonQualifying: hidden({ name: 'Hidden peer', qualification: { typeCode: 'peer_listener' } }),
  recheckOverdue: hidden({ name: 'Hidden recheck', recheckDueOn: daysFromToday(-3) }),
  rejectedCert: hidden({ name: 'Hidden rejected', qualification: { status: 'rejected' } }),
  noCert: hidden({ name: 'Hidden none', qualification: null }),
};

describe('counselor directory (A7)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const secrets: string[] = [];
  let visitor: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await t.database.query<{ id: string }>(`SELECT id FROM organizations`))[0];
    if (!org) throw new Error('no organisation');
    await t.database.db.insert(vocabularyTerms).values({
      organizationId: org.id,
      kind: 'qualification_type',
      code: 'peer_listener',
      labelZh: '朋辈倾听员',
      labelEn: 'Peer listener',
      qualifies: false,
    });
    for (const [key, spec] of Object.entries({ ...LISTED, ...UNLISTED })) {
      const c = await buildCounselor(t, spec);
      ids[key] = c.profileId;
      secrets.push(c.member.email, `${spec.name ?? ''} real`);
    }
    secrets.push('PT-SECRET-1', 'CPS-SECRET-2', 'NL-SECRET-3');
    visitor = new TestClient(t.app);
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const res = await visitor.get(`${BASE}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return directoryPageSchema.parse(res.json());
  };
  const namesOf = async (query: string) => (await search(query)).items.map((i) => i.displayName);
  const keysOf = async (query: string) => {
    const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    return (await search(query)).items.map((i) => byId.get(i.id)).sort();
  };

  it('lists only listable counselors, with no rating and no availability invented', async () => {
    const page = await search('');
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.id).sort()).toEqual(
      Object.keys(LISTED)
        .map((k) => ids[k])
        .sort(),
    );
    for (const item of page.items) {
      expect(item.rating).toBeNull();
      expect(item.nextAvailableAt).toBeNull();
    }
  });

  it('narrows by each filter', async () => {
    expect(await keysOf('specialty=anxiety')).toEqual(['alice', 'bob', 'dan']);
    expect(await keysOf('approach=cbt')).toEqual(['alice', 'dan']);
    expect(await keysOf('language=yue')).toEqual(['carol']);
    expect(await keysOf('modality=text')).toEqual(['alice', 'dan']);
    expect(await keysOf('gender=female')).toEqual(['alice', 'carol', 'eve']);
    expect(await keysOf('priceMin=40000')).toEqual(['alice', 'dan']);
    expect(await keysOf('priceMax=30000')).toEqual(['bob', 'eve']);
    expect(await keysOf('priceMin=25000&priceMax=60000')).toEqual(['alice', 'bob']);
  });

  it('searches names case-insensitively, with % and _ taken literally', async () => {
    expect(await keysOf('q=li')).toEqual(['alice', 'bob']);
    expect(await keysOf('q=LI')).toEqual(['alice', 'bob']);
    expect(await keysOf('q=_')).toEqual(['eve']);
    expect((await search('q=%25')).total).toBe(0);
  });

  it('combines filters', async () => {
    expect(await keysOf('specialty=anxiety&language=en&modality=text')).toEqual(['alice', 'dan']);
    expect(await keysOf('specialty=anxiety&language=en&modality=text&gender=nonbinary')).toEqual([
      'dan',
    ]);
    expect((await search('specialty=family&language=en')).total).toBe(0);
  });

  it('sorts by relevance, experience, name and price (no fee last)', async () => {
    const byYears = ['Carol Chen', 'Alice Wang', 'Dan Zhou', 'Bob Li', 'Eve_Xu'];
    expect(await namesOf('')).toEqual(byYears);
    expect(await namesOf('sort=experience')).toEqual(byYears);
    expect(await namesOf('sort=name')).toEqual([
      'Alice Wang',
      'Bob Li',
      'Carol Chen',
      'Dan Zhou',
      'Eve_Xu',
    ]);
    expect(await namesOf('sort=price_asc')).toEqual([
      'Eve_Xu',
      'Bob Li',
      'Alice Wang',
      'Dan Zhou',
      'Carol Chen',
    ]);
    expect(await namesOf('sort=price_desc')).toEqual([
      'Dan Zhou',
      'Alice Wang',
      'Bob Li',
      'Eve_Xu',
      'Carol Chen',
    ]);
    // With a name search, names that start with the text come first.
    expect(await namesOf('q=a')).toEqual(['Alice Wang', 'Carol Chen', 'Dan Zhou']);
  });

  it('pages with a stable order and the total on every page', async () => {
    const pages = [await search('limit=2'), await search('limit=2&offset=2')];
    pages.push(await search('limit=2&offset=4'));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.items.map((i) => i.displayName))).toEqual(await namesOf(''));
    const past = await search('limit=2&offset=10');
    expect(past).toEqual({ items: [], total: 5 });
  });

  it('refuses a price range upside down and a malformed code, naming the field', async () => {
    const range = await visitor.get(`${BASE}?priceMin=500&priceMax=100`);
    expect(range.statusCode).toBe(400);
    expect(problemSchema.parse(range.json()).errors?.map((e) => e.path)).toEqual([
      'query.priceMax',
    ]);
    const code = await visitor.get(`${BASE}?specialty=${encodeURIComponent('Not A Code!')}`);
    expect(code.statusCode).toBe(400);
    expect(problemSchema.parse(code.json()).errors?.map((e) => e.path)).toEqual([
      'query.specialty',
    ]);
  });

  it('shows a listed counselor with fees and verified, unexpired qualification types', async () => {
    const res = await visitor.get(`${BASE}/${ids.alice ?? ''}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Alice Wang',
      fees: { intake: 60_000, follow_up: 50_000 },
      feeFromFen: 50_000,
      qualificationTypes: ['cps_registered', 'psychotherapist'],
      photoUrl: `${BASE}/${ids.alice ?? ''}/photo`,
      rating: null,
    });
    const bob = await visitor.get(`${BASE}/${ids.bob ?? ''}`);
    expect(bob.json()).toMatchObject({ photoUrl: null, qualificationTypes: ['cps_registered'] });
  });

  it('serves a listed photo inline', async () => {
    const res = await visitor.get(`${BASE}/${ids.alice ?? ''}/photo`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe('inline');
    expect(res.rawPayload.equals(TINY_PNG)).toBe(true);
  });

  it('answers every unlisted counselor, detail and photo, exactly like a random id', async () => {
    const missing = randomUUID();
    const detail404 = await visitor.get(`${BASE}/${missing}`);
    const photo404 = await visitor.get(`${BASE}/${missing}/photo`);
    expect([detail404.statusCode, photo404.statusCode]).toEqual([404, 404]);
    for (const key of [...Object.keys(UNLISTED), 'bob']) {
      const id = ids[key] ?? '';
      const photo = await visitor.get(`${BASE}/${id}/photo`);
      expect(photo.statusCode, key).toBe(404);
      expect(sameAnswer(photo.body)).toEqual(sameAnswer(photo404.body));
      if (key === 'bob') continue; // listed, only without a photo
      const detail = await visitor.get(`${BASE}/${id}`);
      expect(detail.statusCode, key).toBe(404);
      expect(sameAnswer(detail.body)).toEqual(sameAnswer(detail404.body));
    }
  });

  it('never carries certificate numbers, contact details or real names', async () => {
    const bodies = [(await visitor.get(`${BASE}?limit=50`)).body];
    for (const key of Object.keys(LISTED))
      bodies.push((await visitor.get(`${BASE}/${ids[key] ?? ''}`)).body);
    for (const body of bodies) {
      for (const secret of secrets) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/number|email|phone|@/i);
    }
  });

  it('shows signed-in people the directory of their organisation', async () => {
    const client = await signedInClient(t, await createMember(t, ['client'], 'reader'));
    const res = await client.get(`${BASE}?specialty=anxiety`);
    expect(res.statusCode).toBe(200);
    expect(directoryPageSchema.parse(res.json()).total).toBe(3);
  });

  it('audits nothing for directory reads (no sensitive data is read)', async () => {
    const before = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events`,
    );
    await search('specialty=anxiety');
    await visitor.get(`${BASE}/${ids.alice ?? ''}`);
    const after = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
