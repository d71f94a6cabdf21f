import type { Room, RoomRole } from '@anxin/common';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import {
  audit,
  auditRead,
  type AuditFields,
  type RequestMeta,
} from '../../platform/audit/request-audit.ts';
import { primaryRole, type Actor } from '../../platform/auth/actor.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { appointments } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { requireActiveConsent } from '../consent/consent-gate.ts';
import { readSchedulingSettings } from '../scheduling/appointment-settings.ts';
import { findAppointmentView } from '../scheduling/appointment.repo.ts';
import {
  applyAppointmentEvent,
  recordArrival,
} from '../scheduling/appointment-transition.service.ts';
import { roleInRoom } from './room-access.ts';
import { announceRoomStatus } from './bus.registry.ts';
import { checkRoomTransition, roomWindow, type RoomEndReason } from './room-status.ts';
import {
  addConnectedTime,
  findRoom,
  findRoomOfAppointment,
  insertRoomOnce,
  participantRoles,
  roomNames,
  updateRoom,
  upsertParticipant,
  type SessionRoomRow,
} from './room.repo.ts';
import { getSessionsSettings } from './sessions-settings.ts';

export type { SessionRoomRow };

export interface RoomAccess {
  room: SessionRoomRow;
  role: RoomRole;
  peerName: string;
}

/** What request routes pass: the app and the request's audit facts. */
export interface RoomContext {
  app: AppContext;
  meta: RequestMeta;
}

/** Appointments whose session can take place: only these get (and admit to) a room. */
const ROOM_APPOINTMENT_STATUSES = new Set(['booked', 'arrived']);
const CLIENT_CONSENTS = ['counseling', 'sensitive_processing'] as const;

/**
 * An audit appender for a transaction: with the request's facts when there is a request, and
 * with the actor alone from the socket (whose upgrade request is long gone).
 */
function auditorFor(app: AppContext, tx: Db, actor: Actor, meta?: RequestMeta) {
  const key = app.vault.keyring.auditKey;
  return (fields: AuditFields) =>
    meta
      ? audit(tx, key, meta, fields)
      : appendAudit(tx, key, {
          ...fields,
          actorId: actor.userId,
          actorRole: primaryRole(actor.roles),
        });
}

async function peerNameFor(tx: Db, room: SessionRoomRow, role: RoomRole): Promise<string> {
  const names = await roomNames(tx, room);
  return role === 'counselor' ? names.clientName : names.counselorName;
}

/**
 * The room of an appointment, created on first asking (by its client or counselor). Only a
 * booked or arrived appointment gets one (409 otherwise); an appointment the actor has no place
 * in answers 404 like a missing one. The reading is audited.
 */
export async function roomForAppointment(
  ctx: RoomContext,
  actor: Actor,
  appointmentId: string,
): Promise<Room> {
  const access = await ctx.app.database.db.transaction(async (tx) => {
    const view = await findAppointmentView(tx, actor.organizationId, appointmentId);
    if (!view) throw notFound();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const settings = await getSessionsSettings(tx, actor.organizationId);
    const role = await roleInRoom(tx, vault, actor, view, settings);
    if (!role) throw notFound();
    let room = await findRoomOfAppointment(tx, actor.organizationId, view.id);
    if (!room) {
      if (!ROOM_APPOINTMENT_STATUSES.has(view.status)) {
        throw new AppError('conflict', `A ${view.status} appointment has no session room.`);
      }
      if (role === 'client')
        await requireActiveConsent(tx, vault, view.clientUserId, CLIENT_CONSENTS);
      room = await insertRoomOnce(tx, {
        organizationId: view.organizationId,
        appointmentId: view.id,
        clientUserId: view.clientUserId,
        counselorUserId: view.counselorUserId,
        opensAt: new Date(view.startsAt.getTime() - settings.openMinutesBefore * 60_000),
        closesAt: new Date(view.endsAt.getTime() + settings.graceMinutes * 60_000),
        observerAllowed: settings.observerAllowed,
      });
      await auditorFor(
        ctx.app,
        tx,
        actor,
        ctx.meta,
      )({
        organizationId: room.organizationId,
        action: 'room.create',
        entityType: 'session_room',
        entityId: room.id,
        subjectId: room.clientUserId,
      });
    }
    return { room, role, peerName: await peerNameFor(tx, room, role) };
  });
  await auditRoomRead(ctx, access);
  return presentRoom(access, ctx.app.config);
}

