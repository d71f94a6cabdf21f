import type { AppContext } from '../../app-context.ts';
import type { RequestMeta } from '../../platform/audit/request-audit.ts';

/** What identity services need: the app and the request's audit facts. */
export interface IdentityContext {
  app: AppContext;
  meta: RequestMeta;
}

export const auditKeyOf = (ctx: IdentityContext) => ctx.app.vault.keyring.auditKey;

/** After a change that queues messages, ask the delivery job to run now instead of at its sweep. */
export async function kickDelivery(ctx: IdentityContext): Promise<void> {
  await ctx.app.jobs?.send('notifications.deliver').catch(() => undefined);
}

/** Where links in messages point. */
export function publicUrl(ctx: IdentityContext, path: string): string {
  const base = ctx.app.config.publicUrl ?? `http://${ctx.app.config.host}:${ctx.app.config.port}`;
  return new URL(path, base).toString();
}
