// The outbox at work: enqueue (persisted first), then a poller on this instance claims due messages with a lease,
// sends each, and records the outcome. Only the lease holder records "sent", so a message is sent once even with
// several instances; a crash between the SMTP "250 OK" and that record is the one case that may send it twice
// (same Message-ID, so the receiver threads it as one).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { retryDelayMs, type RetryPolicy } from './backoff';
import { errorCode, type DeliveryOutcome, type OutboxMail, type OutboxMessage, type OutboxPurpose } from './outbox';
import type { OutboxStore } from './outbox-store';
import { MAX_SEND_MS, type Mailer } from './mailer';
import { coalesce } from './coalesce';

export type OutcomeListener = (message: OutboxMessage, outcome: DeliveryOutcome) => Promise<void>;

export interface Outbox {
  /** True when a mailer is configured; without one, messages wait until the app restarts with SMTP_URL. */
  readonly configured: boolean;
  /** Stores the message (once per key) and tries to send it soon. */
  enqueue(key: string, purpose: OutboxPurpose, mail: OutboxMail): Promise<{ message: OutboxMessage; created: boolean }>;
  /** Called after every attempt; the sender of a purpose shows its status (e.g. the ticket card). */
  onOutcome(listener: OutcomeListener): void;
  /** Sends everything due now (the poller calls this; tests may too). */
  deliverDue(): Promise<void>;
  find(key: string): Promise<OutboxMessage | null>;
  start(): void;
  stop(): Promise<void>;
}

export interface OutboxOptions {
  store: OutboxStore;
  mailer?: Mailer;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  pollIntervalMs: number;
  /** How long a claim is held; must outlast the slowest send. */
  leaseMs?: number;
}

const MAX_PER_RUN = 50;

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, mailer, clock } = options;
  const log = options.logger.child({ component: 'outbox' });
  // One send at most, and a little more: after a crash mid-send, the message waits this long before another try.
  const leaseMs = Math.max(options.leaseMs ?? 0, MAX_SEND_MS + 5_000);
  const listeners: OutcomeListener[] = [];
  let timer: NodeJS.Timeout | undefined;
  const retryTimers = new Set<NodeJS.Timeout>();
  /** A failed message is tried again when its backoff ends, not at the next (slow) poll. */
  const retryAt = (at: Date) => {
    const retry = setTimeout(() => {
      retryTimers.delete(retry);
      void deliverDue();
    }, Math.max(0, at.getTime() - clock.now().toMillis()));
    retryTimers.add(retry);
  };

  const notify = async (message: OutboxMessage, outcome: DeliveryOutcome) => {
    for (const listener of listeners) {
      try {
        await listener(message, outcome);
      } catch (error) {
        log.warn({ outboxId: message.id, purpose: message.purpose.kind, err: error }, 'delivery status could not be shown');
      }
    }
  };

  const attempt = async (message: OutboxMessage, token: string): Promise<void> => {
    if (!mailer) return;
    try {
      await mailer.send(message.mail, clock.now().toJSDate());
    } catch (error) {
      const code = errorCode(error);
      const attempts = message.attempts + 1;
      const nextAttemptAt = clock.now().plus({ milliseconds: retryDelayMs(attempts, options.retry) }).toJSDate();
      const failed = await store.markFailed(message.id, token, nextAttemptAt, code);
      log.warn({ outboxId: message.id, key: message.key, attempts, error: code, nextAttemptAt }, 'email not sent; will retry');
      if (failed && timer) retryAt(nextAttemptAt);
      if (failed) await notify(failed, { kind: 'failed', attempts, nextAttemptAt, error: code });
      return;
    }
    const sent = await store.markSent(message.id, token, clock.now().toJSDate());
    log.info({ outboxId: message.id, key: message.key, attempts: message.attempts + 1 }, 'email sent');
    if (sent?.sentAt) await notify(sent, { kind: 'sent', at: sent.sentAt });
  };

  const runOnce = async (): Promise<void> => {
    if (!mailer) return;
    for (let i = 0; i < MAX_PER_RUN; i += 1) {
      const now = clock.now();
      const token = randomUUID();
      const claimed = await store.claimDue(now.toJSDate(), token, now.plus({ milliseconds: leaseMs }).toJSDate());
      if (!claimed) return;
      await attempt(claimed, token);
    }
  };

  // One run at a time per instance; a kick during a run asks for one more pass afterwards.
  const deliverDue = coalesce(runOnce, { onError: (error) => log.warn({ err: error }, 'outbox run failed; the next poll tries again') });

  return {
    configured: Boolean(mailer),
    async enqueue(key, purpose, mail) {
      const result = await store.enqueue(key, purpose, mail, clock.now().toJSDate());
      if (result.created) log.info({ outboxId: result.message.id, key, purpose: purpose.kind }, 'email queued');
      void deliverDue();
      return result;
    },
    onOutcome(listener) {
      listeners.push(listener);
    },
    deliverDue,
    find: (key) => store.findByKey(key),
    start() {
      if (!mailer || timer) return;
      timer = setInterval(() => void deliverDue(), options.pollIntervalMs);
      void deliverDue();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const retry of retryTimers) clearTimeout(retry);
      retryTimers.clear();
      await deliverDue.inProgress();
      mailer?.close();
    },
  };
}
