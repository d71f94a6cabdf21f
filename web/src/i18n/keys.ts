import type { Catalog } from './catalog.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translation key, from the reference locale: a misspelt key fails to compile. */
export type MessageKey = Leaves<Catalog>;

/** A message to show, not yet translated: code that decides what to say stays free of i18n. */
export interface Message {
  key: MessageKey;
  values?: Record<string, string | number>;
}
