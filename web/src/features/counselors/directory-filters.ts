import { DIRECTORY_SORTS, GENDERS, MODALITIES } from '@anxin/common';
import type { DirectoryApiQuery } from './counselor-api.ts';
import { yuanToFen } from './money.ts';

export const DIRECTORY_PAGE_SIZE = 12;

/** The directory's filters as the address carries them; prices in yuan, as people type them. */
export interface DirectoryFilters {
  q: string;
  specialty: string;
  approach: string;
  language: string;
  modality: string;
  gender: string;
  minPrice: string;
  maxPrice: string;
  sort: string;
}

export const DIRECTORY_FILTERS = [
  'q',
  'specialty',
  'approach',
  'language',
  'modality',
  'gender',
  'minPrice',
  'maxPrice',
  'sort',
] as const satisfies readonly (keyof DirectoryFilters)[];

export const EMPTY_FILTERS: DirectoryFilters = {
  q: '',
  specialty: '',
  approach: '',
  language: '',
  modality: '',
  gender: '',
  minPrice: '',
  maxPrice: '',
  sort: '',
};

const CODE = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const oneOf = (values: readonly string[], value: string) => (values.includes(value) ? value : '');

/** The filters in the address, each dropped when it is not a value the directory knows. */
export function filtersFromParams(params: URLSearchParams): DirectoryFilters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const code = (name: string) => (CODE.test(get(name)) ? get(name) : '');
  const price = (name: string) => (yuanToFen(get(name)) === null ? '' : get(name));
  return {
    q: get('q').slice(0, 50),
    specialty: code('specialty'),
    approach: code('approach'),
    language: code('language'),
    modality: oneOf(MODALITIES, get('modality')),
    gender: oneOf(GENDERS, get('gender')),
    minPrice: price('minPrice'),
    maxPrice: price('maxPrice'),
    sort: oneOf(DIRECTORY_SORTS, get('sort')),
  };
}

export function pageFromParams(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** Back to the address: only the filters that are set, then the page when not the first. */
export function paramsFromFilters(filters: DirectoryFilters, page = 1): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of DIRECTORY_FILTERS) {
    const value = filters[name].trim();
    if (value) params[name] = value;
  }
  if (page > 1) params.page = String(page);
  return params;
}

/** The API query: prices in fen, paging as offset. */
export function directoryQuery(filters: DirectoryFilters, page: number): DirectoryApiQuery {
  const fen = (text: string) => (text ? (yuanToFen(text) ?? undefined) : undefined);
  const query: DirectoryApiQuery = {
    limit: DIRECTORY_PAGE_SIZE,
    offset: (page - 1) * DIRECTORY_PAGE_SIZE,
  };
  if (filters.q) query.q = filters.q;
  if (filters.specialty) query.specialty = filters.specialty;
  if (filters.approach) query.approach = filters.approach;
  if (filters.language) query.language = filters.language;
  if (filters.modality) query.modality = filters.modality;
  if (filters.gender) query.gender = filters.gender;
  const priceMin = fen(filters.minPrice);
  const priceMax = fen(filters.maxPrice);
  if (priceMin !== undefined) query.priceMin = priceMin;
  if (priceMax !== undefined) query.priceMax = priceMax;
  if (filters.sort) query.sort = filters.sort;
  return query;
}

/** Whether any filter narrows the list (for "no match" versus "nobody listed yet"). */
export function isFiltered(filters: DirectoryFilters): boolean {
  return DIRECTORY_FILTERS.some((name) => name !== 'sort' && filters[name] !== '');
}
