import type { RouteObject } from 'react-router';
import { HelpPage } from '../features/help/help-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { ErrorPage, ErrorScreen } from './error-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/**
 * Page errors render inside the layout (the pathless child's errorElement), so the crisis line
 * in the footer stays on screen; only a broken layout falls back to the bare error screen.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <ErrorScreen />,
    children: [
      {
        errorElement: <ErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'help', element: <HelpPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
