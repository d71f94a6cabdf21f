import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '@anxin/common';
import type { FormController } from '../lib/use-form.ts';
import { TextField } from './form.tsx';

/**
 * The fields that describe a person, identical wherever a person is created or edited (sign-up,
 * invitation, setup, reset, account): one label, autocomplete hint and length limit each, matching
 * the limits of the schemas in common/.
 */
interface PersonFieldProps<F extends string> {
  form: FormController<F>;
  name: F;
  hint?: ReactNode;
  required?: boolean;
}

export function NewPasswordField<F extends string>({
  form,
  name,
  required = true,
}: PersonFieldProps<F>) {
  const { t } = useTranslation();
  return (
    <TextField
      form={form}
      name={name}
      type="password"
      label={t('fields.password')}
      hint={t('signUp.passwordWhy', { min: PASSWORD_MIN })}
      autoComplete="new-password"
      maxLength={256}
      required={required}
    />
  );
}

export function RealNameField<F extends string>({
  form,
  name,
  hint,
  required = true,
}: PersonFieldProps<F>) {
  const { t } = useTranslation();
  return (
    <TextField
      form={form}
      name={name}
      label={t('fields.realName')}
      hint={hint}
      autoComplete="name"
      maxLength={100}
      required={required}
    />
  );
}

export function DisplayNameField<F extends string>({
  form,
  name,
  hint,
  required = true,
}: PersonFieldProps<F>) {
  const { t } = useTranslation();
  return (
    <TextField
      form={form}
      name={name}
      label={t('fields.displayName')}
      hint={hint}
      autoComplete="nickname"
      maxLength={50}
      required={required}
    />
  );
}

export function EmailField<F extends string>({
  form,
  name,
  hint,
  required = true,
}: PersonFieldProps<F>) {
  const { t } = useTranslation();
  return (
    <TextField
      form={form}
      name={name}
      type="email"
      label={t('fields.email')}
      hint={hint}
      autoComplete="email"
      inputMode="email"
      maxLength={254}
      required={required}
    />
  );
}
