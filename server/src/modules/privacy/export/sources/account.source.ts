import { and, eq } from 'drizzle-orm';
import { userRoles, users } from '../../../../platform/db/schema/index.ts';
import { decryptUser } from '../../../identity/user-fields.ts';
import { iso, type ExportSource } from '../export-source.ts';

/** The account: identity fields (decrypted) and roles. */
export const accountSource: ExportSource = {
  name: 'account',
  async collect(tx, vault, subject) {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.organizationId, subject.organizationId), eq(users.id, subject.userId)));
    if (!user) return [];
    const roles = await tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, subject.userId));
    const secret = await decryptUser(vault, user);
    return [
      {
        id: user.id,
        displayName: user.displayName,
        email: secret.email,
        phone: secret.phone,
        realName: secret.realName,
        birthDate: secret.birthDate,
        locale: user.locale,
        status: user.status,
        roles: roles.map((r) => r.role).sort(),
        emailVerifiedAt: iso(user.emailVerifiedAt),
        phoneVerifiedAt: iso(user.phoneVerifiedAt),
        createdAt: iso(user.createdAt),
      },
    ];
  },
};
