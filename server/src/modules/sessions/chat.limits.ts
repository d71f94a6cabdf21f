import { CHAT_LIMITS } from '@anxin/common';

/**
 * Messages per person and room in a sliding window (CHAT_LIMITS). Kept in the memory of the
 * process that holds the socket: a person has one socket per room, so one process counts them;
 * with two sockets on two processes the limit would be per process, which stays a limit.
 */
export class ChatRateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly max: number = CHAT_LIMITS.maxMessagesPerWindow,
    private readonly windowMs: number = CHAT_LIMITS.rateWindowSeconds * 1000,
  ) {}

  /** Counts one message; false when it is over the limit (and then it is not counted). */
  take(roomId: string, userId: string, now = Date.now()): boolean {
    const key = `${roomId}:${userId}`;
    if (this.sent.size > 10_000) this.prune(now);
    const recent = (this.sent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(key, recent);
    return true;
  }

  /** Gives back a message that turned out to be a resend: re-sending after a reconnect is free. */
  refund(roomId: string, userId: string): void {
    this.sent.get(`${roomId}:${userId}`)?.pop();
  }

  /** Forgets people whose window has passed (counts are kept across reconnects on purpose). */
  private prune(now: number): void {
    for (const [key, times] of this.sent) {
      if (times.every((t) => now - t >= this.windowMs)) this.sent.delete(key);
    }
  }
}

const limiters = new WeakMap<object, ChatRateLimiter>();

/** The process's limiter for a database's rooms. */
export function chatRateLimiterFor(app: { database: object }): ChatRateLimiter {
  let limiter = limiters.get(app.database);
  if (!limiter) {
    limiter = new ChatRateLimiter();
    limiters.set(app.database, limiter);
  }
  return limiter;
}

/** Replaces the limits (tests that send more than a person may, the bench). */
export function setChatRateLimiter(app: { database: object }, limiter: ChatRateLimiter): void {
  limiters.set(app.database, limiter);
}

/**
 * Bodies of messages this process stored in the last moments, so its own sockets in the room
 * are served without reading and decrypting the row again. Plain text in memory, as it already
 * was while being stored; bounded, and never written anywhere.
 */
export class RecentMessages<T> {
  private readonly items = new Map<string, T>();

  constructor(private readonly capacity = 5000) {}

  set(roomId: string, seq: number, value: T): void {
    const key = `${roomId}:${seq}`;
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
  }

  get(roomId: string, seq: number): T | undefined {
    return this.items.get(`${roomId}:${seq}`);
  }
}
