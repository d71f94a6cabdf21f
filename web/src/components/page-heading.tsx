import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeadingProps {
  children: ReactNode;
  /** Short page name for the document title; omit for the brand alone. */
  title?: string;
}

/**
 * Every page's h1. It is focusable (tabIndex -1) because the layout moves focus here after a
 * client-side navigation, which is how screen readers learn that the page changed.
 */
export function PageHeading({ children, title }: PageHeadingProps) {
  const { t } = useTranslation();
  const documentTitle = title ? t('app.pageTitle', { page: title }) : t('app.brand');
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <h1 className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
