import { accessLogPageSchema, accessLogQuerySchema, personalDataExportSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { requestMeta } from '../../../platform/audit/request-audit.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf } from '../../identity/route-helpers.ts';
import { EXPORT_HTML_CSP } from './export-html.ts';
import { exportOwnData, exportOwnDataHtml, readOwnAccessLog } from './export.service.ts';

const errors = problemResponses(401, 403);
const tags = ['privacy'];
const access = { access: 'signed-in' } as const;

const fileName = (ext: string) =>
  `anxin-personal-data-${new Date().toISOString().slice(0, 10)}.${ext}`;

/** "Download my data" (B3, B11) and "who accessed my records". */
export const privacyExportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/privacy/me/export',
    {
      config: access,
      schema: {
        tags,
        summary: 'Everything held about me, as JSON',
        response: { 200: personalDataExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { data } = await exportOwnData(
        { app: ctx, meta: requestMeta(request) },
        actorOf(request),
        'json',
      );
      reply.header('content-disposition', `attachment; filename="${fileName('json')}"`);
      return data;
    },
  );

  app.get(
    '/privacy/me/export.html',
    {
      config: access,
      schema: {
        tags,
        summary: 'Everything held about me, as a readable HTML document',
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const html = await exportOwnDataHtml(
        { app: ctx, meta: requestMeta(request) },
        actorOf(request),
      );
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName('html')}"`)
        .header('content-security-policy', EXPORT_HTML_CSP)
        .send(html);
    },
  );

  app.get(
    '/privacy/me/access-log',
    {
      config: access,
      schema: {
        tags,
        summary: 'Who accessed my records, newest first',
        querystring: accessLogQuerySchema,
        response: { 200: accessLogPageSchema, ...errors },
      },
    },
    async (request) =>
      readOwnAccessLog({ app: ctx, meta: requestMeta(request) }, actorOf(request), request.query),
  );
};
