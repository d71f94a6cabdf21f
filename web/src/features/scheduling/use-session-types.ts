import type { sessionTypeSchema } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../lib/use-resource.ts';
import { listSessionTypes } from './scheduling-api.ts';

type SessionType = ReturnType<(typeof sessionTypeSchema)['parse']>;

export interface SessionTypes {
  /** The active types, in their order; empty while loading or when the list is unavailable. */
  active: SessionType[];
  /** A type's name in the page's language; the code itself when the type is unknown. */
  label: (code: string) => string;
}

/** The organisation's session types. Optional to every page: codes stand in while absent. */
export function useSessionTypes(): SessionTypes {
  const { i18n } = useTranslation();
  const types = useResource('session-types', listSessionTypes);
  const all = types.status === 'ready' ? types.data : [];
  return {
    active: all.filter((type) => type.active).sort((a, b) => a.sortOrder - b.sortOrder),
    label: (code) => {
      const type = all.find((candidate) => candidate.code === code);
      if (!type) return code;
      return i18n.language === 'en' ? type.labelEn : type.labelZh;
    },
  };
}
