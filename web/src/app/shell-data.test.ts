import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api.ts';
import { loadShellData, type ShellLoaders } from './shell-data.ts';
import { buildMeta } from './test-fixtures.ts';

const META = buildMeta();

const unavailable = () =>
  Promise.reject(
    new ApiError({ type: 'about:blank', title: 'x', status: 503, code: 'service_unavailable' }),
  );

describe('loadShellData', () => {
  const signal = new AbortController().signal;

  it('is ready when meta and session load', async () => {
    const loaders: ShellLoaders = {
      meta: () => Promise.resolve(META),
      session: () => Promise.resolve({ actor: null }),
    };
    await expect(loadShellData(signal, loaders)).resolves.toEqual({
      status: 'ready',
      meta: META,
      actor: null,
    });
  });

  it('degrades instead of failing when a request fails', async () => {
    const loaders: ShellLoaders = { meta: unavailable, session: unavailable };
    await expect(loadShellData(signal, loaders)).resolves.toEqual({
      status: 'degraded',
      meta: null,
      actor: null,
    });
  });

  it('keeps what did load', async () => {
    const loaders: ShellLoaders = { meta: () => Promise.resolve(META), session: unavailable };
    await expect(loadShellData(signal, loaders)).resolves.toMatchObject({
      status: 'degraded',
      meta: META,
    });
  });
});
