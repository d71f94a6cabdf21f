import { readyResponseSchema } from '@anxin/common';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

describe('probes', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports alive on /health', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when the database answers and every migration is applied', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    const body = readyResponseSchema.parse(res.json());
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'migrations']);
  });

  it('reports not ready (503) when a migration is missing', async () => {
    t = await createTestApp();
    await t.database.query(
      `DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)`,
    );
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    const body = readyResponseSchema.parse(res.json());
    expect(body.checks.find((c) => c.name === 'migrations')?.ok).toBe(false);
  });

  it('reports not ready (503) when the database is gone', async () => {
    t = await createTestApp();
    await t.database.close();
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    const body = readyResponseSchema.parse(res.json());
    expect(body.checks.find((c) => c.name === 'database')?.ok).toBe(false);
  });

  it('reports not ready when jobs are configured but not running', async () => {
    t = await createTestApp({ jobs: true });
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(readyResponseSchema.parse(res.json()).checks).toContainEqual({
      name: 'jobs',
      ok: false,
      detail: 'stopped',
    });
  });
});

describe('meta', () => {
  it('names the organisation created at first start and the languages', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ url: '/api/v1/meta' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        product: 'anxin',
        organization: { name: t.ctx.config.organization.name, timeZone: 'Asia/Shanghai' },
        locales: ['zh-CN', 'en'],
      });
    } finally {
      await t.close();
    }
  });
});
