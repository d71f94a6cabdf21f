import type { Actor as ActorDto, Profile } from '@anxin/common';
import type { Role } from '@anxin/common';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import { mfaRequired, type Actor } from '../../platform/auth/actor.ts';
import type { UserRow } from './user.repo.ts';

export function presentActor(
  actor: Actor,
  env: 'development' | 'production',
  locale: ActorDto['locale'],
): ActorDto {
  return {
    id: actor.userId,
    organizationId: actor.organizationId,
    displayName: actor.displayName,
    roles: [...actor.roles],
    locale,
    verified: actor.verified,
    mfa: {
      required: mfaRequired(actor.roles),
      enrolled: actor.mfaEnrolled,
      satisfied: actor.mfaSatisfied,
    },
    abilities: abilitiesOf(actor, env),
    isDemo: actor.isDemo,
  };
}

export function presentProfile(
  user: UserRow,
  roles: readonly Role[],
  secrets: {
    email: string | null;
    phone: string | null;
    realName: string | null;
    birthDate: string | null;
  },
  mfaEnrolled: boolean,
): Profile {
  return {
    id: user.id,
    displayName: user.displayName,
    ...secrets,
    locale: user.locale,
    roles: [...roles],
    emailVerified: user.emailVerifiedAt !== null,
    phoneVerified: user.phoneVerifiedAt !== null,
    mfaEnrolled,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentListItem(user: UserRow, roles: readonly Role[], mfaEnrolled: boolean) {
  return {
    id: user.id,
    displayName: user.displayName,
    roles: [...roles],
    status: user.status,
    verified: Boolean(user.emailVerifiedAt ?? user.phoneVerifiedAt),
    mfaEnrolled,
    isDemo: user.isDemo,
    createdAt: user.createdAt.toISOString(),
  };
}
