import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppContext } from '../../app-context.ts';
import { cspReportRoutes } from '../../modules/security/csp-report.routes.ts';
import { metaRoutes } from '../../modules/organizations/meta.routes.ts';
import { authRoutes } from '../../modules/identity/auth.routes.ts';
import { invitationsRoutes } from '../../modules/identity/invitations.routes.ts';
import { meRoutes } from '../../modules/identity/me.routes.ts';
import { usersRoutes } from '../../modules/identity/users.routes.ts';
import { auditTrailRoutes } from '../../modules/audit-trail/audit-events.routes.ts';
import { counselorsRoutes } from '../../modules/counselors/counselors.routes.ts';
import { developmentRoutes } from '../../modules/counselors/development.routes.ts';
import { directoryRoutes } from '../../modules/counselors/directory.routes.ts';
import { relationshipsRoutes } from '../../modules/counselors/relationships.routes.ts';
import { vocabularyRoutes } from '../../modules/counselors/vocabulary.routes.ts';
import { consentRoutes } from '../../modules/consent/consent.routes.ts';
import { breachRoutes } from '../../modules/privacy/breach/breach.routes.ts';
import { disclosuresRoutes } from '../../modules/privacy/disclosures/disclosures.routes.ts';
import { privacyExportRoutes } from '../../modules/privacy/export/export.routes.ts';
import { privacyRequestsRoutes } from '../../modules/privacy/requests/privacy-requests.routes.ts';
import { appointmentsRoutes } from '../../modules/scheduling/appointments.routes.ts';
import { availabilityRoutes } from '../../modules/scheduling/availability.routes.ts';
import { calendarFeedRoutes } from '../../modules/scheduling/calendar-feed.routes.ts';
import { episodesRoutes } from '../../modules/scheduling/episodes.routes.ts';
import { ledgerRoutes } from '../../modules/scheduling/ledger.routes.ts';
import { schedulingSettingsRoutes } from '../../modules/scheduling/scheduling-settings.routes.ts';
import { slotsRoutes } from '../../modules/scheduling/slots.routes.ts';
import { erasureRoutes } from '../../modules/privacy/erasure/erasure.routes.ts';
import { sealsRoutes } from '../../modules/privacy/erasure/seals.routes.ts';
import { retentionRoutes } from '../../modules/privacy/retention/retention.routes.ts';
import { assessmentsRoutes } from '../../modules/assessments/assessments.routes.ts';
import { settingsGroupsRoutes } from '../../modules/organizations/settings.routes.ts';
import { recordsRoutes } from '../../modules/records/records.routes.ts';
import { carePlansRoutes } from '../../modules/care-plans/care-plans.routes.ts';
import { sessionsRoutes } from '../../modules/sessions/sessions.routes.ts';
import { socketRoutes } from '../../modules/sessions/socket.routes.ts';

import { registerAuthentication } from '../auth/authenticate.ts';
import { systemRoutes } from '../../modules/system/system.routes.ts';
import { enforceRouteAccess } from './access.ts';
import { registerErrorHandling, registerNotFound } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { AccessLog } from './request-log.ts';
import { generateRequestId } from './request-id.ts';
import { registerSecurityHeaders } from './security.ts';
import { registerWebApp } from './web-app.ts';

export const API_PREFIX = '/api/v1';

/**
 * Builds the HTTP application without listening. Order matters: the access guard first (it must
 * see every route), then error handling, headers and limits, then the documented API, then the
 * web app, whose fallback is the last resort for unknown paths.
 */
export async function buildApp(ctx: AppContext, logger: Logger): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so plugins and helpers share one instance type.
  const baseLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: baseLogger,
    logController: new AccessLog(),
    genReqId: generateRequestId,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only; Fastify would otherwise accept text/plain bodies as strings.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  enforceRouteAccess(app);
  registerErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app);
  await app.register(rateLimit, {
    max: ctx.config.rateLimit.max,
    timeWindow: ctx.config.rateLimit.windowMs,
  });
  await registerAuthentication(app, {
    db: () => ctx.database.db,
    tokenKey: ctx.vault.keyring.tokenKey,
  });
  await registerOpenApi(app, ctx.version);

  await app.register(systemRoutes, { ctx });
  await app.register(
    async (api) => {
      await api.register(metaRoutes, { ctx });
      await api.register(authRoutes, { ctx });
      await api.register(meRoutes, { ctx });
      await api.register(usersRoutes, { ctx });
      await api.register(invitationsRoutes, { ctx });
      await api.register(auditTrailRoutes, { ctx });
      await api.register(counselorsRoutes, { ctx });
      await api.register(directoryRoutes, { ctx });
      await api.register(vocabularyRoutes, { ctx });
      await api.register(developmentRoutes, { ctx });
      await api.register(relationshipsRoutes, { ctx });
      await api.register(schedulingSettingsRoutes, { ctx });
      await api.register(availabilityRoutes, { ctx });
      await api.register(slotsRoutes, { ctx });
      await api.register(appointmentsRoutes, { ctx });
      await api.register(episodesRoutes, { ctx });
      await api.register(ledgerRoutes, { ctx });
      await api.register(calendarFeedRoutes, { ctx });
      await api.register(privacyRequestsRoutes, { ctx });
      await api.register(privacyExportRoutes, { ctx });
      await api.register(disclosuresRoutes, { ctx });
      await api.register(breachRoutes, { ctx });
      await api.register(consentRoutes, { ctx });
      await api.register(erasureRoutes, { ctx });
      await api.register(sealsRoutes, { ctx });
      await api.register(retentionRoutes, { ctx });
      await api.register(sessionsRoutes, { ctx });
      await api.register(recordsRoutes, { ctx });
      await api.register(carePlansRoutes, { ctx });
      await api.register(settingsGroupsRoutes, { ctx });
      await api.register(assessmentsRoutes, { ctx });
      await api.register(socketRoutes, { ctx });
      await api.register(cspReportRoutes);
    },
    { prefix: API_PREFIX },
  );

  registerNotFound(app, await registerWebApp(app, ctx.config.webDist));
  return app;
}
