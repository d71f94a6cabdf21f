import type { Catalog } from './catalog.ts';

// zh-CN is the reference locale: typing keys from it makes a missing or misspelt key a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}
