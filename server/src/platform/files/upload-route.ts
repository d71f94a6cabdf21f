import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UPLOAD_MAX_BYTES } from '@anxin/common';

/**
 * Upload routes take the file's raw bytes as the request body (whatever Content-Type the browser
 * guessed from the name: the content is sniffed later, so the header is not trusted), up to
 * 10 MB; anything larger answers 413 before it is read to the end. Register upload routes inside
 * the plugin that calls this, so the rest of the API stays JSON-only.
 */
export function acceptRawUploads(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES },
    (_req, body, done) => {
      done(null, body);
    },
  );
}

/** Route options every upload route shares. */
export const UPLOAD_ROUTE = { bodyLimit: UPLOAD_MAX_BYTES } as const;

/** The original file name, sent URL-encoded in `X-File-Name` (optional). */
export function uploadedName(request: FastifyRequest): string | null {
  const raw = request.headers['x-file-name'];
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return decodeURIComponent(raw).slice(0, 255);
  } catch {
    return null;
  }
}

/** The body of an upload route as bytes (empty when none was sent). */
export function uploadedBytes(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/**
 * Sends a stored file back. `attachment` for documents so a browser never renders an uploaded
 * PDF inside our origin; images may be shown inline. nosniff is already set for every response.
 */
export function sendFile(
  reply: FastifyReply,
  file: { mediaType: string; bytes: Buffer },
  disposition: 'inline' | 'attachment',
) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', disposition)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
