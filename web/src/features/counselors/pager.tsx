import { useTranslation } from 'react-i18next';

/** Previous / next through numbered pages, saying where we are. */
export function Pager({
  page,
  pages,
  testId,
  onPage,
}: {
  page: number;
  pages: number;
  testId: string;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('counselors.pager.label')} data-testid={testId}>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={page <= 1}
        onClick={() => {
          onPage(page - 1);
        }}
        data-testid={`${testId}-previous`}
      >
        {t('counselors.pager.previous')}
      </button>
      <span>{t('counselors.pager.position', { page, pages })}</span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={page >= pages}
        onClick={() => {
          onPage(page + 1);
        }}
        data-testid={`${testId}-next`}
      >
        {t('counselors.pager.next')}
      </button>
    </nav>
  );
}
