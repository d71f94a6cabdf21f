import { and, asc, eq, inArray } from 'drizzle-orm';
import { ASSESSMENTS, type AssessmentResult } from '@anxin/common';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appointments, careEpisodes } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { listClientAssessments } from '../assessments/assessment.service.ts';
import { episodeScope } from './chart.service.ts';
import type { RecordsContext } from './record.service.ts';

const LOINC = 'http://loinc.org';
/** Our own code system for answers and questionnaires LOINC has no code for (C-SSRS). */
const ANXIN = 'urn:anxin:assessment';

type FhirResource = Record<string, unknown> & { resourceType: string; id: string };

function appointmentResource(
  a: typeof appointments.$inferSelect,
  clientUserId: string,
): FhirResource {
  return {
    resourceType: 'Appointment',
    id: a.id,
    // Our statuses are FHIR's AppointmentStatus codes (DOMAIN "States").
    status: a.status,
    serviceType: [{ coding: [{ system: 'urn:anxin:session-type', code: a.sessionTypeCode }] }],
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    participant: [
      { actor: { reference: `urn:uuid:${clientUserId}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/${a.counselorId}` }, status: 'accepted' },
    ],
  };
}

function questionnaireResponse(r: AssessmentResult): FhirResource {
  const def = ASSESSMENTS[r.assessmentCode];
  const answers = r.answers ?? {};
  const items: Record<string, unknown>[] = def.items.flatMap((item) => {
    const given = answers[item.code];
    const option = item.options.find((o) => o.code === given);
    if (!option) return [];
    const system = option.code.startsWith('LA') ? LOINC : ANXIN;
    return [
      {
        linkId: item.code,
        ...(item.loinc ? { definition: `${LOINC}/${item.loinc}` } : {}),
        text: item.text.en,
        answer: [{ valueCoding: { system, code: option.code, display: option.label.en } }],
      },
    ];
  });
  if (r.score?.total !== null && r.score?.total !== undefined && def.loinc?.total)
    items.push({
      linkId: `${def.code}_total`,
      definition: `${LOINC}/${def.loinc.total}`,
      text: 'Total score',
      answer: [{ valueInteger: r.score.total }],
    });
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: def.loinc ? `${LOINC}/q/${def.loinc.panel}` : `${ANXIN}/${def.code}`,
    status: r.status === 'completed' ? 'completed' : 'in-progress',
    subject: { reference: `urn:uuid:${r.clientUserId}` },
    ...(r.completedAt ? { authored: r.completedAt } : {}),
    ...(items.length ? { item: items } : {}),
  };
}

/**
 * A client's Appointments and QuestionnaireResponses as a FHIR R4 `collection` Bundle (issue
 * 8.7), for those who may see the chart. The Patient entry carries only the id the others
 * reference: identity stays where it is (B2, minimal collection). Audited as one read, and each
 * questionnaire by its own module's read.
 */
export async function exportFhir(ctx: RecordsContext, actor: Actor, clientUserId: string) {
  const db = ctx.app.database.db;
  const scope = episodeScope(actor, clientUserId);
  if (!scope) throw notFound();
  const episodes = await db
    .select({ id: careEpisodes.id })
    .from(careEpisodes)
    .where(
      and(
        eq(careEpisodes.organizationId, actor.organizationId),
        eq(careEpisodes.clientUserId, clientUserId),
        scope,
      ),
    );
  if (episodes.length === 0) throw notFound();
  const [appts, assessments] = await Promise.all([
    db
      .select()
      .from(appointments)
      .where(
        inArray(
          appointments.episodeId,
          episodes.map((e) => e.id),
        ),
      )
      .orderBy(asc(appointments.startsAt)),
    listClientAssessments(ctx, actor, clientUserId),
  ]);
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'client_fhir_export.read',
    entityType: 'user',
    entityId: clientUserId,
    subjectId: clientUserId,
  });
  const resources: FhirResource[] = [
    { resourceType: 'Patient', id: clientUserId },
    ...appts.map((a) => appointmentResource(a, clientUserId)),
    ...assessments.items.filter((a) => a.status === 'completed').map(questionnaireResponse),
  ];
  return {
    resourceType: 'Bundle' as const,
    type: 'collection' as const,
    timestamp: new Date().toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${resource.id}`,
      resource,
    })),
  };
}