/** One room by id, for the people in it; audited. */
export async function readRoom(ctx: RoomContext, actor: Actor, roomId: string): Promise<Room> {
  const access = await ctx.app.database.db.transaction(async (tx) => {
    const room = await findRoom(tx, actor.organizationId, roomId);
    if (!room) throw notFound();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const settings = await getSessionsSettings(tx, actor.organizationId);
    const role = await roleInRoom(tx, vault, actor, room, settings);
    if (!role) throw notFound();
    return { room, role, peerName: await peerNameFor(tx, room, role) };
  });
  await auditRoomRead(ctx, access);
  return presentRoom(access, ctx.app.config);
}

function auditRoomRead(ctx: RoomContext, access: RoomAccess): Promise<void> {
  return auditRead(ctx.app, ctx.meta, {
    organizationId: access.room.organizationId,
    action: 'room.read',
    entityType: 'session_room',
    entityId: access.room.id,
    subjectId: access.room.clientUserId,
  });
}

/**
 * Finds the room the actor may join now. 404 for anyone with no place in it (hidden = missing);
 * `conflict` when it is not open yet, closed or ended, or its appointment no longer takes place;
 * `consent_required` for a client without active consent (B10).
 */
export async function authorizeRoomJoin(
  app: AppContext,
  actor: Actor,
  roomId: string,
): Promise<RoomAccess> {
  return app.database.db.transaction(async (tx) => {
    const room = await findRoom(tx, actor.organizationId, roomId);
    if (!room) throw notFound();
    const vault = app.vault.scope(tx, actor.organizationId);
    const settings = await getSessionsSettings(tx, actor.organizationId);
    const role = await roleInRoom(tx, vault, actor, room, settings);
    if (!role) throw notFound();
    const window = roomWindow(room, new Date());
    if (window === 'not_yet') {
      throw new AppError('conflict', `The room opens at ${room.opensAt.toISOString()}.`);
    }
    if (window === 'closed') throw new AppError('conflict', 'The room is closed.');
    const [appointment] = await tx
      .select({ status: appointments.status })
      .from(appointments)
      .where(eq(appointments.id, room.appointmentId));
    if (!appointment || !ROOM_APPOINTMENT_STATUSES.has(appointment.status)) {
      throw new AppError('conflict', 'The appointment of this room no longer takes place.');
    }
    if (role === 'client')
      await requireActiveConsent(tx, vault, room.clientUserId, CLIENT_CONSENTS);
    return { room, role, peerName: await peerNameFor(tx, room, role) };
  });
}

/**
 * A join: attendance (the first join is what the no-show rule reads), the client's arrival on
 * the appointment, and waiting → in_progress once both the client and the counselor have been
 * in; audited in the same transaction. Updates `access.room` to the stored row.
 */
export async function recordJoin(
  app: AppContext,
  access: RoomAccess,
  actor: Actor,
  meta?: RequestMeta,
): Promise<void> {
  const before = access.room.status;
  access.room = await app.database.db.transaction(async (tx) => {
    const now = new Date();
    const write = auditorFor(app, tx, actor, meta);
    let room = await findRoom(tx, access.room.organizationId, access.room.id, { lock: true });
    if (!room) throw notFound();
    await upsertParticipant(
      tx,
      {
        organizationId: room.organizationId,
        roomId: room.id,
        userId: actor.userId,
        role: access.role,
      },
      now,
    );
    await write({
      organizationId: room.organizationId,
      action: 'room.join',
      entityType: 'session_room',
      entityId: room.id,
      subjectId: room.clientUserId,
      changes: { role: { old: null, new: access.role } },
    });
    if (access.role === 'client') {
      const [a] = await tx
        .select({ status: appointments.status })
        .from(appointments)
        .where(eq(appointments.id, room.appointmentId));
      if (a?.status === 'booked') {
        await recordArrival(tx, room.appointmentId, {
          role: 'client',
          userId: actor.userId,
          audit: write,
        });
      }
    }
    const present = await participantRoles(tx, room.id);
    if (present.has('client') && present.has('counselor')) {
      const check = checkRoomTransition(room.status, 'start', 'system');
      if (check.ok) {
        room = await updateRoom(tx, room.id, { status: check.to, startedAt: now });
        await write({
          organizationId: room.organizationId,
          action: 'room.start',
          entityType: 'session_room',
          entityId: room.id,
          subjectId: room.clientUserId,
          changes: { status: { old: 'waiting', new: check.to } },
        });
      }
    }
    return room;
  });
  if (access.room.status !== before) await announce(app, access.room);
}

