import { VOCABULARY_KINDS, type VocabularyKind, type VocabularyTerm } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { ActionButton, ActionOutcome, useActionState, type ActionState } from './action-state.tsx';
import { AdminSubnav } from './admin-subnav.tsx';
import { listVocabularies, updateVocabularyTerm, type VocabularyPatch } from './counselor-api.ts';
import type { Refresh } from './profile-gate.tsx';
import { useLiveResource } from './use-live-resource.ts';
import { AddTerm, RenameForm } from './vocabulary-forms.tsx';

function isKind(value: string | null): value is VocabularyKind {
  return (VOCABULARY_KINDS as readonly (string | null)[]).includes(value);
}

/** The organisation's own lists: specialties, approaches, languages, qualification types. */
export function AdminVocabulariesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const requested = params.get('kind');
  const kind: VocabularyKind = isKind(requested) ? requested : 'specialty';
  const terms = useLiveResource('admin-vocabularies', (signal) => listVocabularies(signal));
  return (
    <PageFrame
      testId="admin-vocabularies-page"
      width="wide"
      title={t('counselors.vocabularies.title')}
      heading={t('counselors.vocabularies.heading')}
      nav={<AdminSubnav />}
      lead={t('counselors.vocabularies.intro')}
    >
      <nav className="tabs" aria-label={t('counselors.vocabularies.kindsLabel')}>
        <ul>
          {VOCABULARY_KINDS.map((option) => (
            <li key={option}>
              <Link
                to={`/admin/vocabularies?kind=${option}`}
                aria-current={option === kind ? 'page' : undefined}
                data-testid={`vocabulary-kind-${option}`}
              >
                {t(`counselors.vocabularies.kind.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Loaded resource={terms}>
        {(data) => (
          <>
            <TermList
              kind={kind}
              terms={data.filter((term) => term.kind === kind)}
              onChanged={terms.refresh}
            />
            <AddTerm key={kind} kind={kind} onAdded={terms.refresh} />
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}

function TermList({
  kind,
  terms,
  onChanged,
}: {
  kind: VocabularyKind;
  terms: readonly VocabularyTerm[];
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  const action = useActionState();
  const sorted = [...terms].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.sortOrder - b.sortOrder,
  );
  return (
    <section aria-labelledby="vocabulary-list-heading">
      <h2 id="vocabulary-list-heading">{t(`counselors.vocabularies.kind.${kind}`)}</h2>
      <ActionOutcome state={action} testId="vocabulary-change" />
      {sorted.length === 0 ? (
        <p>{t('counselors.vocabularies.empty')}</p>
      ) : (
        <ul className="card-list" data-testid="vocabulary-list">
          {sorted.map((term) => (
            <TermItem key={term.id} term={term} action={action} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TermItem({
  term,
  action,
  onChanged,
}: {
  term: VocabularyTerm;
  action: ActionState;
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const change = (patch: VocabularyPatch) => async () => {
    await updateVocabularyTerm(term.id, patch);
    await onChanged();
  };
  const saved: Message = { key: 'counselors.vocabularies.saved' };
  return (
    <li
      className={term.active ? 'card card--plain term' : 'card card--plain term term--retired'}
      data-testid="vocabulary-term"
      data-code={term.code}
      data-active={term.active ? 'true' : 'false'}
    >
      <p className="term__labels">
        <strong lang="zh-CN">{term.labelZh}</strong> · <span lang="en">{term.labelEn}</span>
      </p>
      <p className="cell-note">
        {t('counselors.vocabularies.meta', { code: term.code, order: term.sortOrder })}{' '}
        {!term.active && <span className="badge">{t('counselors.vocabularies.retired')}</span>}
        {term.kind === 'qualification_type' && (
          <span className="badge">
            {term.qualifies
              ? t('counselors.vocabularies.qualifies')
              : t('counselors.vocabularies.notQualifies')}
          </span>
        )}
      </p>
      {renaming ? (
        <RenameForm
          term={term}
          onDone={async () => {
            await onChanged();
            setRenaming(false);
          }}
          onCancel={() => {
            setRenaming(false);
          }}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="vocabulary-rename"
            onClick={() => {
              setRenaming(true);
            }}
          >
            {t('counselors.vocabularies.rename')}
          </button>
          <ActionButton
            state={action}
            id={term.id}
            testId={term.active ? 'vocabulary-retire' : 'vocabulary-restore'}
            label={
              term.active
                ? t('counselors.vocabularies.retire')
                : t('counselors.vocabularies.restore')
            }
            action={change({ active: !term.active })}
            success={saved}
            small
          />
          {term.kind === 'qualification_type' && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={term.qualifies}
              data-testid="vocabulary-qualifies"
              aria-disabled={action.busy !== null || undefined}
              onClick={() => {
                action.run(term.id, change({ qualifies: !term.qualifies }), saved);
              }}
            >
              {t('counselors.vocabularies.qualifiesToggle')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
