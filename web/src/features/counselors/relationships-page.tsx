import { relationshipInputSchema, type CounselorProfile } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useForm } from '../../lib/use-form.ts';
import { ActionButton, ActionOutcome, useActionState } from './action-state.tsx';
import { declareRelationship, endRelationship, listRelationships } from './counselor-api.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { schemaSubmit } from './form-helpers.ts';
import { useMyProfile, WithMyProfile, type Refresh } from './profile-gate.tsx';
import { RelationshipList } from './relationship-list.tsx';
import { useLiveResource } from './use-live-resource.ts';

/** Dual relationships (C2): people this counselor must not counsel, declared in advance. */
export function RelationshipsPage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  return (
    <PageFrame
      testId="relationships-page"
      width="wide"
      title={t('counselors.relationships.title')}
      heading={t('counselors.relationships.heading')}
      nav={<CounselorSubnav />}
      lead={t('counselors.relationships.intro')}
    >
      <WithMyProfile profile={profile}>{(data) => <Relationships profile={data} />}</WithMyProfile>
    </PageFrame>
  );
}

function Relationships({ profile }: { profile: CounselorProfile }) {
  const { t } = useTranslation();
  const relationships = useLiveResource(`relationships:${profile.id}`, (signal) =>
    listRelationships(profile.id, signal),
  );
  const action = useActionState();
  return (
    <>
      <DeclareForm profileId={profile.id} onDeclared={relationships.refresh} />
      <section aria-labelledby="relationship-list-heading">
        <h2 id="relationship-list-heading">{t('counselors.relationships.listHeading')}</h2>
        <ActionOutcome state={action} testId="relationship-end" />
        <Loaded resource={relationships}>
          {(items) => (
            <RelationshipList
              relationships={items}
              actions={(relationship) =>
                !relationship.endedAt && (
                  <div className="actions">
                    <ActionButton
                      state={action}
                      id={relationship.id}
                      testId="relationship-end-button"
                      label={t('counselors.relationships.end')}
                      action={async () => {
                        await endRelationship(profile.id, relationship.id);
                        await relationships.refresh();
                      }}
                      success={{ key: 'counselors.relationships.ended' }}
                      small
                    />
                  </div>
                )
              }
            />
          )}
        </Loaded>
      </section>
    </>
  );
}

const FIELDS = ['clientIdentifier', 'description'] as const;

function DeclareForm({ profileId, onDeclared }: { profileId: string; onDeclared: Refresh }) {
  const { t } = useTranslation();
  const [declared, setDeclared] = useState(false);
  const form = useForm('relationship', FIELDS);
  const onSubmit = schemaSubmit(
    form,
    {
      schema: relationshipInputSchema,
      toBody: (values) => {
        const identifier = values.clientIdentifier.trim();
        return {
          ...(identifier ? { clientIdentifier: identifier } : {}),
          description: values.description,
        };
      },
      messages: {
        clientIdentifier: { key: 'counselors.fieldErrors.clientIdentifier' },
        description: { key: 'counselors.fieldErrors.description' },
      },
    },
    async (body) => {
      setDeclared(false);
      await declareRelationship(profileId, body);
      form.reset();
      setDeclared(true);
      await onDeclared();
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('counselors.relationships.declareHeading')}
      intro={<p>{t('counselors.relationships.privacy')}</p>}
      submitLabel={t('counselors.relationships.declare')}
      status={declared && t('counselors.relationships.declared')}
      statusTestId="relationship-declared"
    >
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
    </FormPanel>
  );
}
