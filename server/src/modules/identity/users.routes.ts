import {
  breakGlassGrantSchema,
  breakGlassRequestSchema,
  rolesUpdateSchema,
  userDetailSchema,
  userListQuerySchema,
  userListSchema,
} from '@anxin/common';
import { problemResponses } from '../../platform/http/problem.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { startBreakGlass } from './break-glass.service.ts';
import { actorOf, identityCtx } from './route-helpers.ts';
import { userPolicy } from './user.policy.ts';
import { listUsers, readUser, revokeAllSessions, updateRoles } from './user.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });

export const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/users',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'Accounts of the organisation (administrators)',
        querystring: userListQuerySchema,
        response: { 200: userListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!userPolicy.actionsFor(actor).includes('list')) throw new AppError('forbidden');
      return listUsers(identityCtx(ctx, request), actor, request.query);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'One account with identity and contact (audited read)',
        params: idParams,
        response: { 200: userDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { user, profile } = await readUser(identityCtx(ctx, request), actor, request.params.id);
      return { ...profile, status: user.status, abilities: abilitiesOf(actor, ctx.config.env) };
    },
  );

  app.put(
    '/users/:id/roles',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        params: idParams,
        body: rolesUpdateSchema,
        response: { 200: userDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ictx = identityCtx(ctx, request);
      await updateRoles(ictx, actor, request.params.id, request.body.roles);
      const { user, profile } = await readUser(ictx, actor, request.params.id);
      return { ...profile, status: user.status, abilities: abilitiesOf(actor, ctx.config.env) };
    },
  );

  app.post(
    '/users/:id/revoke-sessions',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['users'], params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await revokeAllSessions(identityCtx(ctx, request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/break-glass',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'Open a record outside your scope: reasoned, ≤ 60 min, audited',
        body: breakGlassRequestSchema,
        response: { 201: breakGlassGrantSchema, ...errors },
      },
    },
    async (request, reply) => {
      const grant = await startBreakGlass(
        identityCtx(ctx, request),
        actorOf(request),
        request.body,
      );
      return reply.status(201).send(grant);
    },
  );
};
