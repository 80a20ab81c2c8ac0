/**
 * One round with the team host's alert door, as both the alert link and the reminder link
 * make it: connect, show the room's credential, read the host's status; a host out of reach
 * or gone mid-round reads as offline (the next round picks up), a refused credential as
 * refused. The connection is closed after the round whatever happens.
 */
import { ALERT_PATHS, type HostAlertStatus } from '../../../shared/alerts/job';
import type { AlertConnection } from './alert-socket';

/** What opens the host's alert door: the epoch's events room and its credential. */
export interface AlertDoor {
  serverUrl: string;
  room: string;
  token: string;
}

export type RoomAuth = { authorization: string; 'x-honbu-room': string };
export type NoRound = { state: 'offline' } | { state: 'refused' };

export async function hostRound<D extends AlertDoor, T>(
  door: D | null,
  connect: (serverUrl: string) => Promise<AlertConnection>,
  use: (conn: AlertConnection, auth: RoomAuth, status: HostAlertStatus, door: D) => Promise<T>,
): Promise<T | NoRound> {
  if (!door) return { state: 'offline' };
  const auth: RoomAuth = { authorization: `Bearer ${door.token}`, 'x-honbu-room': door.room };
  let conn: AlertConnection;
  try {
    conn = await connect(door.serverUrl);
  } catch {
    return { state: 'offline' };
  }
  try {
    const res = await conn.call('GET', ALERT_PATHS.status, auth);
    if (res.status === 403) return { state: 'refused' };
    if (res.status !== 200) return { state: 'offline' };
    return await use(conn, auth, res.body as HostAlertStatus, door);
  } catch {
    return { state: 'offline' };
  } finally {
    conn.close();
  }
}
