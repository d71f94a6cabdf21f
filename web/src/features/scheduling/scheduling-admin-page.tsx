import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { getSchedulingSettings } from './scheduling-api.ts';
import { SchedulingSettingsForm } from './scheduling-settings-form.tsx';
import { SessionTypesEditor } from './session-types-editor.tsx';

/** Administrators' scheduling configuration: the booking rules and the session types. */
export function SchedulingAdminPage() {
  const { t } = useTranslation();
  const settings = useResource('scheduling-settings', getSchedulingSettings);
  return (
    <PageFrame
      testId="scheduling-admin-page"
      width="wide"
      title={t('scheduling.admin.title')}
      heading={t('scheduling.admin.heading')}
      lead={t('scheduling.admin.lead')}
    >
      <Loaded resource={settings}>
        {(data) => <SchedulingSettingsForm settings={data} onSaved={settings.replace} />}
      </Loaded>
      <SessionTypesEditor />
    </PageFrame>
  );
}
