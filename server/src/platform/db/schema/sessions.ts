import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns.ts';
import { users } from './identity.ts';
import { appointments } from './scheduling.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Online sessions (A6, B1, B6): one room per appointment, the people in it, the chat, conduct
 * reports and the risk signals raised from what was said. Message bodies and report excerpts are
 * sealed under the client's data key, so erasing the client erases the conversation.
 */

/** A room per appointment: waiting → in_progress → ended, with its timings. */
export const sessionRooms = pgTable(
  'session_rooms',
  {
    ...tenantColumns(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'restrict' }),
    /** Whose key seals the conversation. */
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    counselorUserId: uuid('counselor_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ['waiting', 'in_progress', 'ended'] })
      .notNull()
      .default('waiting'),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    endedBy: uuid('ended_by'),
    endReason: text('end_reason', { enum: ['completed', 'abusive', 'closed', 'cancelled'] }),
    /** A supervisor may observe only when the client consented and the organisation allows it. */
    observerAllowed: boolean('observer_allowed').notNull().default(false),
    /** The last sequence number given to a message of this room. */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [unique('session_rooms_appointment_unique').on(t.appointmentId)],
);

/** Who joined a room and when (attendance, which the no-show rule reads), and what they read. */
export const roomParticipants = pgTable(
  'room_participants',
  {
    ...tenantColumns(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => sessionRooms.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    role: text('role', { enum: ['client', 'counselor', 'observer'] }).notNull(),
    firstJoinedAt: ts('first_joined_at').notNull().defaultNow(),
    lastJoinedAt: ts('last_joined_at').notNull().defaultNow(),
    lastLeftAt: ts('last_left_at'),
    /** Seconds connected in all, summed over reconnects. */
    connectedSeconds: integer('connected_seconds').notNull().default(0),
    /** Read receipts: everything up to this sequence number was shown to this person. */
    readUpToSeq: bigint('read_up_to_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [unique('room_participants_unique').on(t.roomId, t.userId)],
);

/**
 * A chat message: sealed under the client's key before its delivery is acknowledged; numbered
 * per room; the sender's own id for it makes a resend after a reconnect a no-op.
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    ...tenantColumns(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => sessionRooms.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    senderUserId: uuid('sender_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    clientMessageId: uuid('client_message_id').notNull(),
    bodyEnc: text('body_enc').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [
    unique('chat_messages_room_seq_unique').on(t.roomId, t.seq),
    unique('chat_messages_dedupe_unique').on(t.roomId, t.senderUserId, t.clientMessageId),
  ],
);

/** A report of a message or of behaviour, to administrators (A6); the excerpt is sealed. */
export const conductReports = pgTable(
  'conduct_reports',
  {
    ...tenantColumns(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => sessionRooms.id, { onDelete: 'restrict' }),
    reporterUserId: uuid('reporter_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    messageSeq: bigint('message_seq', { mode: 'number' }),
    /** The reported excerpt and the reporter's account, under the client's key. */
    excerptEnc: text('excerpt_enc'),
    reasonEnc: text('reason_enc').notNull(),
    status: text('status', { enum: ['open', 'reviewing', 'closed'] })
      .notNull()
      .default('open'),
    handledBy: uuid('handled_by'),
    handledAt: ts('handled_at'),
  },
  (t) => [index('conduct_reports_status_idx').on(t.organizationId, t.status)],
);

/**
 * A risk signal raised by what a person said or answered (chat now, assessments later): the
 * crisis module acts on them. No content is copied here, only where it was and how serious.
 */
export const riskSignals = pgTable(
  'risk_signals',
  {
    ...tenantColumns(),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    source: text('source', { enum: ['chat', 'assessment', 'hotline'] }).notNull(),
    /** Where: the room and message, or the questionnaire response. */
    sourceId: uuid('source_id').notNull(),
    sourceSeq: bigint('source_seq', { mode: 'number' }),
    kind: text('kind').notNull(),
    severity: text('severity', { enum: ['low', 'moderate', 'high', 'imminent'] }).notNull(),
    detector: text('detector').notNull(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: ts('acknowledged_at'),
  },
  (t) => [index('risk_signals_open_idx').on(t.organizationId, t.acknowledgedAt)],
);
