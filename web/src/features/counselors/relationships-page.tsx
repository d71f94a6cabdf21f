import { relationshipInputSchema, type CounselorProfile } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { ActionOutcome, useActionState } from './action-state.tsx';
import {
  declareRelationship,
  endRelationship,
  getMyProfile,
  listRelationships,
} from './counselor-api.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import { NoProfileYet } from './qualifications-page.tsx';
import { useLiveResource } from './use-live-resource.ts';

/** Dual relationships (C2): people this counselor must not counsel, declared in advance. */
export function RelationshipsPage() {
  const { t } = useTranslation();
  const profile = useLiveResource('counselor-me', getMyProfile);
  return (
    <div className="page page--wide" data-testid="relationships-page">
      <PageHeading title={t('counselors.relationships.title')}>
        {t('counselors.relationships.heading')}
      </PageHeading>
      <CounselorSubnav />
      <p className="lead">{t('counselors.relationships.intro')}</p>
      {profile.status === 'loading' && <Loading />}
      {profile.status === 'error' && <LoadError error={profile.error} onRetry={profile.reload} />}
      {profile.status === 'ready' && profile.data === null && <NoProfileYet />}
      {profile.status === 'ready' && profile.data !== null && (
        <Relationships profile={profile.data} />
      )}
    </div>
  );
}

function Relationships({ profile }: { profile: CounselorProfile }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const relationships = useLiveResource(`relationships:${profile.id}`, (signal) =>
    listRelationships(profile.id, signal),
  );
  const action = useActionState();
  return (
    <>
      <DeclareForm profileId={profile.id} onDeclared={relationships.refresh} />
      <section aria-labelledby="relationship-list-heading">
        <h2 id="relationship-list-heading">{t('counselors.relationships.listHeading')}</h2>
        {relationships.status === 'loading' && <Loading />}
        {relationships.status === 'error' && (
          <LoadError error={relationships.error} onRetry={relationships.reload} />
        )}
        <ActionOutcome state={action} testId="relationship-end" />
        {relationships.status === 'ready' && relationships.data.length === 0 && (
          <p data-testid="relationships-empty">{t('counselors.relationships.empty')}</p>
        )}
        {relationships.status === 'ready' && relationships.data.length > 0 && (
          <ul className="card-list" data-testid="relationship-list">
            {relationships.data.map((relationship) => (
              <li
                key={relationship.id}
                className="card card--plain"
                data-testid="relationship-row"
                data-ended={relationship.endedAt ? 'true' : 'false'}
              >
                <p className="prose">{relationship.description}</p>
                <dl className="facts">
                  <dt>{t('counselors.fields.clientIdentifier')}</dt>
                  <dd>{relationship.clientIdentifier ?? t('common.notGiven')}</dd>
                  <dt>{t('counselors.relationships.declaredAt')}</dt>
                  <dd>{formatDate(relationship.createdAt)}</dd>
                  <dt>{t('counselors.relationships.state')}</dt>
                  <dd>
                    {relationship.endedAt
                      ? t('counselors.relationships.endedAt', {
                          time: formatDate(relationship.endedAt),
                        })
                      : t('counselors.relationships.current')}
                  </dd>
                </dl>
                {!relationship.endedAt && (
                  <div className="actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid="relationship-end-button"
                      aria-disabled={action.busy !== null || undefined}
                      onClick={() => {
                        action.run(
                          relationship.id,
                          async () => {
                            await endRelationship(profile.id, relationship.id);
                            await relationships.refresh();
                          },
                          { key: 'counselors.relationships.ended' },
                        );
                      }}
                    >
                      {action.busy === relationship.id
                        ? t('form.working')
                        : t('counselors.relationships.end')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const FIELDS = ['clientIdentifier', 'description'] as const;

function DeclareForm({
  profileId,
  onDeclared,
}: {
  profileId: string;
  onDeclared: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [declared, setDeclared] = useState(false);
  const form = useForm('relationship', FIELDS);
  const toBody = (values: Readonly<Record<(typeof FIELDS)[number], string>>) => {
    const identifier = values.clientIdentifier.trim();
    return {
      ...(identifier ? { clientIdentifier: identifier } : {}),
      description: values.description,
    };
  };
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(validateBody(relationshipInputSchema, toBody(values)), FIELDS, {
        clientIdentifier: { key: 'counselors.fieldErrors.clientIdentifier' },
        description: { key: 'counselors.fieldErrors.description' },
      }),
    form.onSubmit(async (values) => {
      setDeclared(false);
      await declareRelationship(profileId, toBody(values));
      form.reset();
      setDeclared(true);
      await onDeclared();
    }),
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.relationships.declareHeading')}</h2>
      <p>{t('counselors.relationships.privacy')}</p>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <TextField
          form={form}
          name="clientIdentifier"
          label={t('counselors.fields.clientIdentifier')}
          hint={t('counselors.relationships.identifierHint')}
          autoComplete="off"
          maxLength={254}
        />
        <TextField
          form={form}
          name="description"
          label={t('counselors.fields.relationshipDescription')}
          hint={t('counselors.relationships.descriptionHint')}
          multiline
          rows={3}
          maxLength={1000}
          required
        />
        <div className="actions">
          <SubmitButton form={form}>{t('counselors.relationships.declare')}</SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="relationship-declared">
          {declared && t('counselors.relationships.declared')}
        </p>
      </Form>
    </section>
  );
}
