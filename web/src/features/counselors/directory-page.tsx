import { DIRECTORY_SORTS, GENDERS, MODALITIES } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
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
import { AmountField } from './fields.tsx';
import { CounselorCard } from './counselor-card.tsx';
import { checkedSubmit } from './form-helpers.ts';
import { yuanToFen } from './money.ts';
import { Pager } from './pager.tsx';
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
    <PageFrame
      testId="directory-page"
      width="full"
      title={t('counselors.directory.title')}
      heading={t('counselors.directory.heading')}
      lead={t('counselors.directory.intro')}
    >
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
          <Loaded resource={results}>
            {(data) => (
              <>
                <p role="status" className="status-line" data-testid="directory-count">
                  {t('counselors.directory.count', { count: data.total })}
                </p>
                {data.items.length === 0 ? (
                  <p data-testid="directory-empty">
                    {isFiltered(filters)
                      ? t('counselors.directory.noMatch')
                      : t('counselors.directory.noneListed')}
                  </p>
                ) : (
                  <ul className="counselor-cards" data-testid="directory-list">
                    {data.items.map((counselor) => (
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
                  pages={pageCount(data.total, DIRECTORY_PAGE_SIZE)}
                  testId="directory-pager"
                  onPage={(next) => {
                    setParams(paramsFromFilters(filters, next));
                  }}
                />
              </>
            )}
          </Loaded>
        </section>
      </div>
    </PageFrame>
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
          {(['specialty', 'approach', 'language'] as const).map((kind) => (
            <SelectField
              key={kind}
              form={form}
              name={kind}
              label={t(`counselors.fields.${kind}`)}
              options={vocabularyOptions(kind, filters[kind])}
            />
          ))}
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
              {(['minPrice', 'maxPrice'] as const).map((name) => (
                <AmountField
                  key={name}
                  form={form}
                  name={name}
                  label={t(`counselors.directory.${name}`)}
                  unit="yuan"
                  decimal
                  maxLength={10}
                />
              ))}
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
