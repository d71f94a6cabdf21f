import type { ReferralResource } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import {
  ActionButton,
  ActionOutcome,
  useActionState,
  type ActionState,
} from '../counselors/action-state.tsx';
import { useLiveResource } from '../counselors/use-live-resource.ts';
import { listReferralResources, updateReferralResource } from './care-plans-api.ts';
import { ResourceFacts } from './resource-facts.tsx';
import { AddResourceForm, EditResourceForm } from './resource-form.tsx';
import './care-plans.css';

/**
 * `/admin/referral-resources`: the organisation's referral directory (C6). Administrators add,
 * edit and retire entries; nothing is deleted, because referrals keep pointing at what they
 * were made to.
 */
export function ReferralResourcesPage() {
  const { t } = useTranslation();
  const resources = useLiveResource('admin-referral-resources', (signal) =>
    listReferralResources(true, signal),
  );
  return (
    <PageFrame
      testId="referral-resources-page"
      width="wide"
      title={t('carePlans.resources.title')}
      lead={t('carePlans.resources.lead')}
    >
      <Loaded resource={resources}>
        {(items) => (
          <>
            <ResourceList items={items} onChanged={resources.refresh} />
            <AddResourceForm onAdded={resources.refresh} />
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}

function ResourceList({
  items,
  onChanged,
}: {
  items: readonly ReferralResource[];
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const action = useActionState();
  const sorted = [...items].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder,
  );
  return (
    <section aria-labelledby="referral-resources-heading">
      <h2 id="referral-resources-heading">{t('carePlans.resources.listHeading')}</h2>
      <ActionOutcome state={action} testId="referral-resource-change" />
      {sorted.length === 0 ? (
        <p>{t('carePlans.resources.empty')}</p>
      ) : (
        <ul className="card-list" data-testid="referral-resource-list">
          {sorted.map((resource) => (
            <ResourceItem
              key={resource.id}
              resource={resource}
              action={action}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ResourceItem({
  resource,
  action,
  onChanged,
}: {
  resource: ReferralResource;
  action: ActionState;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const saved: Message = { key: 'carePlans.resources.saved' };
  return (
    <li
      className={resource.active ? 'card card--plain term' : 'card card--plain term term--retired'}
      data-testid="referral-resource"
      data-code={resource.code ?? ''}
      data-active={resource.active ? 'true' : 'false'}
    >
      <ResourceFacts resource={resource} />
      <p className="cell-note">
        {resource.code && <span className="badge">{t('carePlans.resources.seeded')}</span>}{' '}
        {!resource.active && <span className="badge">{t('carePlans.resources.retired')}</span>}
      </p>
      {editing ? (
        <EditResourceForm
          resource={resource}
          onDone={async () => {
            await onChanged();
            setEditing(false);
          }}
          onCancel={() => {
            setEditing(false);
          }}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="referral-resource-edit"
            onClick={() => {
              setEditing(true);
            }}
          >
            {t('carePlans.resources.edit')}
          </button>
          <ActionButton
            state={action}
            id={resource.id}
            testId={resource.active ? 'referral-resource-retire' : 'referral-resource-restore'}
            label={
              resource.active ? t('carePlans.resources.retire') : t('carePlans.resources.restore')
            }
            action={async () => {
              await updateReferralResource(resource.id, { active: !resource.active });
              await onChanged();
            }}
            success={saved}
            small
          />
        </div>
      )}
    </li>
  );
}
