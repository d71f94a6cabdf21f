import {
  RETENTION_RECORD_TYPES,
  retentionSettingsSchema,
  type RetentionSettings,
} from '@anxin/common';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { putRetentionSettings } from './retention-api.ts';

/** Floor and ceiling in days per record type; a ceiling below its floor is named at its field. */
export function RetentionSettingsForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(settings);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState(false);
  const set = (type: string, key: 'floorDays' | 'ceilingDays', raw: string) => {
    setSaved(false);
    setValue((v) => ({
      ...v,
      [type]: { ...v[type as keyof RetentionSettings], [key]: Number(raw) },
    }));
  };
  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = retentionSettingsSchema.safeParse(value);
    if (!parsed.success) {
      setInvalid(new Set(parsed.error.issues.map((i) => i.path.join('.'))));
      return;
    }
    setInvalid(new Set());
    setValue(await putRetentionSettings(value));
    setSaved(true);
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} data-testid="retention-settings" noValidate>
      <h2>{t('retention.settings.heading')}</h2>
      <p>{t('retention.settings.lead')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('retention.settings.recordType')}</th>
            <th scope="col">{t('retention.settings.floorDays')}</th>
            <th scope="col">{t('retention.settings.ceilingDays')}</th>
          </tr>
        </thead>
        <tbody>
          {RETENTION_RECORD_TYPES.map((type) => {
            const bad = invalid.has(`${type}.ceilingDays`);
            return (
              <tr key={type}>
                <th scope="row">{t(`retention.types.${type}`)}</th>
                <td>
                  <input
                    type="number"
                    min={0}
                    aria-label={`${t(`retention.types.${type}`)} ${t('retention.settings.floorDays')}`}
                    value={value[type].floorDays}
                    onChange={(e) => set(type, 'floorDays', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    aria-invalid={bad}
                    aria-label={`${t(`retention.types.${type}`)} ${t('retention.settings.ceilingDays')}`}
                    value={value[type].ceilingDays}
                    onChange={(e) => set(type, 'ceilingDays', e.target.value)}
                  />
                  {bad && (
                    <span className="field-error">{t('retention.settings.ceilingBelowFloor')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit">{t('retention.settings.save')}</button>
      {saved && <p role="status">{t('retention.settings.saved')}</p>}
    </form>
  );
}
