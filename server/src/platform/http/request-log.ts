import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One access-log line per request (method, route pattern, status, time) instead of Fastify's
 * two. Probes are logged only when they fail: an orchestrator polls them constantly and the
 * lines would bury everything else.
 */
export class AccessLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {
    // Folded into requestCompleted.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
      return;
    }
    if (isProbe(request) && reply.statusCode < 400) return;
    reply.log.info(
      { req: request, res: reply, responseTime: reply.elapsedTime },
      'request completed',
    );
  }
}

function isProbe(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route === '/health' || route === '/ready';
}
