import {
  POLICY_DOCUMENT_KIND_NAMES,
  type Guardianship,
  type PolicyDocument,
  type PolicyDocumentKind,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import {
  createPolicyDocument,
  decideGuardianship,
  editPolicyDocument,
  listGuardianships,
  listPolicyDocuments,
  publishPolicyDocument,
  type DocumentTexts,
} from './consent-api.ts';
import { DocumentText } from './document-text.tsx';

/**
 * Administrators' rule texts (A12): every version of each kind, a draft editor in both
 * languages, publication with an effective date and the "material" flag (people accept again),
 * old versions readable. Guardian links awaiting verification (C11) are decided here too.
 */
export function PolicyDocumentsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PolicyDocumentKind>('informed_consent');
  const docs = useResource(`policy-documents:${kind}`, (signal) =>
    listPolicyDocuments(kind, signal),
  );
  const links = useResource('guardianships-admin', (signal) => listGuardianships(signal));
  return (
    <>
      <PageHeading title={t('consent.admin.title')}>{t('consent.admin.title')}</PageHeading>
      <p>{t('consent.admin.lead')}</p>
      <nav className="subnav" aria-label={t('consent.admin.kinds')}>
        <ul>
          {POLICY_DOCUMENT_KIND_NAMES.map((k) => (
            <li key={k}>
              <button
                type="button"
                className={
                  k === kind ? 'button button--small' : 'button button--secondary button--small'
                }
                aria-pressed={k === kind}
                onClick={() => {
                  setKind(k);
                }}
              >
                {t(`consent.kind.${k}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <Loaded resource={docs}>
        {(items) => <Versions kind={kind} items={items} onChanged={docs.reload} />}
      </Loaded>
      <Loaded resource={links}>
        {(items) => <PendingLinks items={items} onChanged={links.reload} />}
      </Loaded>
    </>
  );
}

function Versions({
  kind,
  items,
  onChanged,
}: {
  kind: PolicyDocumentKind;
  items: PolicyDocument[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const draft = items.find((d) => d.status === 'draft');
  const latest = items.find((d) => d.status === 'published');
  return (
    <>
      <section className="panel">
        <h2>{t('consent.admin.versions')}</h2>
        <table className="data-table" data-testid="policy-versions">
          <thead>
            <tr>
              <th scope="col">{t('consent.admin.col.version')}</th>
              <th scope="col">{t('consent.admin.col.status')}</th>
              <th scope="col">{t('consent.admin.col.effective')}</th>
              <th scope="col">{t('consent.admin.col.material')}</th>
              <th scope="col">{t('consent.admin.col.read')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{d.version}</td>
                <td>{t(`consent.admin.status.${d.status}`)}</td>
                <td>{d.effectiveAt?.slice(0, 16).replace('T', ' ') ?? ''}</td>
                <td>{d.material ? t('common.yes') : t('common.no')}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-expanded={open === d.id}
                    onClick={() => {
                      setOpen(open === d.id ? null : d.id);
                    }}
                  >
                    {t('consent.admin.read')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {items
        .filter((d) => d.id === open)
        .map((d) => (
          <DocumentText key={d.id} doc={d} testId="policy-version-text" />
        ))}
      <DraftEditor
        key={draft?.id ?? `new-${kind}`}
        kind={kind}
        draft={draft}
        base={latest}
        onChanged={onChanged}
      />
    </>
  );
}

function DraftEditor({
  kind,
  draft,
  base,
  onChanged,
}: {
  kind: PolicyDocumentKind;
  draft: PolicyDocument | undefined;
  base: PolicyDocument | undefined;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const action = useActionState();
  const id = useId();
  const from = draft ?? base;
  const [texts, setTexts] = useState<DocumentTexts>({
    titleZh: from?.titleZh ?? '',
    titleEn: from?.titleEn ?? '',
    bodyZh: from?.bodyZh ?? '',
    bodyEn: from?.bodyEn ?? '',
    material: draft?.material ?? true,
  });
  const [effectiveAt, setEffectiveAt] = useState('');
  const field = (name: 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn', multiline: boolean) => {
    const fieldId = `${id}-${name}`;
    const props = {
      id: fieldId,
      value: texts[name],
      'data-testid': `policy-${name}`,
      onChange: (event: { target: { value: string } }) => {
        setTexts((current) => ({ ...current, [name]: event.target.value }));
      },
    };
    return (
      <div className="field">
        <label className="field__label" htmlFor={fieldId}>
          {t(`consent.admin.field.${name}`)}
        </label>
        {multiline ? <textarea rows={12} {...props} /> : <input {...props} />}
      </div>
    );
  };
  return (
    <section className="panel" data-testid="policy-draft">
      <h2>
        {draft
          ? t('consent.admin.editDraft', { version: draft.version })
          : t('consent.admin.newDraft')}
      </h2>
      {field('titleZh', false)}
      {field('bodyZh', true)}
      {field('titleEn', false)}
      {field('bodyEn', true)}
      <div className="field">
        <div className="checkbox">
          <input
            id={`${id}-material`}
            type="checkbox"
            checked={texts.material}
            aria-describedby={`${id}-material-hint`}
            onChange={(event) => {
              setTexts((current) => ({ ...current, material: event.target.checked }));
            }}
          />
          <label htmlFor={`${id}-material`}>{t('consent.admin.material')}</label>
        </div>
        <p className="field__hint" id={`${id}-material-hint`}>
          {t('consent.admin.materialHint')}
        </p>
      </div>
      <button
        type="button"
        className="button button--secondary"
        data-testid="policy-save"
        disabled={action.busy !== null}
        onClick={() => {
          action.run(
            'save',
            async () => {
              await (draft
                ? editPolicyDocument(draft.id, texts)
                : createPolicyDocument(kind, texts));
              onChanged();
            },
            { key: 'consent.admin.saved' },
          );
        }}
      >
        {t('consent.admin.save')}
      </button>
      {draft && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-effective`}>
            {t('consent.admin.effectiveAt')}
          </label>
          <input
            id={`${id}-effective`}
            type="datetime-local"
            value={effectiveAt}
            aria-describedby={`${id}-effective-hint`}
            onChange={(event) => {
              setEffectiveAt(event.target.value);
            }}
          />
          <p className="field__hint" id={`${id}-effective-hint`}>
            {t('consent.admin.effectiveHint')}
          </p>
          <button
            type="button"
            className="button"
            data-testid="policy-publish"
            disabled={action.busy !== null}
            onClick={() => {
              action.run(
                'publish',
                async () => {
                  await publishPolicyDocument(
                    draft.id,
                    effectiveAt ? new Date(effectiveAt).toISOString() : undefined,
                  );
                  onChanged();
                },
                { key: 'consent.admin.published' },
              );
            }}
          >
            {t('consent.admin.publish')}
          </button>
        </div>
      )}
      <ActionOutcome state={action} testId="policy-draft" />
    </section>
  );
}

function PendingLinks({ items, onChanged }: { items: Guardianship[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useActionState();
  const pending = items.filter((g) => g.status === 'pending');
  return (
    <section className="panel" data-testid="guardian-links">
      <h2>{t('consent.admin.links')}</h2>
      {pending.length === 0 && <p>{t('consent.admin.noLinks')}</p>}
      <ul>
        {pending.map((g) => (
          <li key={g.id}>
            {t('consent.admin.link', {
              guardian: g.guardianName,
              minor: g.minorName,
              relationship: t(`consent.guardian.relation.${g.relationship}`),
            })}{' '}
            <button
              type="button"
              className="button button--small"
              disabled={action.busy !== null}
              onClick={() => {
                action.run('verify', async () => {
                  await decideGuardianship(g.id, 'verify');
                  onChanged();
                });
              }}
            >
              {t('consent.admin.verify')}
            </button>{' '}
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={action.busy !== null}
              onClick={() => {
                action.run('revoke', async () => {
                  await decideGuardianship(g.id, 'revoke');
                  onChanged();
                });
              }}
            >
              {t('consent.admin.revoke')}
            </button>
          </li>
        ))}
      </ul>
      <ActionOutcome state={action} testId="guardian-links" />
    </section>
  );
}
