import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryKeyShareStore } from '../../platform/crypto/key-shares.ts';
import { loadKeyring } from '../../platform/crypto/keyring.ts';
import { Vault } from '../../platform/crypto/vault.ts';
import { spawnServer, type SpawnedServer } from '../../test/spawn-server.ts';
import { testBackend } from '../../test/test-database.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { liveRoom, SocketClient, type LiveRoom } from './socket.test-support.ts';

/**
 * Scale-out (issue 7.6): two server processes on one PostgreSQL database deliver a room's chat
 * between them through LISTEN/NOTIFY. The embedded database is opened by one process only, so
 * there is nothing to show there.
 */
describe.skipIf(testBackend() !== 'postgres')(
  'room socket across two server processes (PostgreSQL only: an embedded database has one process)',
  () => {
    let t: TestApp;
    let dir: string;
    let room: LiveRoom;
    const servers: SpawnedServer[] = [];

    beforeAll(async () => {
      t = await createTestApp();
      // The processes and this test share one keyring and share directory, as the instances of
      // one deployment do: a message sealed by one is opened by the other.
      dir = mkdtempSync(join(tmpdir(), 'anxin-instances-'));
      const { keyring } = loadKeyring({
        file: join(dir, 'keyring.json'),
        masterKey: undefined,
        allowGenerate: true,
      });
      t.ctx.vault = new Vault(keyring, new DirectoryKeyShareStore(join(dir, 'key-shares')));
      room = await liveRoom(t, 'scale');
      const env = {
        DATABASE_URL: t.database.url ?? '',
        ANXIN_DATA_DIR: dir,
        ANXIN_JOBS: 'off',
        ANXIN_DEMO: '0',
        ANXIN_LOG_LEVEL: 'warn',
      };
      servers.push(spawnServer(env), spawnServer(env));
      await Promise.all(servers.map((s) => s.url));
    }, 120_000);

    afterAll(async () => {
      SocketClient.terminateAll();
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('delivers a message sent to one instance to the peer connected to the other', async () => {
      const [a, b] = await Promise.all(servers.map((s) => s.url));
      const client = await SocketClient.open(a ?? '', room.roomId, room.client.cookie);
      await client.next('welcome');
      const counselor = await SocketClient.open(b ?? '', room.roomId, room.counselor.cookie);
      await counselor.next('welcome');
      // Presence crosses too: the client on A hears the counselor join on B.
      await client.next('presence', (p) => p.role === 'counselor' && p.present);

      const ids = Array.from({ length: 10 }, () => randomUUID());
      for (const [i, id] of ids.entries()) client.send({ type: 'message', id, body: `从A ${i}` });
      await counselor.next('message', (m) => m.message.id === ids[9]);
      expect(counselor.of('message').map((m) => [m.message.seq, m.message.body])).toEqual(
        ids.map((_, i) => [i + 1, `从A ${i}`]),
      );

      const reply = randomUUID();
      counselor.send({ type: 'message', id: reply, body: 'from B' });
      const { message } = await client.next('message', (m) => m.message.id === reply);
      expect(message).toMatchObject({ seq: 11, senderRole: 'counselor', mine: false });

      // A WebRTC offer larger than one NOTIFY payload arrives whole.
      const sdp = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host "x"\r\n'.repeat(400)}`;
      expect(sdp.length).toBeGreaterThan(20_000);
      counselor.send({ type: 'signal', signal: { kind: 'offer', sdp } });
      expect(await client.next('signal')).toEqual({
        type: 'signal',
        from: 'counselor',
        signal: { kind: 'offer', sdp },
      });

      const rows = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chat_messages WHERE room_id = $1',
        [room.roomId],
      );
      expect(rows).toEqual([{ n: 11 }]);
      await Promise.all([client.close(), counselor.close()]);
    });
  },
);
