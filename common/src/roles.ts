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

/** Roles that join by invitation and must use a second factor. */
export const STAFF_ROLES = [
  'counselor',
  'operator',
  'supervisor',
  'administrator',
  'evaluator',
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: Role): role is StaffRole =>
  (STAFF_ROLES as readonly Role[]).includes(role);
