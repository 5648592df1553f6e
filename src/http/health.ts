// GET /healthz: 200 when the database answers a ping, 503 when it does not. The capabilities' own details follow
// (the mailbox reader retrying, say): they degrade the status without failing the check, since the app still serves.
import type { Connection } from 'mongoose';
import { sendJson, type RouteHandler } from './server';

const PING_TIMEOUT_MS = 1_000;

export function healthRoute(connection: Connection, backend: string, details: () => Record<string, unknown> = () => ({})): RouteHandler {
  return async (_req, res) => {
    const up = await pingDatabase(connection);
    const more = details();
    const degraded = Object.values(more).some((d) => {
      const detail = d as { state?: string; degraded?: boolean } | undefined;
      return detail?.state === 'retrying' || detail?.degraded === true;
    });
    sendJson(res, up ? 200 : 503, {
      status: up ? (degraded ? 'degraded' : 'ok') : 'unavailable',
      database: { state: up ? 'up' : 'down', backend },
      ...more,
    });
  };
}

async function pingDatabase(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.command({ ping: 1 }).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