/**
 * Tells the room's sockets (on every process) its new status, after the commit. A failure here
 * loses nothing stored: the sockets see the status on their next join, so it is only logged.
 */
async function announce(app: Pick<AppContext, 'database'>, room: SessionRoomRow): Promise<void> {
  await announceRoomStatus(app, room.id, room.status, room.endReason).catch(() => undefined);
}

/** A leave: adds the time connected since the join to the person's total; audited. */
export async function recordLeave(
  app: AppContext,
  access: RoomAccess,
  actor: Actor,
  connectedSeconds: number,
  meta?: RequestMeta,
): Promise<void> {
  await app.database.db.transaction(async (tx) => {
    await addConnectedTime(tx, access.room.id, actor.userId, connectedSeconds, new Date());
    await auditorFor(
      app,
      tx,
      actor,
      meta,
    )({
      organizationId: access.room.organizationId,
      action: 'room.leave',
      entityType: 'session_room',
      entityId: access.room.id,
      subjectId: access.room.clientUserId,
    });
  });
}

/**
 * The counselor ends the session: completed, or abusive (A6). A completed session of an arrived
 * appointment fulfils it through the scheduling transition table. Only the room's counselor may
 * end it (the client and an observer get 403; anyone else 404).
 */
export async function endRoom(
  ctx: RoomContext,
  actor: Actor,
  roomId: string,
  reason: Extract<RoomEndReason, 'completed' | 'abusive'>,
): Promise<Room> {
  const access = await ctx.app.database.db.transaction(async (tx) => {
    const now = new Date();
    const room = await findRoom(tx, actor.organizationId, roomId, { lock: true });
    if (!room) throw notFound();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const settings = await getSessionsSettings(tx, actor.organizationId);
    const role = await roleInRoom(tx, vault, actor, room, settings);
    if (!role) throw notFound();
    if (role !== 'counselor') throw new AppError('forbidden', 'Only the counselor ends a session.');
    const check = checkRoomTransition(room.status, 'end', 'counselor', reason);
    if (!check.ok) throw new AppError('invalid_transition', `A ${room.status} room cannot end.`);
    const write = auditorFor(ctx.app, tx, actor, ctx.meta);
    const ended = await updateRoom(tx, room.id, {
      status: check.to,
      endedAt: now,
      endedBy: actor.userId,
      endReason: reason,
    });
    await write({
      organizationId: room.organizationId,
      action: 'room.end',
      entityType: 'session_room',
      entityId: room.id,
      subjectId: room.clientUserId,
      changes: {
        status: { old: room.status, new: check.to },
        endReason: { old: null, new: reason },
      },
    });
    if (reason === 'completed') {
      const [a] = await tx
        .select()
        .from(appointments)
        .where(eq(appointments.id, room.appointmentId))
        .for('update');
      if (a?.status === 'arrived') {
        await applyAppointmentEvent(
          {
            tx,
            vault,
            audit: write,
            actorId: actor.userId,
            now,
            settings: await readSchedulingSettings(tx, actor.organizationId),
          },
          a,
          'fulfil',
          'counselor',
          null,
        );
      }
    }
    return { room: ended, role, peerName: await peerNameFor(tx, ended, role) };
  });
  await announce(ctx.app, access.room);
  return presentRoom(access, ctx.app.config);
}

/** The room as its people see it (roomSchema), with the ICE servers of this deployment. */
export function presentRoom(access: RoomAccess, config: Pick<Config, 'iceServers'>): Room {
  const { room, role } = access;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: room.id,
    appointmentId: room.appointmentId,
    status: room.status,
    opensAt: room.opensAt.toISOString(),
    closesAt: room.closesAt.toISOString(),
    startedAt: iso(room.startedAt),
    endedAt: iso(room.endedAt),
    endReason: room.endReason,
    role,
    peerName: access.peerName,
    afterEnd: role === 'counselor' ? 'note' : role === 'client' ? 'feedback' : 'none',
    iceServers: config.iceServers,
  };
}
