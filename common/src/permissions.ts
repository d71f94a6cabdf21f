/**
 * Permission names, `resource.action`. Modules add theirs here so that the server's policies and
 * the web app's ability checks use one vocabulary. Keep them sorted by resource.
 */
export const PERMISSIONS = ['organization.read', 'system.health.read'] as const;
export type Permission = (typeof PERMISSIONS)[number];
