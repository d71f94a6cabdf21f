import { z } from 'zod';
import { localeSchema } from '../locales.ts';
import { ROLES, STAFF_ROLES, roleSchema } from '../roles.ts';
import { PERMISSIONS } from '../permissions.ts';

/** Limits shared by the forms and the server (A2, B2: collect what the service needs). */
export const PASSWORD_MIN = 10;
export const VERIFICATION_CODE = /^\d{6}$/;

export const emailSchema = z.email().max(254);
/** Mainland mobile numbers (11 digits from 1) or E.164 with a leading +. */
export const phoneSchema = z.string().regex(/^(1\d{10}|\+[1-9]\d{6,14})$/, 'Invalid mobile number');
export const passwordSchema = z.string().min(PASSWORD_MIN).max(256);
const personName = z.string().trim().min(1).max(100);
const displayName = z.string().trim().min(1).max(50);
/** An e-mail address or a mobile number, as typed on a sign-in form. */
export const identifierSchema = z.string().trim().min(3).max(254);

export const registerRequestSchema = z
  .object({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: passwordSchema,
    realName: personName,
    displayName,
    birthDate: z.iso.date(),
    locale: localeSchema.optional(),
  })
  .refine((r) => r.email !== undefined || r.phone !== undefined, {
    path: ['email'],
    message: 'Give an e-mail address or a mobile number',
  });
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** 202 for requests whose outcome must not reveal whether an account exists. */
export const acceptedResponseSchema = z.object({ status: z.literal('accepted') });

export const verifyRequestSchema = z.object({
  identifier: identifierSchema,
  code: z.string().regex(VERIFICATION_CODE, 'Six digits'),
});
export const resendVerificationRequestSchema = z.object({ identifier: identifierSchema });

export const signInRequestSchema = z.object({
  identifier: identifierSchema,
  password: z.string().min(1).max(256),
});

export const mfaChallengeRequestSchema = z
  .object({
    code: z.string().regex(VERIFICATION_CODE, 'Six digits').optional(),
    backupCode: z.string().trim().min(8).max(20).optional(),
  })
  .refine((r) => r.code !== undefined || r.backupCode !== undefined, {
    path: ['code'],
    message: 'Give the code from your authenticator app or a backup code',
  });

export const passwordResetRequestSchema = z.object({ identifier: identifierSchema });
export const passwordResetCompleteSchema = z.object({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});

export const permissionSchema = z.enum(PERMISSIONS);

/** The signed-in actor as the web app sees it. `abilities` lets the UI hide what is not allowed. */
export const actorSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  locale: localeSchema,
  verified: z.boolean(),
  mfa: z.object({ required: z.boolean(), enrolled: z.boolean(), satisfied: z.boolean() }),
  abilities: z.array(permissionSchema),
  isDemo: z.boolean(),
});
export type Actor = z.infer<typeof actorSchema>;

export const totpEnrolmentResponseSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
});
export const totpConfirmRequestSchema = z.object({ code: z.string().regex(VERIFICATION_CODE) });
export const backupCodesResponseSchema = z.object({ backupCodes: z.array(z.string()) });

export const profileSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  realName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  locale: localeSchema,
  roles: z.array(roleSchema),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  mfaEnrolled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Profile = z.infer<typeof profileSchema>;
export const profileUpdateSchema = z.object({
  displayName: displayName.optional(),
  realName: personName.optional(),
  locale: localeSchema.optional(),
});

export const sessionItemSchema = z.object({
  id: z.uuid(),
  current: z.boolean(),
  kind: z.enum(['staff', 'client']),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const sessionListSchema = z.object({ items: z.array(sessionItemSchema) });

/** `erased`: the person was deleted on request (B11); the row remains as a tombstone. */
export const userStatusSchema = z.enum(['active', 'disabled', 'erased']);

export const userListItemSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  status: userStatusSchema,
  verified: z.boolean(),
  mfaEnrolled: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const userListQuerySchema = z.object({
  role: roleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.uuid().optional(),
});
export const userListSchema = z.object({
  items: z.array(userListItemSchema),
  nextCursor: z.uuid().nullable(),
});
export const userDetailSchema = profileSchema.extend({
  status: userStatusSchema,
  abilities: z.array(permissionSchema),
});
export const rolesUpdateSchema = z.object({ roles: z.array(roleSchema).max(ROLES.length) });

export const invitationCreateSchema = z.object({
  email: emailSchema,
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
});
export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export const invitationCreatedSchema = invitationSchema.extend({
  /** Shown once to the inviting administrator; also sent by e-mail. */
  link: z.string(),
});
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });
export const invitationLookupSchema = z.object({
  organizationName: z.string(),
  roles: z.array(roleSchema),
  expiresAt: z.iso.datetime(),
});
export const invitationAcceptSchema = z.object({
  token: z.string().min(20).max(200),
  password: passwordSchema,
  realName: personName,
  displayName,
});

export const auditEventSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  createdAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  subjectId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })).nullable(),
});
export const auditQuerySchema = z.object({
  subjectId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditListSchema = z.object({
  items: z.array(auditEventSchema),
  nextBeforeSeq: z.number().int().nullable(),
});

export const BREAK_GLASS_MAX_MINUTES = 60;
export const breakGlassRequestSchema = z.object({
  resourceType: z.enum(['user']),
  resourceId: z.uuid(),
  reason: z.string().trim().min(20).max(1000),
  minutes: z.number().int().min(5).max(BREAK_GLASS_MAX_MINUTES).default(BREAK_GLASS_MAX_MINUTES),
});
export const breakGlassGrantSchema = z.object({
  id: z.uuid(),
  resourceType: z.string(),
  resourceId: z.uuid(),
  expiresAt: z.iso.datetime(),
});

export const setupRequestSchema = z.object({
  token: z.string().min(20).max(200),
  organization: z.object({ name: z.string().trim().min(1).max(200), timeZone: z.string().min(1) }),
  admin: z.object({
    email: emailSchema,
    password: passwordSchema,
    realName: personName,
    displayName,
  }),
});

export const outboxItemSchema = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms', 'in_app']),
  to: z.string().nullable(),
  template: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.iso.datetime(),
});
export const outboxListSchema = z.object({ items: z.array(outboxItemSchema) });
