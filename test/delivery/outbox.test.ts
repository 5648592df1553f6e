import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Connection } from 'mongoose';
import { createManualClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import type { OutboxMail } from '../../src/delivery/outbox';
import { retryDelayMs } from '../../src/delivery/backoff';
import { createOutboxStore } from '../../src/delivery/outbox-store';
import { createOutbox } from '../../src/delivery/outbox-worker';
import type { Mailer } from '../../src/delivery/mailer';
import { startTestConnection } from '../support/database';

const mail = (subject: string): OutboxMail => ({ to: ['support@goodtime.io'], subject, text: 'body', messageId: `<${subject}@goodtime-help>` });

/** Records sends; can be told to fail, or to take a while (as a slow SMTP server does). */
function recordingMailer(options: { failFirst?: number; delayMs?: number } = {}): Mailer & { sent: string[]; attempts: number } {
  let failures = options.failFirst ?? 0;
  const mailer = {
    sent: [] as string[],
    attempts: 0,
    async send(m: OutboxMail) {
      mailer.attempts += 1;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('421 try later'), { responseCode: 421 });
      }
      mailer.sent.push(m.subject);
    },
    close() {},
  };
  return mailer;
}

describe('the outbox', () => {
  const logger = createLogger({ level: 'silent' });
  let database: Awaited<ReturnType<typeof startTestConnection>>;
  let connection: Connection;
  beforeAll(async () => {
    database = await startTestConnection();
    connection = database.connection;
  });
  afterAll(async () => {
    await database?.stop();
  });

  it('backs off exponentially from the base, capped', () => {
    const policy = { baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('when a key is enqueued twice, then it is stored once and sent once', async () => {
    const clock = createManualClock(DateTime.utc());
    const mailer = recordingMailer();
    const outbox = createOutbox({ store: createOutboxStore(connection), mailer, clock, logger, retry: { baseMs: 1000, maxMs: 60_000 }, pollIntervalMs: 60_000 });
    const first = await outbox.enqueue('k:twice', { kind: 'test', id: '1' }, mail('twice'));
    const second = await outbox.enqueue('k:twice', { kind: 'test', id: '1' }, mail('twice, changed'));
    expect([first.created, second.created]).toEqual([true, false]);
    await outbox.deliverDue();
    await outbox.deliverDue();
    expect(mailer.sent).toEqual(['twice']);
    expect((await outbox.find('k:twice'))?.sentAt).toBeInstanceOf(Date);
  });

  it('when sending fails, then it waits for the backoff on the injected clock, retries, and reports each outcome', async () => {
    const clock = createManualClock(DateTime.utc());
    const mailer = recordingMailer({ failFirst: 2 });
    const outbox = createOutbox({ store: createOutboxStore(connection), mailer, clock, logger, retry: { baseMs: 10_000, maxMs: 60_000 }, pollIntervalMs: 60_000 });
    const outcomes: string[] = [];
    outbox.onOutcome(async (message, outcome) => {
      if (message.key === 'k:retry') outcomes.push(outcome.kind === 'sent' ? 'sent' : `failed ${outcome.attempts} ${outcome.error}`);
    });
    await outbox.enqueue('k:retry', { kind: 'test', id: '2' }, mail('retry'));
    await outbox.deliverDue();
    expect(outcomes).toEqual(['failed 1 smtp_421']);
    clock.advance(9_000);
    await outbox.deliverDue();
    expect(mailer.attempts).toBe(1); // not due yet
    clock.advance(1_000);
    await outbox.deliverDue();
    clock.advance(20_000);
    await outbox.deliverDue();
    expect(outcomes).toEqual(['failed 1 smtp_421', 'failed 2 smtp_421', 'sent']);
    expect(mailer.sent).toEqual(['retry']);
  });

  it('when two instances poll at once, then each message is sent by one of them only', async () => {
    const clock = createManualClock(DateTime.utc());
    const a = recordingMailer({ delayMs: 20 });
    const b = recordingMailer({ delayMs: 20 });
    const options = { clock, logger, retry: { baseMs: 1000, maxMs: 60_000 }, pollIntervalMs: 60_000 };
    const first = createOutbox({ ...options, store: createOutboxStore(connection), mailer: a });
    const second = createOutbox({ ...options, store: createOutboxStore(connection), mailer: b });
    const subjects = Array.from({ length: 12 }, (_, i) => `race ${i}`);
    for (const subject of subjects) await createOutboxStore(connection).enqueue(`k:${subject}`, { kind: 'test', id: subject }, mail(subject), clock.now().toJSDate());
    await Promise.all([first.deliverDue(), second.deliverDue(), first.deliverDue(), second.deliverDue()]);
    expect([...a.sent, ...b.sent].sort()).toEqual([...subjects].sort());
    expect(a.sent.length + b.sent.length).toBe(subjects.length);
  });

  it('when an instance dies holding a lease, then another sends the message once the lease runs out', async () => {
    const clock = createManualClock(DateTime.utc());
    const store = createOutboxStore(connection);
    await store.enqueue('k:orphan', { kind: 'test', id: 'o' }, mail('orphan'), clock.now().toJSDate());
    const lease = await store.claimDue(clock.now().toJSDate(), 'crashed-instance', clock.now().plus({ minutes: 5 }).toJSDate());
    expect(lease?.key).toBe('k:orphan');
    const mailer = recordingMailer();
    const survivor = createOutbox({ store, mailer, clock, logger, retry: { baseMs: 1000, maxMs: 60_000 }, pollIntervalMs: 60_000 });
    await survivor.deliverDue();
    expect(mailer.sent).not.toContain('orphan');
    clock.advance(5 * 60_000);
    await survivor.deliverDue();
    expect(mailer.sent).toContain('orphan');
    expect(await store.markSent(lease?.id ?? '', 'crashed-instance', new Date())).toBeNull(); // the old holder cannot record it
  });

  it('when no mailer is configured, then messages wait, unsent', async () => {
    const clock = createManualClock(DateTime.utc());
    const outbox = createOutbox({ store: createOutboxStore(connection), clock, logger, retry: { baseMs: 1000, maxMs: 60_000 }, pollIntervalMs: 60_000 });
    expect(outbox.configured).toBe(false);
    await outbox.enqueue('k:waiting', { kind: 'test', id: 'w' }, mail('waiting'));
    await outbox.deliverDue();
    expect((await outbox.find('k:waiting'))?.sentAt).toBeUndefined();
  });
});
