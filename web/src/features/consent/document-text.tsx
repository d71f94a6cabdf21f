import type { PolicyDocument } from '@anxin/common';
import { useTranslation } from 'react-i18next';

/** A document in the reader's language, with its version: the whole text, nothing folded away. */
export function DocumentText({ doc, testId }: { doc: PolicyDocument; testId?: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <article className="panel" data-testid={testId ?? `document-${doc.kind}`}>
      <h2>{zh ? doc.titleZh : doc.titleEn}</h2>
      <p className="field__hint">
        {t('consent.document.version', { version: doc.version })}
        {doc.effectiveAt &&
          ` · ${t('consent.document.effective', { date: doc.effectiveAt.slice(0, 10) })}`}
      </p>
      <div className="prose">{zh ? doc.bodyZh : doc.bodyEn}</div>
    </article>
  );
}
