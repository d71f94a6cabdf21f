import type { AppContext } from '../../app-context.ts';
import { InProcessRoomBus, PostgresRoomBus, type RoomBus } from './bus.ts';

const buses = new WeakMap<object, RoomBus>();

/**
 * The process's one bus per database: LISTEN/NOTIFY on a server database (several processes may
 * share it), in process on the embedded one (only one process can open it).
 */
export function roomBusFor(app: Pick<AppContext, 'database'>): RoomBus {
  let bus = buses.get(app.database);
  if (!bus) {
    const url = app.database.url;
    bus =
      app.database.kind === 'postgres' && url ? new PostgresRoomBus(url) : new InProcessRoomBus();
    buses.set(app.database, bus);
  }
  return bus;
}

export async function closeRoomBus(app: Pick<AppContext, 'database'>): Promise<void> {
  const bus = buses.get(app.database);
  buses.delete(app.database);
  await bus?.close();
}

/**
 * Tells every socket of the room, on every process, that its status changed; an ended room
 * closes them. For the room service and the close job to call after their transaction commits.
 */
export function announceRoomStatus(
  app: Pick<AppContext, 'database'>,
  roomId: string,
  status: 'waiting' | 'in_progress' | 'ended',
  endReason: string | null,
): Promise<void> {
  return roomBusFor(app).publish(roomId, { kind: 'status', status, endReason });
}
