import { ROLES, type Role } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMessage } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RoleList, isRole } from '../../components/role-list.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { listUsers } from './admin-api.ts';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const requested = params.get('role') ?? '';
  const role: Role | undefined = isRole(requested) ? requested : undefined;
  const users = usePaged(`users:${role ?? ''}`, async (after: string | null, signal) => {
    const page = await listUsers(
      { ...(role ? { role } : {}), ...(after ? { after } : {}), limit: PAGE_SIZE },
      signal,
    );
    return { items: page.items, next: page.nextCursor };
  });

  return (
    <div className="page page--wide" data-testid="users-page">
      <PageHeading title={t('users.title')}>{t('users.heading')}</PageHeading>
      <div className="filters">
        <label htmlFor={filterId}>{t('users.roleFilter')}</label>
        <select
          id={filterId}
          className="input input--inline"
          value={role ?? ''}
          data-testid="users-role-filter"
          onChange={(event) => {
            const next = event.target.value;
            setParams(next ? { role: next } : {});
          }}
        >
          <option value="">{t('users.allRoles')}</option>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`roles.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {users.status === 'loading' && <Loading />}
      {users.status === 'error' && <LoadError error={users.error} onRetry={users.reload} />}
      {users.status === 'ready' && (
        <>
          <p role="status" className="status-line">
            {t('users.count', { count: users.data.length })}
          </p>
          <div className="table-wrap" role="region" aria-labelledby="users-caption" tabIndex={0}>
            <table className="table" data-testid="users-table">
              <caption id="users-caption" className="visually-hidden">
                {t('users.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.verified')}</th>
                  <th scope="col">{t('users.mfa')}</th>
                  <th scope="col">{t('users.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id} data-testid="user-row" data-user-id={user.id}>
                    <td>
                      <Link to={`/admin/users/${user.id}`} data-testid="user-link">
                        {user.displayName}
                      </Link>
                      {user.isDemo && (
                        <>
                          {' '}
                          <span className="badge">{t('users.demo')}</span>
                        </>
                      )}
                    </td>
                    <td>
                      <RoleList roles={user.roles} />
                    </td>
                    <td>{t(`users.statusValue.${user.status}`)}</td>
                    <td>{user.verified ? t('common.yes') : t('common.no')}</td>
                    <td>{user.mfaEnrolled ? t('common.yes') : t('common.no')}</td>
                    <td>{formatDate(user.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {users.moreError && (
            <p className="form-alert" role="alert">
              {say(users.moreError)}
            </p>
          )}
          {users.hasMore && (
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                data-testid="users-load-more"
                aria-disabled={users.loadingMore || undefined}
                onClick={users.loadMore}
              >
                {users.loadingMore ? t('form.working') : t('users.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
