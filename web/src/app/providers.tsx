import type { i18n } from 'i18next';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import {
  INITIAL_SHELL_DATA,
  ShellDataContext,
  defaultLoaders,
  loadShellData,
  type Actor,
  type Shell,
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

  const setActor = useCallback((actor: Actor | null) => {
    setData((current) => ({ ...current, actor }));
  }, []);
  const refreshSession = useCallback(async () => {
    try {
      const { actor } = await loaders.session(new AbortController().signal);
      setData((current) => ({ ...current, actor }));
    } catch {
      // Keep what we had: a failed refresh must not sign anyone out on screen.
    }
  }, [loaders]);
  const reload = useCallback(async () => {
    setData(await loadShellData(new AbortController().signal, loaders));
  }, [loaders]);

  const shell = useMemo<Shell>(
    () => ({ ...data, setActor, refreshSession, reload }),
    [data, setActor, refreshSession, reload],
  );
  return <ShellDataContext value={shell}>{children}</ShellDataContext>;
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
