import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enAssessments from './locales/en/assessments.json';
import enBreach from './locales/en/breach.json';
import enCarePlans from './locales/en/carePlans.json';
import enClinicalSettings from './locales/en/clinicalSettings.json';
import enConsent from './locales/en/consent.json';
import enPrivacy from './locales/en/privacy.json';
import enPrivacyAdmin from './locales/en/privacyAdmin.json';
import enRecords from './locales/en/records.json';
import enRetention from './locales/en/retention.json';
import enSessionRoom from './locales/en/sessionRoom.json';
import zhAssessments from './locales/zh-CN/assessments.json';
import zhBreach from './locales/zh-CN/breach.json';
import zhCarePlans from './locales/zh-CN/carePlans.json';
import zhClinicalSettings from './locales/zh-CN/clinicalSettings.json';
import zhConsent from './locales/zh-CN/consent.json';
import zhPrivacy from './locales/zh-CN/privacy.json';
import zhPrivacyAdmin from './locales/zh-CN/privacyAdmin.json';
import zhRecords from './locales/zh-CN/records.json';
import zhRetention from './locales/zh-CN/retention.json';
import zhSessionRoom from './locales/zh-CN/sessionRoom.json';

/**
 * The message catalogues: the shared file of each locale plus one file per feature namespace
 * (`locales/<locale>/<namespace>.json`, mounted under the namespace), so that features are
 * translated in their own files.
 */
export const zhCN = {
  ...zhBase,
  assessments: zhAssessments,
  breach: zhBreach,
  carePlans: zhCarePlans,
  clinicalSettings: zhClinicalSettings,
  consent: zhConsent,
  privacy: zhPrivacy,
  privacyAdmin: zhPrivacyAdmin,
  records: zhRecords,
  retention: zhRetention,
  sessionRoom: zhSessionRoom,
};

export const en = {
  ...enBase,
  assessments: enAssessments,
  breach: enBreach,
  carePlans: enCarePlans,
  clinicalSettings: enClinicalSettings,
  consent: enConsent,
  privacy: enPrivacy,
  privacyAdmin: enPrivacyAdmin,
  records: enRecords,
  retention: enRetention,
  sessionRoom: enSessionRoom,
};

/** zh-CN is the reference: its shape types every key. */
export type Catalog = typeof zhCN;
