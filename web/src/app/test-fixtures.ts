import type { Actor, MetaResponse } from '@anxin/common';

/** Test data builders: a complete, valid object with the given fields changed. */
export function buildMeta(overrides: Partial<MetaResponse> = {}): MetaResponse {
  return {
    product: 'anxin',
    version: '0.1.0',
    organization: {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Demo Centre',
      defaultLocale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      isDemo: false,
    },
    setupRequired: false,
    locales: ['zh-CN', 'en'],
    ...overrides,
  };
}

export function buildActor(overrides: Partial<Actor> = {}): Actor {
  return {
    id: '00000000-0000-4000-8000-000000000002',
    organizationId: '00000000-0000-4000-8000-000000000001',
    displayName: 'Li',
    roles: ['client'],
    locale: 'zh-CN',
    verified: true,
    mfa: { required: false, enrolled: false, satisfied: false },
    abilities: [],
    isDemo: false,
    ...overrides,
  };
}

export const FULL_MFA = { required: true, enrolled: true, satisfied: true } as const;
