import { invitationAcceptSchema } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Form, SubmitButton } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { RoleList } from '../../components/role-list.tsx';
import { PersonField } from '../../components/person-fields.tsx';
import { acceptInvitation, lookupInvitation } from './auth-api.ts';

const FIELDS = ['realName', 'displayName', 'password'] as const;

export function InvitePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const tokenLooksValid = token.length >= 20 && token.length <= 200;
  const { setActor } = useShellData();
  const formatDate = useDateFormat();
  const invitation = useResource(tokenLooksValid ? `invitation:${token}` : null, (signal) =>
    lookupInvitation(token, signal),
  );
  const form = useForm('invite', FIELDS);
  // Signed in on success; the route guard then requires MFA enrolment (staff).
  const onSubmit = form.onSubmit(
    async (values) => {
      setActor(await acceptInvitation({ ...values, token }));
    },
    {
      validate: (values) => validateBody(invitationAcceptSchema, { ...values, token }),
      overrides: { conflict: 'invite.conflict', invalid_token: 'invite.invalid' },
    },
  );

  const invalid = (
    <p className="form-alert" role="alert" data-testid="invite-invalid">
      {t('invite.invalid')}
    </p>
  );

  return (
    <div className="page page--narrow" data-testid="invite-page">
      <PageHeading title={t('invite.title')}>{t('invite.heading')}</PageHeading>
      {!tokenLooksValid && invalid}
      {tokenLooksValid && invitation.status === 'loading' && <Loading />}
      {invitation.status === 'error' && (
        <LoadError
          error={invitation.error}
          onRetry={invitation.reload}
          overrides={{ invalid_token: 'invite.invalid', not_found: 'invite.invalid' }}
          testId="invite-invalid"
        />
      )}
      {invitation.status === 'ready' && (
        <>
          <p className="lead" data-testid="invite-organization">
            {t('invite.intro', { organization: invitation.data.organizationName })}
          </p>
          <dl className="facts">
            <dt>{t('invite.roles')}</dt>
            <dd>
              <RoleList roles={invitation.data.roles} />
            </dd>
            <dt>{t('invite.expires')}</dt>
            <dd>{formatDate(invitation.data.expiresAt)}</dd>
          </dl>
          <Form form={form} onSubmit={onSubmit}>
            <PersonField
              kind="realName"
              form={form}
              name="realName"
              hint={t('invite.realNameWhy')}
            />
            <PersonField
              kind="displayName"
              form={form}
              name="displayName"
              hint={t('invite.displayNameWhy')}
            />
            <PersonField kind="newPassword" form={form} name="password" />
            <p className="note">{t('invite.mfaNote')}</p>
            <div className="actions">
              <SubmitButton form={form}>{t('invite.submit')}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p className="aside">
        <Link to="/sign-in">{t('invite.haveAccount')}</Link>
      </p>
    </div>
  );
}
