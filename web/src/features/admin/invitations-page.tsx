import { STAFF_ROLES, invitationCreateSchema, type StaffRole } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.tsx';
import { Form, SubmitButton, TextField, useMessage } from '../../components/form.tsx';
import { CheckboxGroup } from '../../components/choice-fields.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RoleList } from '../../components/role-list.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { createInvitation, listInvitations, revokeInvitation } from './admin-api.ts';

type InvitableRole = StaffRole;

export function InvitationsPage() {
  const { t } = useTranslation();
  const { actor } = useShellData();
  const invitations = useResource('invitations', listInvitations);
  const abilities = actor?.abilities ?? [];
  return (
    <div className="page page--wide" data-testid="invitations-page">
      <PageHeading title={t('invitations.title')}>{t('invitations.heading')}</PageHeading>
      <p className="lead">{t('invitations.intro')}</p>
      {abilities.includes('invitation.create') && (
        <CreateInvitation onCreated={invitations.reload} />
      )}
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('invitations.listHeading')}</h2>
        {invitations.status === 'loading' && <Loading />}
        {invitations.status === 'error' && (
          <LoadError error={invitations.error} onRetry={invitations.reload} />
        )}
        {invitations.status === 'ready' && (
          <InvitationTable
            items={invitations.data.items}
            mayRevoke={abilities.includes('invitation.revoke')}
            onRevoked={invitations.reload}
          />
        )}
      </section>
    </div>
  );
}

function CreateInvitation({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [roles, setRoles] = useState<InvitableRole[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const form = useForm('invitation', ['email', 'roles'] as const);
  const onSubmit = form.onSubmit(
    async ({ email }) => {
      setLink(null);
      const created = await createInvitation({ email: email.trim(), roles });
      setLink(created.link);
      form.reset();
      setRoles([]);
      onCreated();
    },
    {
      validate: ({ email }) => validateBody(invitationCreateSchema, { email: email.trim(), roles }),
      overrides: { conflict: 'invitations.conflict' },
    },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('invitations.createHeading')}</h2>
      {link && (
        <div className="panel panel--important" role="status" data-testid="invitation-created">
          <p>
            <strong>{t('invitations.linkOnce')}</strong>
          </p>
          <p>
            <code className="secret" data-testid="invitation-link">
              {link}
            </code>
          </p>
          <CopyButton text={link} testId="invitation-link-copy" label={t('invitations.copy')} />
        </div>
      )}
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <TextField
          form={form}
          name="email"
          type="email"
          label={t('fields.email')}
          hint={t('invitations.emailHint')}
          autoComplete="off"
          inputMode="email"
          maxLength={254}
          required
        />
        <CheckboxGroup
          form={form}
          name="roles"
          legend={t('invitations.rolesLegend')}
          options={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={setRoles}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('invitations.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

interface InvitationTableProps {
  items: Awaited<ReturnType<typeof listInvitations>>['items'];
  mayRevoke: boolean;
  onRevoked: () => void;
}

function InvitationTable({ items, mayRevoke, onRevoked }: InvitationTableProps) {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const revoke = (id: string) => {
    if (busy) return;
    setBusy(id);
    setMessage(null);
    revokeInvitation(id).then(
      () => {
        setBusy(null);
        setMessage({ key: 'invitations.revoked' });
        onRevoked();
      },
      (error: unknown) => {
        setBusy(null);
        setMessage(messageForError(error));
      },
    );
  };
  if (items.length === 0) {
    return <p data-testid="invitations-empty">{t('invitations.empty')}</p>;
  }
  return (
    <>
      <p className="status-line" role="status">
        {message && say(message)}
      </p>
      <div className="table-wrap" role="region" aria-labelledby="invitations-caption" tabIndex={0}>
        <table className="table" data-testid="invitations-table">
          <caption id="invitations-caption" className="visually-hidden">
            {t('invitations.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('users.roles')}</th>
              <th scope="col">{t('invitations.status')}</th>
              <th scope="col">{t('invitations.expiresAt')}</th>
              <th scope="col">{t('invitations.createdAt')}</th>
              {mayRevoke && <th scope="col">{t('sessions.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((invitation) => (
              <tr
                key={invitation.id}
                data-testid="invitation-row"
                data-invitation-id={invitation.id}
                data-status={invitation.status}
              >
                <td>{invitation.email}</td>
                <td>
                  <RoleList roles={invitation.roles} />
                </td>
                <td>{t(`invitations.statusValue.${invitation.status}`)}</td>
                <td>{formatDate(invitation.expiresAt)}</td>
                <td>{formatDate(invitation.createdAt)}</td>
                {mayRevoke && (
                  <td>
                    {invitation.status === 'pending' && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        data-testid="invitation-revoke"
                        aria-disabled={busy !== null || undefined}
                        onClick={() => {
                          revoke(invitation.id);
                        }}
                      >
                        {busy === invitation.id ? t('form.working') : t('invitations.revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
