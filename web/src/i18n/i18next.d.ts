import type zhCN from './locales/zh-CN.json';

// zh-CN is the reference locale: typing keys from it makes a missing or misspelt key a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
