import type { i18n } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import {
  INITIAL_SHELL_DATA,
  ShellDataContext,
  defaultLoaders,
  loadShellData,
  type ShellData,
  type ShellLoaders,
} from './shell-data.ts';

interface ShellDataProviderProps {
  children: ReactNode;
  loaders?: ShellLoaders;
  /** Lets server-side renders in tests start from a known state. */
  initial?: ShellData;
}

export function ShellDataProvider({
  children,
  loaders = defaultLoaders,
  initial = INITIAL_SHELL_DATA,
}: ShellDataProviderProps) {
  const [data, setData] = useState<ShellData>(initial);
  useEffect(() => {
    const controller = new AbortController();
    void loadShellData(controller.signal, loaders).then((loaded) => {
      // StrictMode mounts twice; the first, aborted load must not overwrite the second.
      if (!controller.signal.aborted) setData(loaded);
    });
    return () => {
      controller.abort();
    };
  }, [loaders]);
  return <ShellDataContext value={data}>{children}</ShellDataContext>;
}

interface AppProvidersProps {
  i18n: i18n;
  children: ReactNode;
  loaders?: ShellLoaders;
  initial?: ShellData;
}

export function AppProviders({ i18n, children, ...shell }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ShellDataProvider {...shell}>{children}</ShellDataProvider>
    </I18nextProvider>
  );
}
