import { z } from 'zod';

/**
 * Online sessions (A6, B1, B6): the room of an appointment, its chat over a WebSocket and the
 * WebRTC signalling that rides on the same socket. No media passes through the server.
 *
 * One socket per person and room: `GET /api/v1/rooms/:roomId/socket` (upgrade), authenticated by
 * the session cookie at the upgrade. Frames are JSON objects with a `type`.
 */

export const ROOM_STATUSES = ['waiting', 'in_progress', 'ended'] as const;
export const roomStatusSchema = z.enum(ROOM_STATUSES);
export const roomRoleSchema = z.enum(['client', 'counselor', 'observer']);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** Limits the server enforces; the web app shows them before they bite. */
export const CHAT_LIMITS = {
  /** Characters of one message. */
  maxMessageLength: 2000,
  /** Messages one person may send in `rateWindowSeconds`. */
  maxMessagesPerWindow: 20,
  rateWindowSeconds: 10,
} as const;

export const roomSchema = z.object({
  id: z.uuid(),
  appointmentId: z.uuid(),
  status: roomStatusSchema,
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: z.enum(['completed', 'abusive', 'closed', 'cancelled']).nullable(),
  /** The caller's role in the room. */
  role: roomRoleSchema,
  /** The other party's display name (never the client's real name). */
  peerName: z.string(),
  /** Where to go after the end: the counselor's note, the client's feedback (hooks). */
  afterEnd: z.enum(['note', 'feedback', 'none']),
  /** ICE servers for WebRTC, from configuration (STUN/TURN). */
  iceServers: z.array(
    z.object({
      urls: z.union([z.string(), z.array(z.string())]),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ),
});
export type Room = z.infer<typeof roomSchema>;

export const endRoomSchema = z.object({
  reason: z.enum(['completed', 'abusive']),
});

/** A conduct report as administrators list it: no content, which needs an audited read. */
export const conductReportSummarySchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  reporterRole: z.enum(['client', 'counselor']),
  messageSeq: z.number().int().nullable(),
  status: z.enum(['open', 'reviewing', 'closed']),
  createdAt: z.iso.datetime(),
  handledAt: z.iso.datetime().nullable(),
});
export const conductReportListSchema = z.object({ items: z.array(conductReportSummarySchema) });

export const conductReportSchema = conductReportSummarySchema.extend({
  /** The reported message as it was when reported; null for a report of behaviour. */
  excerpt: z.string().nullable(),
  reason: z.string(),
});
export type ConductReportSummary = z.infer<typeof conductReportSummarySchema>;
export type ConductReport = z.infer<typeof conductReportSchema>;

export const conductReportInputSchema = z.object({
  /** The message reported, if any (its excerpt is copied, sealed, into the report). */
  messageSeq: z.number().int().positive().optional(),
  reason: z.string().trim().min(1).max(2000),
});

// ---------------------------------------------------------------- socket frames, client → server

const clientMessageId = z.uuid();

export const clientFrameSchema = z.discriminatedUnion('type', [
  /** A chat message. Resending the same `id` after a reconnect is answered with the same ack. */
  z.object({
    type: z.literal('message'),
    id: clientMessageId,
    body: z.string().min(1).max(CHAT_LIMITS.maxMessageLength),
  }),
  /** Ask for messages after `afterSeq` (the socket sends the recent history on join anyway). */
  z.object({ type: z.literal('history'), afterSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  /** Everything up to `seq` was shown to this person. */
  z.object({ type: z.literal('read'), seq: z.number().int().min(0) }),
  /** WebRTC signalling, relayed as is to the other party. */
  z.object({
    type: z.literal('signal'),
    signal: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('offer'), sdp: z.string().max(100_000) }),
      z.object({ kind: z.literal('answer'), sdp: z.string().max(100_000) }),
      z.object({
        kind: z.literal('candidate'),
        candidate: z.string().max(4_000).nullable(),
        sdpMid: z.string().nullable().optional(),
        sdpMLineIndex: z.number().int().nullable().optional(),
      }),
      z.object({ kind: z.literal('hangup') }),
    ]),
  }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ---------------------------------------------------------------- socket frames, server → client

export const chatMessageSchema = z.object({
  seq: z.number().int().positive(),
  id: z.uuid(),
  senderRole: roomRoleSchema,
  /** Whether the sender is the person this socket belongs to. */
  mine: z.boolean(),
  body: z.string(),
  sentAt: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  /** First frame after the upgrade: the room, who is present, and recent history. */
  z.object({
    type: z.literal('welcome'),
    room: roomSchema,
    present: z.array(roomRoleSchema),
    history: z.array(chatMessageSchema),
    /** The other party has read up to this sequence number. */
    peerReadUpToSeq: z.number().int().min(0),
  }),
  /** The message with this client id is stored (sealed) under this sequence number. */
  z.object({ type: z.literal('ack'), id: z.uuid(), seq: z.number().int().positive() }),
  z.object({ type: z.literal('message'), message: chatMessageSchema }),
  z.object({ type: z.literal('history'), messages: z.array(chatMessageSchema) }),
  z.object({ type: z.literal('typing'), role: roomRoleSchema, typing: z.boolean() }),
  z.object({ type: z.literal('read'), role: roomRoleSchema, seq: z.number().int().min(0) }),
  z.object({ type: z.literal('presence'), role: roomRoleSchema, present: z.boolean() }),
  z.object({ type: z.literal('signal'), from: roomRoleSchema, signal: z.unknown() }),
  z.object({
    type: z.literal('status'),
    status: roomStatusSchema,
    endReason: z.string().nullable(),
  }),
  /** A refused frame: `code` is stable (message_too_long, rate_limited, room_closed…). */
  z.object({
    type: z.literal('error'),
    code: z.enum(['invalid_frame', 'message_too_long', 'rate_limited', 'room_closed', 'internal']),
    message: z.string(),
    /** The client id of the refused message, so the sender can mark it. */
    id: z.uuid().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
