import { useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { routes } from './routes.tsx';

export function App() {
  // Created once per mount rather than at import, so importing the module touches no `window`.
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
