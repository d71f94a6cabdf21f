import {
  appointmentListSchema,
  breachIncidentListSchema,
  breachIncidentSchema,
  breachNotifyResultSchema,
  breachReportSchema,
  breachScopePreviewSchema,
  breachScopeResultSchema,
  disclosureListSchema,
  disclosureSchema,
  type BreachInput,
  type BreachScope,
  type BreachStatus,
  type DisclosureInput,
} from '@anxin/common';
import { apiGet, apiPatch, apiPost, queryString } from '../../lib/api.ts';

const V1 = '/api/v1';
const incidentPath = (id: string) => `${V1}/breach-incidents/${encodeURIComponent(id)}`;

export function listIncidents(signal: AbortSignal) {
  return apiGet(`${V1}/breach-incidents`, breachIncidentListSchema, signal);
}

export function getIncident(id: string, signal?: AbortSignal) {
  return apiGet(incidentPath(id), breachIncidentSchema, signal);
}

export function createIncident(body: BreachInput) {
  return apiPost(`${V1}/breach-incidents`, breachIncidentSchema, body);
}

export function editIncident(id: string, body: Partial<BreachInput>) {
  return apiPatch(incidentPath(id), breachIncidentSchema, body);
}

export function transitionIncident(id: string, to: BreachStatus) {
  return apiPost(`${incidentPath(id)}/transition`, breachIncidentSchema, { to });
}

export function previewScope(id: string, scope: BreachScope) {
  return apiPost(`${incidentPath(id)}/scope/preview`, breachScopePreviewSchema, scope);
}

export function applyScope(id: string, scope: BreachScope) {
  return apiPost(`${incidentPath(id)}/scope`, breachScopeResultSchema, scope);
}

export function notifyAffected(id: string) {
  return apiPost(`${incidentPath(id)}/notify`, breachNotifyResultSchema);
}

export function getReport(id: string) {
  return apiGet(`${incidentPath(id)}/report`, breachReportSchema);
}

/** The CSV export is a plain link: the browser downloads it with the session cookie. */
export const reportCsvHref = (id: string) => `${incidentPath(id)}/report.csv`;

export function listDisclosures(query: { pending?: boolean }, signal: AbortSignal) {
  return apiGet(
    `${V1}/disclosures${queryString({ pending: query.pending ? 'true' : undefined })}`,
    disclosureListSchema,
    signal,
  );
}

export function recordDisclosure(body: DisclosureInput) {
  return apiPost(`${V1}/disclosures`, disclosureSchema, body);
}

export function approveDisclosure(id: string) {
  return apiPost(`${V1}/disclosures/${encodeURIComponent(id)}/approve`, disclosureSchema);
}

/** A counselor's clients, from their appointments: whom they may record a disclosure about. */
export async function listMyClients(
  signal: AbortSignal,
): Promise<{ userId: string; name: string }[]> {
  const { items } = await apiGet(
    `${V1}/appointments${queryString({ scope: 'counselor', limit: 500 })}`,
    appointmentListSchema,
    signal,
  );
  const byId = new Map<string, string>();
  for (const a of items) {
    if (a.clientUserId && !byId.has(a.clientUserId)) {
      byId.set(a.clientUserId, a.clientName ?? a.clientUserId);
    }
  }
  return [...byId].map(([userId, name]) => ({ userId, name }));
}
