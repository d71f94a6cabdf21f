import type { Permission } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Db } from '../../platform/db/database.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { recordsSettings } from '../records/records-settings.ts';
import { sessionsSettings } from '../sessions/sessions-settings.ts';
import { readGuardedSettings, updateAuditedSettings } from './settings-update.ts';
import { recordsSettingsSchema, sessionsSettingsSchema } from '@anxin/common';

const errors = problemResponses(400, 401, 403, 404, 409);

type Values = Record<string, unknown>;

interface Group {
  /** `/settings/<name>`; also the tag and the audit action's prefix. */
  name: string;
  summary: string;
  schema: z.ZodObject;
  permission: Permission;
  // Methods, so that each group's store of its own value type fits.
  store: {
    get(db: Db, organizationId: string): Promise<Values>;
    put(tx: Db, organizationId: string, value: Values): Promise<Values>;
  };
}

/**
 * Settings groups that are a plain form for administrators: read and replaced whole, each change
 * audited with its fields' old and new values. Groups with rules of their own (scheduling,
 * retention) keep their own routes.
 */
export const settingsGroupsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  register({
    name: 'sessions',
    summary: 'When session rooms open and close, and whether supervisors may observe',
    schema: sessionsSettingsSchema,
    permission: 'sessions.settings.update',
    store: sessionsSettings,
  });
  register({
    name: 'records',
    summary: 'The format of new session notes (SOAP or DAP)',
    schema: recordsSettingsSchema,
    permission: 'records.settings.update',
    store: recordsSettings,
  });

  function register(group: Group) {
    const spec = { ...group, action: `${group.name}_settings.update` };
    app.get(
      `/settings/${group.name}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags: [group.name],
          summary: group.summary,
          response: { 200: group.schema, ...errors },
        },
      },
      async (request) => readGuardedSettings(identityCtx(ctx, request), actorOf(request), spec),
    );
    app.put(
      `/settings/${group.name}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags: [group.name],
          summary: `Change: ${group.summary.toLowerCase()} (administrators; audited)`,
          body: group.schema,
          response: { 200: group.schema, ...errors },
        },
      },
      async (request) =>
        updateAuditedSettings(identityCtx(ctx, request), actorOf(request), spec, request.body),
    );
  }
};
