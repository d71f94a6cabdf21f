import { eq } from 'drizzle-orm';
import { mfaBackupCodes, mfaTotp } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** The second factor (TOTP secret, backup codes): deleted. */
export const mfaSource: ErasureSource = {
  kind: 'erase',
  category: 'second_factor',
  async eraseAll({ tx, subjectUserId }) {
    const totp = await tx
      .delete(mfaTotp)
      .where(eq(mfaTotp.userId, subjectUserId))
      .returning({ id: mfaTotp.id });
    const codes = await tx
      .delete(mfaBackupCodes)
      .where(eq(mfaBackupCodes.userId, subjectUserId))
      .returning({ id: mfaBackupCodes.id });
    return totp.length + codes.length;
  },
};
