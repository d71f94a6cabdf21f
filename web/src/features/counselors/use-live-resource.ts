import { useResource, type Resource } from '../../lib/use-resource.ts';

export type LiveResource<T> = Resource<T> & {
  /**
   * Loads again without going back to the loading state, so the page keeps its place, its
   * focus and its messages after a change; a failure is thrown to the caller.
   */
  refresh: () => Promise<void>;
};

export function useLiveResource<T>(
  key: string | null,
  load: (signal?: AbortSignal) => Promise<T>,
): LiveResource<T> {
  const resource = useResource(key, load);
  const { replace } = resource;
  return {
    ...resource,
    refresh: async () => {
      replace(await load());
    },
  };
}
