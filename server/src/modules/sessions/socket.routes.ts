import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { audit, requestMeta } from '../../platform/audit/request-audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { closeRoomBus } from './bus.registry.ts';
import { authorizeRoomJoin, type RoomAccess } from './room.service.ts';
import type { RiskLocale } from './risk-signal.ts';
import { RoomConnection } from './socket.connection.ts';

/** Largest frame accepted: a 100 000-character SDP offer in JSON, with room to spare. */
const MAX_FRAME_BYTES = 512 * 1024;

const admitted = new WeakMap<FastifyRequest, RoomAccess>();

/**
 * `GET /api/v1/rooms/:roomId/socket`: the chat and signalling socket of a room. Everything that
 * can refuse happens before the upgrade, as plain HTTP: the session cookie (the access guard),
 * the Origin (cookies ride along on cross-site upgrades, so without this check any site could
 * open a socket as the signed-in person), and the room's own rule (only its people, only while it
 * is open, only with consent). An outsider gets the same 404 as for a room that does not exist,
 * and the attempt is audited.
 */
export async function socketRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  app.addHook('onClose', async () => closeRoomBus(ctx));
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.route({
    method: 'GET',
    url: '/rooms/:roomId/socket',
    config: { access: 'signed-in' },
    schema: { params: z.object({ roomId: z.uuid() }), hide: true },
    preHandler: async (request) => {
      if (!originAllowed(request, ctx.config.publicUrl)) {
        throw new AppError('forbidden', 'The socket must be opened from this site.');
      }
      const actor = request.actor;
      if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
      const { roomId } = request.params;
      try {
        admitted.set(request, await authorizeRoomJoin(ctx, actor, roomId));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') {
          await ctx.database.db.transaction((tx) =>
            audit(tx, ctx.vault.keyring.auditKey, requestMeta(request), {
              organizationId: actor.organizationId,
              action: 'room.join_refused',
              entityType: 'session_room',
              entityId: roomId,
            }),
          );
        }
        throw err;
      }
    },
    // An upgrade refused with an HTTP answer leaves the raw socket to us: end it, or it stays
    // open (and holds the server's shutdown). An accepted upgrade never gets here (hijacked).
    onResponse: async (request) => {
      request.raw.socket.end();
    },
    handler: () => {
      // Reached only by a plain GET without an upgrade.
      throw new AppError('bad_request', 'This address is a WebSocket.');
    },
    wsHandler: (socket, request) => {
      const access = admitted.get(request);
      const actor = request.actor;
      if (!access || !actor) {
        socket.close(4404, 'not found');
        return;
      }
      const connection = new RoomConnection(socket, {
        app: ctx,
        access,
        actor,
        meta: requestMeta(request),
        locale: localeOf(request),
        log: request.log,
      });
      connection.start().catch((err: unknown) => {
        request.log.error({ err }, 'room socket start failed');
        socket.close(1011, 'internal error');
      });
    },
  });
}

/**
 * Browsers always send Origin on a WebSocket upgrade; it must be our own. Without a configured
 * public URL, our own is the address the request came to. A client that sends no Origin is not
 * a browser, so cannot be made to carry someone's cookie by a third-party page.
 */
export function originAllowed(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const own = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
  return origin === own;
}

function localeOf(request: FastifyRequest): RiskLocale {
  const accept = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'zh-CN';
}
