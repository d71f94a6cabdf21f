import {
  appointmentListQuerySchema,
  appointmentListSchema,
  appointmentSchema,
  appointmentTransitionSchema,
  bookingRequestSchema,
  cancellationPreviewSchema,
  cancellationRequestSchema,
  rescheduleRequestSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { schedulingCtx } from './appointment-context.ts';
import { listAppointments, readAppointment } from './appointment-read.service.ts';
import { transitionAppointment } from './appointment-transition.service.ts';
import { bookAppointment } from './booking.service.ts';
import {
  cancelAppointment,
  previewCancellation,
  rescheduleAppointment,
} from './cancellation.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['scheduling'];
const access = { access: 'signed-in' } as const;

/**
 * Appointments (A4, A5, C1, C10). Every item route goes through `loadAppointmentFor`, so an
 * appointment the actor may not see answers the same 404 as one that does not exist; every
 * change commits with its audit event.
 */
export const appointmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const one = { 200: appointmentSchema, ...errors };

  app.post(
    '/appointments',
    {
      config: access,
      schema: {
        tags,
        summary: 'Book a slot (verified clients)',
        body: bookingRequestSchema,
        response: { 201: appointmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const booked = await bookAppointment(
        schedulingCtx(ctx, request),
        actorOf(request),
        request.body,
      );
      return reply.status(201).send(booked);
    },
  );

  app.get(
    '/appointments',
    {
      config: access,
      schema: {
        tags,
        summary: 'Appointments in a scope (mine, counselor, all)',
        querystring: appointmentListQuerySchema,
        response: { 200: appointmentListSchema, ...errors },
      },
    },
    async (request) =>
      listAppointments(schedulingCtx(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/appointments/:id',
    { config: access, schema: { tags, params: idParams, response: one } },
    async (request) =>
      readAppointment(schedulingCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.get(
    '/appointments/:id/cancellation-preview',
    {
      config: access,
      schema: {
        tags,
        summary: 'What cancelling now would do (A5)',
        params: idParams,
        response: { 200: cancellationPreviewSchema, ...errors },
      },
    },
    async (request) =>
      previewCancellation(schedulingCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/appointments/:id/cancel',
    {
      config: access,
      schema: { tags, params: idParams, body: cancellationRequestSchema, response: one },
    },
    async (request) =>
      cancelAppointment(
        schedulingCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/appointments/:id/reschedule',
    {
      config: access,
      schema: {
        tags,
        summary: 'Cancel and book another start in one step',
        params: idParams,
        body: rescheduleRequestSchema,
        response: { 201: appointmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const moved = await rescheduleAppointment(
        schedulingCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(moved);
    },
  );

  app.post(
    '/appointments/:id/transitions',
    {
      config: access,
      schema: {
        tags,
        summary: 'Arrive, fulfil, mark absent, approve, decline, enter in error',
        params: idParams,
        body: appointmentTransitionSchema,
        response: one,
      },
    },
    async (request) =>
      transitionAppointment(
        schedulingCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );
};
