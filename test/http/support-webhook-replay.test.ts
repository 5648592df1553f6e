// A captured support-webhook request replayed while its timestamp is still accepted is applied once, however long
// after the first delivery; one whose move failed is applied when the helpdesk retries it.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { createManualClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { supportWebhookRoute, type SupportWebhookBody } from '../../src/http/support-webhook';
import { postWebhook, signedHeaders } from '../tickets/support-webhook-client';

const SECRET = 'replay-webhook-secret-0123456789';

async function serve(options: { failFirstMove?: boolean } = {}) {
  const clock = createManualClock(DateTime.fromISO('2026-12-01T12:00:00Z'));
  const seen = new Set<string>();
  const moves: SupportWebhookBody[] = [];
  let failures = options.failFirstMove ? 1 : 0;
  const route = supportWebhookRoute({
    secret: SECRET,
    clock,
    logger: createLogger({ level: 'silent' }),
    currentPhase: async () => moves.at(-1)?.phase,
    requests: {
      claim: async (id) => !seen.has(id) && Boolean(seen.add(id)),
      release: async (id) => void seen.delete(id),
    },
    async move(body) {
      if (failures-- > 0) throw new Error('database unavailable');
      moves.push(body);
      return { kind: 'moved', ticket: body.ticket, phase: body.phase };
    },
  });
  const server = createServer((req, res) => void Promise.resolve(route(req, res)).catch(() => res.writeHead(500).end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { clock, moves, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('support webhook replays', () => {
  it('when a request stamped 4½ minutes ahead is replayed 7 minutes after it was applied, then it changes nothing', async () => {
    const app = await serve();
    const body = JSON.stringify({ ticket: 'GT-1001', phase: 2 });
    const headers = signedHeaders(SECRET, body, app.clock.now().toSeconds() + 270);
    expect((await postWebhook(app.url, body, headers)).status).toBe(200);
    app.clock.advance(7 * 60_000); // still inside ±5 minutes of its timestamp
    const replay = await postWebhook(app.url, body, headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ok: true, ticket: 'GT-1001', phase: 2 });
    expect(app.moves).toHaveLength(1);
    await app.close();
  });

  it('when the move fails, then the helpdesk’s retry of the same request is applied', async () => {
    const app = await serve({ failFirstMove: true });
    const body = JSON.stringify({ ticket: 'GT-1002', phase: 3 });
    const headers = signedHeaders(SECRET, body, app.clock.now().toSeconds());
    expect((await postWebhook(app.url, body, headers)).status).toBe(500);
    expect((await postWebhook(app.url, body, headers)).status).toBe(200);
    expect(app.moves).toHaveLength(1);
    await app.close();
  });
});
