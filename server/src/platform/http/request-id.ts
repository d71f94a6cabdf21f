import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * A proxy's request id is kept when it looks like one, so a request can be followed across
 * hops; anything else (missing, too long, odd characters that could forge log lines) is replaced.
 */
export function generateRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}
