import {
  clinicalRecordSchema,
  conductReportListSchema,
  conductReportSchema,
  conductReportSummarySchema,
  roomSchema,
  type ClinicalRecord,
  type ConductReport,
  type ConductReportSummary,
  type Room,
} from '@anxin/common';
import { apiGet, apiPost, noContent, type Schema } from '../../lib/api.ts';

const V1 = '/api/v1';
const roomPath = (id: string) => `${V1}/rooms/${encodeURIComponent(id)}`;

/** The web app depends on zod only through @anxin/common: this wraps the contract's schema. */
const room: Schema<Room> = { parse: (data) => roomSchema.parse(data) };
const record: Schema<ClinicalRecord> = { parse: (data) => clinicalRecordSchema.parse(data) };

/** The appointment's room, created on first use; refused outside its opening window. */
export function getRoomForAppointment(appointmentId: string, signal?: AbortSignal) {
  return apiGet(`${V1}/appointments/${encodeURIComponent(appointmentId)}/room`, room, signal);
}

export function getRoom(roomId: string, signal?: AbortSignal) {
  return apiGet(roomPath(roomId), room, signal);
}

export type EndReason = 'completed' | 'abusive';

/** The answer's body is not needed: the socket's status frame tells both parties. */
export function endRoom(roomId: string, reason: EndReason) {
  return apiPost(`${roomPath(roomId)}/end`, noContent, { reason });
}

/** A report to the administrators, about one message (its excerpt is sealed in) or in general. */
export function reportConduct(roomId: string, body: { messageSeq?: number; reason: string }) {
  return apiPost(`${roomPath(roomId)}/reports`, noContent, body);
}

/** The counselor's note of the appointment: the one already begun, else a new draft. */
export function openAppointmentNote(appointmentId: string) {
  return apiPost(`${V1}/appointments/${encodeURIComponent(appointmentId)}/note`, record, {});
}

const conductList: Schema<{ items: ConductReportSummary[] }> = {
  parse: (data) => conductReportListSchema.parse(data),
};
const conductReport: Schema<ConductReport> = { parse: (data) => conductReportSchema.parse(data) };
const conductSummary: Schema<ConductReportSummary> = {
  parse: (data) => conductReportSummarySchema.parse(data),
};

export type ConductStatus = ConductReportSummary['status'];

/** Reports of the organisation (administrators): no content in the list. */
export function listConductReports(status: ConductStatus, signal?: AbortSignal) {
  return apiGet(`${V1}/conduct-reports?status=${status}`, conductList, signal);
}

/** One report with its excerpt and reason: an audited read, made only when asked for. */
export function readConductReport(id: string) {
  return apiGet(`${V1}/conduct-reports/${encodeURIComponent(id)}`, conductReport);
}

export function closeConductReport(id: string) {
  return apiPost(`${V1}/conduct-reports/${encodeURIComponent(id)}/close`, conductSummary, {});
}
