// Before anything that builds zod schemas: the page's CSP forbids eval.
import '@anxin/common/strict-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { ErrorScreen } from './app/error-page.tsx';
import { AppProviders } from './app/providers.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { createI18n, syncDocumentLanguage } from './i18n/i18n.ts';
import { browserStorage, initialLocale } from './i18n/locale-preference.ts';
import './app/styles/base.css';
import './app/styles/layout.css';
import './app/styles/pages.css';
import './app/styles/forms.css';
import './app/styles/content.css';
import './app/styles/counselors.css';
import './app/styles/scheduling.css';

const i18n = createI18n(initialLocale(browserStorage()));
syncDocumentLanguage(i18n, document.documentElement);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AppProviders i18n={i18n}>
      <ErrorBoundary fallback={<ErrorScreen />}>
        <App />
      </ErrorBoundary>
    </AppProviders>
  </StrictMode>,
);
