import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives a fresh install the embedded database and sensible defaults', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.jobs).toBe(true);
    expect(c.organization.timeZone).toBe('Asia/Shanghai');
  });

  it('names each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', ANXIN_ORG_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', ANXIN_ORG_TIME_ZONE: 'Mars/Olympus' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/ANXIN_ORG_TIME_ZONE/);
    }
  });

  it('reads ICE servers as JSON, with no external server by default', () => {
    expect(loadConfig({}).iceServers).toEqual([]);
    const turn = [
      { urls: ['turn:turn.example.org:3478'], username: 'anxin', credential: 'secret' },
      { urls: 'stun:turn.example.org:3478' },
    ];
    expect(loadConfig({ ANXIN_ICE_SERVERS: JSON.stringify(turn) }).iceServers).toEqual(turn);
    expect(() => loadConfig({ ANXIN_ICE_SERVERS: 'stun:x' })).toThrow(/ANXIN_ICE_SERVERS/);
    expect(() => loadConfig({ ANXIN_ICE_SERVERS: '[{"url":"stun:x"}]' })).toThrow(
      /ANXIN_ICE_SERVERS/,
    );
  });

  it('selects the server database when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).databaseUrl).toBe(
      'postgres://u@h:5432/d',
    );
  });
});
