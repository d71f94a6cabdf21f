import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactQuery, serializeError } from './logging.ts';

describe('redactQuery', () => {
  it('keeps parameter names and drops every value', () => {
    expect(redactQuery('/api/v1/x?token=abc&email=a%40b.c&flag')).toBe(
      '/api/v1/x?token=[redacted]&email=[redacted]&flag=[redacted]',
    );
  });
  it('leaves a URL without query alone', () => {
    expect(redactQuery('/api/v1/meta')).toBe('/api/v1/meta');
  });
});

describe('serializeError', () => {
  it('keeps the SQL of a failed query but drops its parameters', () => {
    const err = new Error('Failed query: insert into "people" ("name") values ($1)\nparams: 张三');
    (err as Error & { cause: unknown }).cause = Object.assign(new Error('dup'), { code: '23505' });
    const out = serializeError(err);
    expect(out.message).toBe('Failed query: insert into "people" ("name") values ($1)');
    expect(JSON.stringify(out)).not.toContain('张三');
    expect(out.cause).toEqual({ type: 'Error', code: '23505' });
  });
  it('replaces a parser message that quotes its input', () => {
    let err: unknown;
    try {
      JSON.parse('{"password": "hunter2');
    } catch (e) {
      err = e;
    }
    expect(JSON.stringify(serializeError(err))).not.toContain('hunter2');
  });
});

describe('the logger', () => {
  it('redacts secrets that code passes to it by mistake', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', stream);
    log.info({ user: { password: 'p4ss', token: 't0k' }, headers: { cookie: 'c00k' } }, 'oops');
    const text = lines.join('');
    expect(text).toContain('oops');
    for (const secret of ['p4ss', 't0k', 'c00k']) expect(text).not.toContain(secret);
  });
});
