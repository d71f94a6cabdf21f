import { eq, sql } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../platform/auth/policy.ts';
import {
  counselorProfiles,
  guardianships,
  type appointments,
} from '../../platform/db/schema/index.ts';

/** An appointment as the policy sees it: whose it is, on both sides. */
export interface AppointmentResource {
  id: string;
  organizationId: string;
  clientUserId: string;
  /** The user behind the counselor profile the appointment is with. */
  counselorUserId: string;
  /** The client's active guardians (C11): they see the appointment, nothing of the session. */
  guardianUserIds?: readonly string[];
}
type AppointmentsTable = typeof appointments;

const ownClient: Relation<AppointmentResource, AppointmentsTable> = {
  name: 'client',
  test: (actor, a) => a.clientUserId === actor.userId,
  where: (actor, t) => eq(t.clientUserId, actor.userId),
};

/** Appointments with the actor's own counselor profile (the profile row names the user). */
const ownCounselor: Relation<AppointmentResource, AppointmentsTable> = {
  name: 'counselor',
  test: (actor, a) => a.counselorUserId === actor.userId,
  where: (actor, t) =>
    sql`${t.counselorId} IN (SELECT ${counselorProfiles.id} FROM ${counselorProfiles}
          WHERE ${counselorProfiles.userId} = ${actor.userId})`,
};

/** A minor's appointments, for their verified (active) guardians (C11). */
export const ownWard: Relation<AppointmentResource, AppointmentsTable> = {
  name: 'guardian',
  test: (actor, a) => a.guardianUserIds?.includes(actor.userId) ?? false,
  where: (actor, t) =>
    sql`${t.clientUserId} IN (SELECT ${guardianships.minorUserId} FROM ${guardianships}
          WHERE ${guardianships.guardianUserId} = ${actor.userId}
            AND ${guardianships.status} = 'active')`,
};

const any = anyInOrganization<AppointmentResource, AppointmentsTable>();

/**
 * Appointments (A4, A5): the client acts on their own; the counselor on those with their own
 * profile; administrators on all of the organisation for scheduling. A minor's active guardians
 * read them (time, counselor, status) and nothing else. The list filter and the item check are
 * the same rules.
 */
export const appointmentPolicy = definePolicy<
  AppointmentResource,
  AppointmentsTable,
  'read' | 'list' | 'cancel' | 'reschedule' | 'attend' | 'decide'
>({
  read: [
    { relation: ownClient },
    { relation: ownWard },
    { roles: ['counselor'], relation: ownCounselor },
    { roles: ['administrator'], relation: any },
  ],
  // Every appointment of the organisation (scope=all): scheduling staff only.
  list: [{ roles: ['administrator'], relation: any }],
  cancel: [
    { relation: ownClient },
    { roles: ['counselor'], relation: ownCounselor },
    { roles: ['administrator'], relation: any },
  ],
  reschedule: [{ relation: ownClient }, { roles: ['administrator'], relation: any }],
  // Arrival, completion and absence are recorded by the counselor who holds the session.
  attend: [{ roles: ['counselor'], relation: ownCounselor }],
  // Approving after repeated no-shows (A5), declining, entering in error.
  decide: [{ roles: ['administrator'], relation: any }],
});
