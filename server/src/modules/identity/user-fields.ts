import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { UserRow } from './user.repo.ts';

/** The encrypted columns of `users`, each bound to its row and field. */
export type UserSecretField = 'email' | 'phone' | 'realName' | 'birthDate';
const COLUMN: Record<UserSecretField, keyof UserRow> = {
  email: 'emailEnc',
  phone: 'phoneEnc',
  realName: 'realNameEnc',
  birthDate: 'birthDateEnc',
};

const ref = (userId: string, field: UserSecretField) => ({
  table: 'users',
  field,
  recordId: userId,
});
const owner = (userId: string) => ({ type: 'person' as const, id: userId });

export function encryptUserField(
  vault: VaultScope,
  userId: string,
  field: UserSecretField,
  value: string | null | undefined,
) {
  return vault.encryptOrNull(owner(userId), ref(userId, field), value);
}

export async function decryptUser(vault: VaultScope, user: UserRow) {
  const read = (field: UserSecretField) =>
    vault.decryptOrNull(owner(user.id), ref(user.id, field), user[COLUMN[field]] as string | null);
  return {
    email: await read('email'),
    phone: await read('phone'),
    realName: await read('realName'),
    birthDate: await read('birthDate'),
  };
}
