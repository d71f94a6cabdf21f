import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '@anxin/common';
import { z } from 'zod';
import { cspReportBodySchema } from './csp-report.schema.ts';
import { summarizeCspReport } from './csp-report.service.ts';

const REPORT_TYPES = ['application/csp-report', 'application/reports+json'];

/**
 * Browsers post Content-Security-Policy violations here (the policy names this path). A
 * violation on a page of ours is either a bug or an injection attempt; either way operations
 * should see it, without the page's URL (it may hold identifiers).
 */
export const cspReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(
    REPORT_TYPES,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.post(
    '/csp-reports',
    {
      // Browsers post these without our CSRF header; the endpoint changes nothing.
      config: { access: 'public', csrf: false },
      schema: {
        tags: ['security'],
        summary: 'Receive a Content-Security-Policy violation report',
        body: cspReportBodySchema,
        response: { 204: z.null(), 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request, reply) => {
      for (const violation of summarizeCspReport(request.body)) {
        request.log.warn({ csp: violation }, 'content security policy violation');
      }
      return reply.status(204).send(null);
    },
  );
};
