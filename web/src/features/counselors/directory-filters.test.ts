import { describe, expect, it } from 'vitest';
import {
  DIRECTORY_PAGE_SIZE,
  directoryQuery,
  filtersFromParams,
  isFiltered,
  pageFromParams,
  paramsFromFilters,
} from './directory-filters.ts';

describe('directory filters', () => {
  it('reads known filters from the address and drops anything it does not know', () => {
    const filters = filtersFromParams(
      new URLSearchParams(
        'specialty=anxiety&modality=video&gender=robot&minPrice=200&maxPrice=abc&sort=cheap&q=%20林%20',
      ),
    );
    expect(filters).toEqual({
      q: '林',
      specialty: 'anxiety',
      approach: '',
      language: '',
      modality: 'video',
      gender: '',
      minPrice: '200',
      maxPrice: '',
      sort: '',
    });
    expect(filtersFromParams(new URLSearchParams('specialty=DROP%20TABLE')).specialty).toBe('');
  });

  it('asks the API in fen and pages with an offset', () => {
    const filters = filtersFromParams(
      new URLSearchParams('language=en&minPrice=299.5&maxPrice=600&sort=price_asc'),
    );
    expect(directoryQuery(filters, 3)).toEqual({
      language: 'en',
      priceMin: 29950,
      priceMax: 60000,
      sort: 'price_asc',
      limit: DIRECTORY_PAGE_SIZE,
      offset: 2 * DIRECTORY_PAGE_SIZE,
    });
  });

  it('writes back only what is set, the page last and only past the first', () => {
    const filters = filtersFromParams(new URLSearchParams('specialty=grief&q=Li'));
    expect(paramsFromFilters(filters)).toEqual({ q: 'Li', specialty: 'grief' });
    expect(paramsFromFilters(filters, 2)).toEqual({ q: 'Li', specialty: 'grief', page: '2' });
    expect(paramsFromFilters(filters, 1)).not.toHaveProperty('page');
  });

  it('reads the page, defaulting to the first', () => {
    expect(pageFromParams(new URLSearchParams('page=4'))).toBe(4);
    expect(pageFromParams(new URLSearchParams('page=-2'))).toBe(1);
    expect(pageFromParams(new URLSearchParams('page=x'))).toBe(1);
  });

  it('tells a filtered list from the full one (sorting does not filter)', () => {
    expect(isFiltered(filtersFromParams(new URLSearchParams('sort=name')))).toBe(false);
    expect(isFiltered(filtersFromParams(new URLSearchParams('gender=female')))).toBe(true);
  });
});
