import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import {
  issueCalendarFeed,
  renderCalendarFeed,
  revokeCalendarFeed,
} from './calendar-feed.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['scheduling'];
const feedIssuedSchema = z.object({
  /** The secret address, shown this once; issuing another revokes it. */
  url: z.url(),
});

/** A counselor's private, revocable calendar feed (confidentiality: times only, no client). */
export const calendarFeedRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/counselor-profiles/:id/calendar-feed',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Issue a new secret calendar address (the counselor; revokes the previous one)',
        params: idParams,
        response: { 201: feedIssuedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await issueCalendarFeed(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
      );
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/counselor-profiles/:id/calendar-feed',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Revoke the calendar address',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(identityCtx(ctx, request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/:token.ics',
    {
      // The token is the credential; the limit keeps guessing pointless (256 bits anyway).
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'A counselor calendar feed (text/calendar); 404 for an unknown or revoked address',
        // No response schema: the body is iCalendar text, not JSON.
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
      },
    },
    async (request, reply) => {
      const text = await renderCalendarFeed(identityCtx(ctx, request), request.params.token);
      if (text === null) throw notFound();
      return reply.type('text/calendar; charset=utf-8').send(text);
    },
  );
};
