import { z } from 'zod';

/** zh-CN is the first language; every string also exists in English. */
export const LOCALES = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'zh-CN';
