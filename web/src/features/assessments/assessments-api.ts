import {
  assessmentTaskListSchema,
  assessmentTaskSchema,
  type AssessmentCode,
  type AssessmentTask,
} from '@anxin/common';
import { apiGet, apiPost, type Schema } from '../../lib/api.ts';

const V1 = '/api/v1';
const minePath = (id: string) => `${V1}/me/assessments/${encodeURIComponent(id)}`;

/** The web app depends on zod only through @anxin/common: these wrap the contract's schemas. */
const task: Schema<AssessmentTask> = { parse: (data) => assessmentTaskSchema.parse(data) };
const tasks: Schema<{ items: AssessmentTask[] }> = {
  parse: (data) => assessmentTaskListSchema.parse(data),
};

/** The client's own questionnaires, open ones first; no scores (clients do not see them). */
export async function listMyAssessments(signal?: AbortSignal) {
  return (await apiGet(`${V1}/me/assessments`, tasks, signal)).items;
}

export function getMyAssessment(id: string, signal?: AbortSignal) {
  return apiGet(minePath(id), task, signal);
}

/** Item code → answer option code; the server checks, scores and seals them. */
export function submitAnswers(id: string, answers: Record<string, string>) {
  return apiPost(`${minePath(id)}/answers`, task, { answers });
}

/** A counselor gives a questionnaire to a client of their current episode. */
export function assignAssessment(clientUserId: string, assessmentCode: AssessmentCode) {
  return apiPost(`${V1}/assessments`, task, { clientUserId, assessmentCode });
}
