import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.tsx';

/** Backup codes, shown once: the list, a copy button and what to do with them. */
export function BackupCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel panel--important" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('backupCodes.heading')}</h2>
      <p>
        <strong>{t('backupCodes.storeSafely')}</strong>
      </p>
      <p>{t('backupCodes.explain')}</p>
      <ol className="code-list" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>
            <code data-testid="backup-code">{code}</code>
          </li>
        ))}
      </ol>
      <CopyButton
        text={codes.join('\n')}
        testId="backup-codes-copy"
        label={t('backupCodes.copy')}
      />
    </section>
  );
}
