export * from './errors.ts';
export * from './roles.ts';
export * from './permissions.ts';
export * from './locales.ts';
export * from './api/meta.ts';
export * from './api/health.ts';
export * from './api/session.ts';
export * from './api/identity.ts';
