import {
  VOCABULARY_KINDS,
  vocabularyCreateSchema,
  vocabularyUpdateSchema,
  type VocabularyKind,
  type VocabularyTerm,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { ActionOutcome, useActionState } from './action-state.tsx';
import { AdminSubnav } from './admin-subnav.tsx';
import { createVocabularyTerm, listVocabularies, updateVocabularyTerm } from './counselor-api.ts';
import { InputField } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import { useLiveResource } from './use-live-resource.ts';

type Refresh = () => Promise<void>;

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
    <div className="page page--wide" data-testid="admin-vocabularies-page">
      <PageHeading title={t('counselors.vocabularies.title')}>
        {t('counselors.vocabularies.heading')}
      </PageHeading>
      <AdminSubnav />
      <p className="lead">{t('counselors.vocabularies.intro')}</p>
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
      {terms.status === 'loading' && <Loading />}
      {terms.status === 'error' && <LoadError error={terms.error} onRetry={terms.reload} />}
      {terms.status === 'ready' && (
        <>
          <TermList
            kind={kind}
            terms={terms.data.filter((term) => term.kind === kind)}
            onChanged={terms.refresh}
          />
          <AddTerm key={kind} kind={kind} onAdded={terms.refresh} />
        </>
      )}
    </div>
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
  const change = (term: VocabularyTerm, patch: Parameters<typeof updateVocabularyTerm>[1]) => {
    action.run(
      term.id,
      async () => {
        await updateVocabularyTerm(term.id, patch);
        await onChanged();
      },
      { key: 'counselors.vocabularies.saved' },
    );
  };
  return (
    <section aria-labelledby="vocabulary-list-heading">
      <h2 id="vocabulary-list-heading">{t(`counselors.vocabularies.kind.${kind}`)}</h2>
      <ActionOutcome state={action} testId="vocabulary-change" />
      {sorted.length === 0 ? (
        <p>{t('counselors.vocabularies.empty')}</p>
      ) : (
        <ul className="card-list" data-testid="vocabulary-list">
          {sorted.map((term) => (
            <TermItem
              key={term.id}
              term={term}
              busy={action.busy}
              onChange={(patch) => {
                change(term, patch);
              }}
              onRenamed={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TermItem({
  term,
  busy,
  onChange,
  onRenamed,
}: {
  term: VocabularyTerm;
  busy: string | null;
  onChange: (patch: Parameters<typeof updateVocabularyTerm>[1]) => void;
  onRenamed: Refresh;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const working = busy === term.id;
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
            await onRenamed();
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
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid={term.active ? 'vocabulary-retire' : 'vocabulary-restore'}
            aria-disabled={busy !== null || undefined}
            onClick={() => {
              onChange({ active: !term.active });
            }}
          >
            {working
              ? t('form.working')
              : term.active
                ? t('counselors.vocabularies.retire')
                : t('counselors.vocabularies.restore')}
          </button>
          {term.kind === 'qualification_type' && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={term.qualifies}
              data-testid="vocabulary-qualifies"
              aria-disabled={busy !== null || undefined}
              onClick={() => {
                onChange({ qualifies: !term.qualifies });
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

const RENAME_FIELDS = ['labelZh', 'labelEn', 'sortOrder'] as const;
type RenameValues = Readonly<Record<(typeof RENAME_FIELDS)[number], string>>;

const orderOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function RenameForm({
  term,
  onDone,
  onCancel,
}: {
  term: VocabularyTerm;
  onDone: Refresh;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm('vocabulary-rename', RENAME_FIELDS, {
    labelZh: term.labelZh,
    labelEn: term.labelEn,
    sortOrder: String(term.sortOrder),
  });
  const toBody = (values: RenameValues) => ({
    labelZh: values.labelZh,
    labelEn: values.labelEn,
    sortOrder: orderOf(values.sortOrder),
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(validateBody(vocabularyUpdateSchema, toBody(values)), RENAME_FIELDS, {
        labelZh: { key: 'counselors.fieldErrors.label', values: { max: 60 } },
        labelEn: { key: 'counselors.fieldErrors.label', values: { max: 80 } },
        sortOrder: { key: 'counselors.fieldErrors.range', values: { min: 0, max: 10000 } },
      }),
    form.onSubmit(async (values) => {
      await updateVocabularyTerm(term.id, toBody(values));
      await onDone();
    }),
  );
  return (
    <div className="subpanel">
      <h3 id={headingId} className="visually-hidden">
        {t('counselors.vocabularies.renameHeading', { code: term.code })}
      </h3>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId} className="form--grid">
        <TextField
          form={form}
          name="labelZh"
          label={t('counselors.vocabularies.labelZh')}
          maxLength={60}
          required
        />
        <TextField
          form={form}
          name="labelEn"
          label={t('counselors.vocabularies.labelEn')}
          maxLength={80}
          required
        />
        <InputField
          form={form}
          name="sortOrder"
          label={t('counselors.vocabularies.sortOrder')}
          inputMode="numeric"
          maxLength={5}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('counselors.vocabularies.save')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </Form>
    </div>
  );
}

const ADD_FIELDS = ['code', 'labelZh', 'labelEn', 'sortOrder'] as const;
type AddValues = Readonly<Record<(typeof ADD_FIELDS)[number], string>>;

function AddTerm({ kind, onAdded }: { kind: VocabularyKind; onAdded: Refresh }) {
  const { t } = useTranslation();
  const headingId = useId();
  const qualifiesId = useId();
  const [qualifies, setQualifies] = useState(true);
  const [added, setAdded] = useState(false);
  const form = useForm('vocabulary-add', ADD_FIELDS, { sortOrder: '0' });
  const toBody = (values: AddValues) => ({
    kind,
    code: values.code.trim(),
    labelZh: values.labelZh,
    labelEn: values.labelEn,
    sortOrder: orderOf(values.sortOrder || '0'),
    qualifies: kind === 'qualification_type' ? qualifies : true,
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(validateBody(vocabularyCreateSchema, toBody(values)), ADD_FIELDS, {
        code: { key: 'counselors.fieldErrors.code' },
        labelZh: { key: 'counselors.fieldErrors.label', values: { max: 60 } },
        labelEn: { key: 'counselors.fieldErrors.label', values: { max: 80 } },
        sortOrder: { key: 'counselors.fieldErrors.range', values: { min: 0, max: 10000 } },
      }),
    form.onSubmit(
      async (values) => {
        setAdded(false);
        await createVocabularyTerm(toBody(values));
        form.reset({ sortOrder: '0' });
        await onAdded();
        setAdded(true);
      },
      { overrides: { conflict: 'counselors.vocabularies.conflict' } },
    ),
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('counselors.vocabularies.addHeading', {
          kind: t(`counselors.vocabularies.kind.${kind}`),
        })}
      </h2>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId} className="form--grid">
        <InputField
          form={form}
          name="code"
          label={t('counselors.vocabularies.code')}
          hint={t('counselors.vocabularies.codeHint')}
          maxLength={48}
          required
        />
        <TextField
          form={form}
          name="labelZh"
          label={t('counselors.vocabularies.labelZh')}
          maxLength={60}
          required
        />
        <TextField
          form={form}
          name="labelEn"
          label={t('counselors.vocabularies.labelEn')}
          maxLength={80}
          required
        />
        <InputField
          form={form}
          name="sortOrder"
          label={t('counselors.vocabularies.sortOrder')}
          hint={t('counselors.vocabularies.sortOrderHint')}
          inputMode="numeric"
          maxLength={5}
        />
        {kind === 'qualification_type' && (
          <div className="checkbox">
            <input
              id={qualifiesId}
              type="checkbox"
              checked={qualifies}
              data-testid="vocabulary-add-qualifies"
              onChange={(event) => {
                setQualifies(event.target.checked);
              }}
            />
            <label htmlFor={qualifiesId}>{t('counselors.vocabularies.qualifiesLabel')}</label>
          </div>
        )}
        <div className="actions">
          <SubmitButton form={form}>{t('counselors.vocabularies.add')}</SubmitButton>
        </div>
      </Form>
      <p className="status-line" role="status" data-testid="vocabulary-added">
        {added && t('counselors.vocabularies.added')}
      </p>
    </section>
  );
}
