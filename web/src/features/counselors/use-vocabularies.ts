import type { VocabularyKind, VocabularyTerm } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../lib/use-resource.ts';
import { listVocabularies } from './counselor-api.ts';
import {
  vocabularyLabel,
  vocabularyLabels,
  vocabularyOptions,
  type TermOption,
} from './counselor-format.ts';

export interface Vocabularies {
  /** Every term, retired ones included (old profiles still name them); empty until loaded. */
  terms: readonly VocabularyTerm[];
  ready: boolean;
  error: unknown;
  reload: () => void;
  label: (kind: VocabularyKind, code: string) => string;
  labels: (kind: VocabularyKind, codes: readonly string[]) => string[];
  options: (kind: VocabularyKind, selected?: readonly string[]) => TermOption[];
}

/** The organisation's vocabularies, labelled in the page's current language. */
export function useVocabularies(): Vocabularies {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const resource = useResource('counselor-vocabularies', (signal) => listVocabularies(signal));
  const terms = resource.status === 'ready' ? resource.data : [];
  return {
    terms,
    ready: resource.status === 'ready',
    error: resource.status === 'error' ? resource.error : null,
    reload: resource.reload,
    label: (kind, code) => vocabularyLabel(terms, kind, code, locale),
    labels: (kind, codes) => vocabularyLabels(terms, kind, codes, locale),
    options: (kind, selected = []) => vocabularyOptions(terms, kind, locale, selected),
  };
}
