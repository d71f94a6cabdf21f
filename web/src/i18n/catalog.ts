import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enBreach from './locales/en/breach.json';
import enConsent from './locales/en/consent.json';
import enPrivacy from './locales/en/privacy.json';
import enPrivacyAdmin from './locales/en/privacyAdmin.json';
import enRetention from './locales/en/retention.json';
import enSessionRoom from './locales/en/sessionRoom.json';
import zhBreach from './locales/zh-CN/breach.json';
import zhConsent from './locales/zh-CN/consent.json';
import zhPrivacy from './locales/zh-CN/privacy.json';
import zhPrivacyAdmin from './locales/zh-CN/privacyAdmin.json';
import zhRetention from './locales/zh-CN/retention.json';
import zhSessionRoom from './locales/zh-CN/sessionRoom.json';

/**
 * The message catalogues: the shared file of each locale plus one file per feature namespace
 * (`locales/<locale>/<namespace>.json`, mounted under the namespace), so that features are
 * translated in their own files.
 */
export const zhCN = {
  ...zhBase,
  breach: zhBreach,
  consent: zhConsent,
  privacy: zhPrivacy,
  privacyAdmin: zhPrivacyAdmin,
  retention: zhRetention,
  sessionRoom: zhSessionRoom,
};

export const en = {
  ...enBase,
  breach: enBreach,
  consent: enConsent,
  privacy: enPrivacy,
  privacyAdmin: enPrivacyAdmin,
  retention: enRetention,
  sessionRoom: enSessionRoom,
};

/** zh-CN is the reference: its shape types every key. */
export type Catalog = typeof zhCN;
