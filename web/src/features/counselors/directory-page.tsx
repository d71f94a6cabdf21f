import { DIRECTORY_SORTS, GENDERS, MODALITIES, type DirectoryCounselor } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { pageCount } from './admin-list-view.ts';
import { searchDirectory } from './counselor-api.ts';
import {
  DIRECTORY_FILTERS,
  DIRECTORY_PAGE_SIZE,
  directoryQuery,
  filtersFromParams,
  isFiltered,
  pageFromParams,
  paramsFromFilters,
  type DirectoryFilters,
} from './directory-filters.ts';
import { Avatar, InputField, TagList } from './fields.tsx';
import { checkedSubmit } from './form-helpers.ts';
import { formatYuan, yuanToFen } from './money.ts';
import { Pager } from './pager.tsx';
import { yearsText } from './texts.ts';
import { useVocabularies, type Vocabularies } from './use-vocabularies.ts';

/** The public directory (A7): approved, currently qualified counselors only. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const page = pageFromParams(params);
  const key = new URLSearchParams(paramsFromFilters(filters, page)).toString();
  const results = useResource(`directory:${key}`, (signal) =>
    searchDirectory(directoryQuery(filters, page), signal),
  );
  const vocabularies = useVocabularies();
  const filterKey = new URLSearchParams(paramsFromFilters(filters)).toString();

  return (
    <div className="page page--full" data-testid="directory-page">
      <PageHeading title={t('counselors.directory.title')}>
        {t('counselors.directory.heading')}
      </PageHeading>
      <p className="lead">{t('counselors.directory.intro')}</p>
      <div className="directory">
        <FilterForm
          key={filterKey}
          filters={filters}
          vocabularies={vocabularies}
          onApply={(next) => {
            setParams(paramsFromFilters(next));
          }}
        />
        <section className="directory__results" aria-labelledby="directory-results-heading">
          <h2 id="directory-results-heading" className="visually-hidden">
            {t('counselors.directory.resultsHeading')}
          </h2>
          {results.status === 'loading' && <Loading />}
          {results.status === 'error' && (
            <LoadError error={results.error} onRetry={results.reload} />
          )}
          {results.status === 'ready' && (
            <>
              <p role="status" className="status-line" data-testid="directory-count">
                {t('counselors.directory.count', { count: results.data.total })}
              </p>
              {results.data.items.length === 0 ? (
                <p data-testid="directory-empty">
                  {isFiltered(filters)
                    ? t('counselors.directory.noMatch')
                    : t('counselors.directory.noneListed')}
                </p>
              ) : (
                <ul className="counselor-cards" data-testid="directory-list">
                  {results.data.items.map((counselor) => (
                    <CounselorCard
                      key={counselor.id}
                      counselor={counselor}
                      vocabularies={vocabularies}
                    />
                  ))}
                </ul>
              )}
              <Pager
                page={page}
                pages={pageCount(results.data.total, DIRECTORY_PAGE_SIZE)}
                testId="directory-pager"
                onPage={(next) => {
                  setParams(paramsFromFilters(filters, next));
                }}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function FilterForm({
  filters,
  vocabularies,
  onApply,
}: {
  filters: DirectoryFilters;
  vocabularies: Vocabularies;
  onApply: (filters: DirectoryFilters) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const bodyId = useId();
  // On a phone the filters fold away behind a button, so the results come into view.
  const [open, setOpen] = useState(false);
  const form = useForm('directory-filter', DIRECTORY_FILTERS, filters);
  const active = DIRECTORY_FILTERS.filter((name) => name !== 'sort' && filters[name] !== '').length;
  const any = { value: '', label: t('counselors.directory.any') };
  const vocabularyOptions = (kind: Parameters<Vocabularies['options']>[0], current: string) => [
    any,
    ...vocabularies.options(kind, current ? [current] : []),
  ];
  const onSubmit = checkedSubmit(
    form,
    (values) => {
      const fields: Partial<Record<keyof DirectoryFilters, Message>> = {};
      const min = values.minPrice.trim() ? yuanToFen(values.minPrice) : 0;
      const max = values.maxPrice.trim() ? yuanToFen(values.maxPrice) : null;
      if (min === null) fields.minPrice = { key: 'counselors.fieldErrors.fee' };
      if (values.maxPrice.trim() && max === null)
        fields.maxPrice = { key: 'counselors.fieldErrors.fee' };
      else if (min !== null && max !== null && max < min)
        fields.maxPrice = { key: 'counselors.fieldErrors.priceRange' };
      return { fields, form: null };
    },
    form.onSubmit(async (values) => {
      onApply({ ...values });
    }),
  );
  return (
    <section
      className={open ? 'panel directory__filters is-open' : 'panel directory__filters'}
      aria-labelledby={headingId}
    >
      <div className="directory__filters-head">
        <h2 id={headingId}>{t('counselors.directory.filterHeading')}</h2>
        <button
          type="button"
          className="button button--secondary button--small directory__filters-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid="directory-filters-toggle"
          onClick={() => {
            setOpen(!open);
          }}
        >
          {open
            ? t('counselors.directory.hideFilters')
            : active > 0
              ? t('counselors.directory.showFiltersActive', { count: active })
              : t('counselors.directory.showFilters')}
        </button>
      </div>
      <div role="search" id={bodyId} className="directory__filters-body">
        <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
          <TextField
            form={form}
            name="q"
            type="search"
            label={t('counselors.directory.q')}
            hint={t('counselors.directory.qHint')}
            maxLength={50}
          />
          <SelectField
            form={form}
            name="specialty"
            label={t('counselors.fields.specialty')}
            options={vocabularyOptions('specialty', filters.specialty)}
          />
          <SelectField
            form={form}
            name="approach"
            label={t('counselors.fields.approach')}
            options={vocabularyOptions('approach', filters.approach)}
          />
          <SelectField
            form={form}
            name="language"
            label={t('counselors.fields.language')}
            options={vocabularyOptions('language', filters.language)}
          />
          <SelectField
            form={form}
            name="modality"
            label={t('counselors.fields.modality')}
            options={[
              any,
              ...MODALITIES.map((value) => ({ value, label: t(`counselors.modality.${value}`) })),
            ]}
          />
          <SelectField
            form={form}
            name="gender"
            label={t('counselors.fields.gender')}
            options={[
              any,
              ...GENDERS.filter((value) => value !== 'undisclosed').map((value) => ({
                value,
                label: t(`counselors.gender.${value}`),
              })),
            ]}
          />
          <fieldset className="fieldset">
            <legend className="field__label">{t('counselors.directory.price')}</legend>
            <p className="field__hint">{t('counselors.directory.priceHint')}</p>
            <div className="form-row form-row--tight">
              <InputField
                form={form}
                name="minPrice"
                label={t('counselors.directory.minPrice')}
                inputMode="decimal"
                maxLength={10}
                suffix={t('counselors.units.yuan')}
              />
              <InputField
                form={form}
                name="maxPrice"
                label={t('counselors.directory.maxPrice')}
                inputMode="decimal"
                maxLength={10}
                suffix={t('counselors.units.yuan')}
              />
            </div>
          </fieldset>
          <SelectField
            form={form}
            name="sort"
            label={t('counselors.directory.sort')}
            options={DIRECTORY_SORTS.map((value) => ({
              value: value === 'relevance' ? '' : value,
              label: t(`counselors.directory.sortBy.${value}`),
            }))}
          />
          <div className="actions">
            <SubmitButton form={form}>{t('counselors.directory.apply')}</SubmitButton>
            <Link
              className="button button--secondary"
              to="/counselors"
              data-testid="directory-clear"
            >
              {t('counselors.directory.clear')}
            </Link>
          </div>
        </Form>
      </div>
    </section>
  );
}

export function CounselorCard({
  counselor,
  vocabularies,
}: {
  counselor: DirectoryCounselor;
  vocabularies: Vocabularies;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `counselor-${counselor.id}`;
  return (
    <li className="counselor-card" data-testid="directory-card" data-counselor-id={counselor.id}>
      <div className="counselor-card__head">
        <Avatar name={counselor.displayName} photoUrl={counselor.photoUrl} />
        <div>
          <h3 id={headingId} className="counselor-card__name">
            <Link to={`/counselors/${counselor.id}`} data-testid="directory-card-link">
              {counselor.displayName}
            </Link>
          </h3>
          <p className="counselor-card__meta">
            {yearsText(t, counselor.yearsOfPractice)}
            {counselor.feeFromFen !== null && (
              <>
                {' · '}
                <strong data-testid="directory-card-fee">
                  {t('counselors.directory.feeFrom', {
                    amount: formatYuan(counselor.feeFromFen, i18n.language),
                  })}
                </strong>
              </>
            )}
          </p>
        </div>
      </div>
      <TagList
        label={t('counselors.fields.specialties')}
        items={vocabularies.labels('specialty', counselor.specialties)}
      />
      <dl className="facts facts--inline">
        {counselor.approaches.length > 0 && (
          <>
            <dt>{t('counselors.fields.approaches')}</dt>
            <dd>
              {vocabularies
                .labels('approach', counselor.approaches)
                .join(t('common.listSeparator'))}
            </dd>
          </>
        )}
        {counselor.modalities.length > 0 && (
          <>
            <dt>{t('counselors.fields.modalities')}</dt>
            <dd>
              {counselor.modalities
                .map((modality) => t(`counselors.modality.${modality}`))
                .join(t('common.listSeparator'))}
            </dd>
          </>
        )}
        {counselor.languages.length > 0 && (
          <>
            <dt>{t('counselors.fields.languages')}</dt>
            <dd>
              {vocabularies.labels('language', counselor.languages).join(t('common.listSeparator'))}
            </dd>
          </>
        )}
        {counselor.qualificationTypes.length > 0 && (
          <>
            <dt>{t('counselors.directory.verifiedQualifications')}</dt>
            <dd data-testid="directory-card-qualifications">
              {vocabularies
                .labels('qualification_type', counselor.qualificationTypes)
                .join(t('common.listSeparator'))}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}
