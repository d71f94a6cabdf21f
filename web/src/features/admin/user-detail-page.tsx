import { ROLES, rolesUpdateSchema, type Role } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Form, SubmitButton } from '../../components/form.tsx';
import { CheckboxGroup } from '../../components/choice-fields.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RoleList } from '../../components/role-list.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { ApiError } from '../../lib/api.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { getUser, revokeUserSessions, updateUserRoles } from './admin-api.ts';
import { BreakGlassForm } from './break-glass-form.tsx';

type UserDetail = Awaited<ReturnType<typeof getUser>>;

export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { actor } = useShellData();
  const user = useResource(`user:${id}`, (signal) => getUser(id, signal));
  const formatDate = useDateFormat();
  const [grantedUntil, setGrantedUntil] = useState<string | null>(null);
  const abilities = actor?.abilities ?? [];
  const hidden =
    user.status === 'error' && user.error instanceof ApiError && user.error.status === 404;
  // Supervisors reach a hidden record only through audited emergency access.
  const mayBreakGlass =
    abilities.includes('break_glass.start') || (actor?.roles.includes('supervisor') ?? false);

  return (
    <div className="page" data-testid="user-detail-page">
      <PageHeading title={t('userDetail.title')}>
        {user.status === 'ready' ? user.data.displayName : t('userDetail.heading')}
      </PageHeading>
      {abilities.includes('user.list') && (
        <p>
          <Link to="/admin/users">{t('userDetail.back')}</Link>
        </p>
      )}
      {user.status === 'loading' && <Loading />}
      {hidden && (
        <>
          <p className="form-alert" role="alert" data-testid="user-not-found">
            {t('userDetail.notFound')}
          </p>
          {mayBreakGlass && (
            <BreakGlassForm
              userId={id}
              onGranted={(expiresAt) => {
                setGrantedUntil(expiresAt);
                user.reload();
              }}
            />
          )}
        </>
      )}
      {user.status === 'error' && !hidden && <LoadError error={user.error} onRetry={user.reload} />}
      {grantedUntil && (
        <p className="notice notice--danger" role="status" data-testid="break-glass-granted">
          {t('breakGlass.granted', { time: formatDate(grantedUntil) })}
        </p>
      )}
      {user.status === 'ready' && (
        <>
          <UserFacts user={user.data} />
          {abilities.includes('audit.read') && (
            <p>
              <Link
                to={`/admin/audit?subjectId=${encodeURIComponent(user.data.id)}`}
                data-testid="user-audit-link"
              >
                {t('userDetail.auditLink')}
              </Link>
            </p>
          )}
          {abilities.includes('user.roles.update') && (
            <RolesEditor key={user.data.id} user={user.data} onSaved={user.replace} />
          )}
          {abilities.includes('user.sessions.revoke') && <RevokeSessions userId={user.data.id} />}
        </>
      )}
    </div>
  );
}

function UserFacts({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const unknown = t('common.notGiven');
  const verified = (flag: boolean) => (flag ? t('account.verified') : t('account.unverified'));
  return (
    <section className="panel" aria-labelledby="user-facts">
      <h2 id="user-facts">{t('userDetail.factsHeading')}</h2>
      <dl className="facts" data-testid="user-facts">
        <dt>{t('fields.displayName')}</dt>
        <dd data-testid="user-display-name">{user.displayName}</dd>
        <dt>{t('fields.realName')}</dt>
        <dd>{user.realName ?? unknown}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>
          {user.email ?? unknown}
          {user.email !== null && <span className="badge">{verified(user.emailVerified)}</span>}
        </dd>
        <dt>{t('fields.phone')}</dt>
        <dd>
          {user.phone ?? unknown}
          {user.phone !== null && <span className="badge">{verified(user.phoneVerified)}</span>}
        </dd>
        <dt>{t('fields.birthDate')}</dt>
        <dd>{user.birthDate ?? unknown}</dd>
        <dt>{t('users.status')}</dt>
        <dd data-testid="user-status">{t(`users.statusValue.${user.status}`)}</dd>
        <dt>{t('users.roles')}</dt>
        <dd data-testid="user-roles">
          <RoleList roles={user.roles} />
        </dd>
        <dt>{t('users.mfa')}</dt>
        <dd>{user.mfaEnrolled ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('users.createdAt')}</dt>
        <dd>{formatDate(user.createdAt)}</dd>
      </dl>
    </section>
  );
}

function RolesEditor({ user, onSaved }: { user: UserDetail; onSaved: (user: UserDetail) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { actor, refreshSession } = useShellData();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [saved, setSaved] = useState(false);
  const form = useForm('user-roles', ['roles'] as const);
  const onSubmit = form.onSubmit(
    async () => {
      setSaved(false);
      const updated = await updateUserRoles(user.id, roles);
      setRoles(updated.roles);
      onSaved(updated);
      setSaved(true);
      // Changing one's own roles changes one's abilities and navigation.
      if (actor?.id === user.id) await refreshSession();
    },
    {
      validate: () => validateBody(rolesUpdateSchema, { roles }),
      overrides: { conflict: 'userDetail.rolesConflict' },
    },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('userDetail.rolesHeading')}</h2>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <CheckboxGroup
          form={form}
          name="roles"
          legend={t('userDetail.rolesLegend')}
          hint={t('userDetail.rolesHint')}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          selected={roles}
          onChange={setRoles}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('userDetail.rolesSave')}</SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="user-roles-saved">
          {saved && t('userDetail.rolesSaved')}
        </p>
      </Form>
    </section>
  );
}

function RevokeSessions({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [done, setDone] = useState(false);
  const form = useForm('user-revoke-sessions', []);
  const onSubmit = form.onSubmit(async () => {
    setDone(false);
    await revokeUserSessions(userId);
    setDone(true);
  });
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('userDetail.sessionsHeading')}</h2>
      <p>{t('userDetail.sessionsIntro')}</p>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <div className="actions">
          <SubmitButton form={form} secondary>
            {t('userDetail.sessionsRevoke')}
          </SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="user-revoke-sessions-done">
          {done && t('userDetail.sessionsRevoked')}
        </p>
      </Form>
    </section>
  );
}
