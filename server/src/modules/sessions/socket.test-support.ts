import type { ServerFrame } from '@anxin/common';
import { WebSocket } from 'ws';
import type { TestApp } from '../../test/test-app.ts';
import {
  insertAppointmentRow,
  openCounselor,
  sessionFor,
  signedInMember,
} from '../scheduling/appointment-fixtures.ts';

/** Test helpers for the room socket: a live room with its two people, and a recording client. */

export interface Person {
  userId: string;
  cookie: string;
}

export interface LiveRoom {
  roomId: string;
  organizationId: string;
  client: Person;
  counselor: Person;
  /** A signed-in client with no place in the room. */
  outsider: Person;
}

const cookieOf = (c: { cookies: Map<string, string> }) =>
  `anxin_session=${c.cookies.get('anxin_session') ?? ''}`;

/** An appointment starting in five minutes and its open room, written straight to the tables. */
export async function liveRoom(t: TestApp, name = 'r'): Promise<LiveRoom> {
  const counselor = await openCounselor(t, { name: `${name}counselor` });
  const client = await signedInMember(t, `${name}client`);
  const outsider = await signedInMember(t, `${name}outsider`);
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const appointmentId = await insertAppointmentRow(t, {
    organizationId: client.organizationId,
    counselorId: counselor.profileId,
    clientUserId: client.userId,
    startsAt,
  });
  const [room] = await t.database.query<{ id: string }>(
    `INSERT INTO session_rooms (organization_id, appointment_id, client_user_id, counselor_user_id,
       opens_at, closes_at)
     VALUES ($1, $2, $3, $4, now() - interval '5 minutes', now() + interval '2 hours')
     RETURNING id`,
    [client.organizationId, appointmentId, client.userId, counselor.member.userId],
  );
  if (!room) throw new Error('room not inserted');
  const counselorClient = await sessionFor(t, counselor.member, ['counselor']);
  return {
    roomId: room.id,
    organizationId: client.organizationId,
    client: { userId: client.userId, cookie: cookieOf(client.client) },
    counselor: { userId: counselor.member.userId, cookie: cookieOf(counselorClient) },
    outsider: { userId: outsider.userId, cookie: cookieOf(outsider.client) },
  };
}

/** A WebSocket client that records every frame and can wait for one. */
export class SocketClient {
  readonly frames: ServerFrame[] = [];
  private waiters: { test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private static readonly live = new Set<SocketClient>();

  /** Cuts every socket still open (after a failed test, so the server can close). */
  static terminateAll(): void {
    for (const c of SocketClient.live) c.ws.terminate();
    SocketClient.live.clear();
  }

  private constructor(readonly ws: WebSocket) {
    SocketClient.live.add(this);
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        SocketClient.live.delete(this);
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** Opens the socket; resolves once the upgrade succeeded (rejects with the HTTP status). */
  static open(
    base: string,
    roomId: string,
    cookie: string,
    headers: Record<string, string> = {},
  ): Promise<SocketClient> {
    const url = `${base.replace(/^http/, 'ws')}/api/v1/rooms/${roomId}/socket`;
    const ws = new WebSocket(url, { headers: { cookie, ...headers } });
    const client = new SocketClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(new UpgradeRefused(res.statusCode ?? 0));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first recorded or future frame that passes `test`. */
  next<T extends ServerFrame['type']>(
    type: T,
    test: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const match = (f: ServerFrame) =>
      f.type === type && test(f as Extract<ServerFrame, { type: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        test: match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  of<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<ServerFrame, { type: T }>[];
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
