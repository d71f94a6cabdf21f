import { z } from 'zod';

/** The roles of DOMAIN.md. One person may hold several within an organisation. */
export const ROLES = [
  'client',
  'guardian',
  'counselor',
  'operator',
  'supervisor',
  'administrator',
  'evaluator',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const STAFF_ROLES: readonly Role[] = [
  'counselor',
  'operator',
  'supervisor',
  'administrator',
  'evaluator',
];
