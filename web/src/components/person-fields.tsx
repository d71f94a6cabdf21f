import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '@anxin/common';
import type { MessageKey } from '../i18n/keys.ts';
import type { FormController } from '../lib/use-form.ts';
import { TextField } from './form.tsx';

/**
 * The fields that describe a person are the same wherever a person is created or edited
 * (sign-up, invitation, setup, account): one label, autocomplete hint and length limit each,
 * matching the limits of the schemas in common/.
 */
const KINDS = {
  newPassword: {
    label: 'fields.password',
    type: 'password',
    autoComplete: 'new-password',
    maxLength: 256,
  },
  realName: { label: 'fields.realName', type: 'text', autoComplete: 'name', maxLength: 100 },
  displayName: {
    label: 'fields.displayName',
    type: 'text',
    autoComplete: 'nickname',
    maxLength: 50,
  },
  email: { label: 'fields.email', type: 'email', autoComplete: 'email', maxLength: 254 },
} as const satisfies Record<
  string,
  { label: MessageKey; type: string; autoComplete: string; maxLength: number }
>;

interface PersonFieldProps<F extends string> {
  kind: keyof typeof KINDS;
  form: FormController<F>;
  name: F;
  hint?: ReactNode;
  required?: boolean;
}

export function PersonField<F extends string>({
  kind,
  form,
  name,
  hint,
  required = true,
}: PersonFieldProps<F>) {
  const { t } = useTranslation();
  const spec = KINDS[kind];
  return (
    <TextField
      form={form}
      name={name}
      type={spec.type}
      label={t(spec.label)}
      // The password rule is stated the same way everywhere.
      hint={kind === 'newPassword' ? t('signUp.passwordWhy', { min: PASSWORD_MIN }) : hint}
      autoComplete={spec.autoComplete}
      inputMode={kind === 'email' ? 'email' : undefined}
      maxLength={spec.maxLength}
      required={required}
    />
  );
}
