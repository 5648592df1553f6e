// Reading replies from a mailbox over IMAP (imapflow). One connection per instance, IDLE to hear of new mail at
// once, a slow poll as a backstop, and reconnection with backoff when the server is away. Every message after the
// checkpoint is handed to `handle` in UID order; the checkpoint (in MongoDB) moves on only after the handler is
// done, so a crash repeats a message rather than skipping it, and the handler makes a repeat a no-op. A handler that
// fails ends the pass at that message (the next pass starts there); only the server's failures count as an outage.
import type { ImapFlow } from 'imapflow';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { retryDelayMs, type RetryPolicy } from './backoff';
import { coalesce } from './coalesce';
import { parseInboundMail, type InboundMail } from './inbound-mail';
import type { MailboxCheckpointStore } from './mailbox-checkpoint-store';

/** What became of one message: posted somewhere, already handled, matched nothing, or deliberately left alone. */
export type InboundOutcome = 'posted' | 'repeat' | 'unmatched' | 'ignored';

export interface MailboxStatus {
  state: 'starting' | 'connected' | 'retrying' | 'stopped';
  mailbox: string;
  lastSyncAt?: string;
  /** A short error code of the last failure (never the server's text). */
  lastError?: string;
  failures: number;
  nextRetryAt?: string;
  /** A mail the app could not handle on its last passes (it holds back the ones after it). */
  stuck?: { uid: number; passes: number; lastError: string };
  /** Set while a mail has failed STUCK_AFTER_PASSES passes or more: /healthz says "degraded". */
  degraded?: boolean;
}

/** Passes a mail may fail before the reader reports itself degraded (a mail that never goes through holds up the rest). */
const STUCK_AFTER_PASSES = 5;

export interface MailboxReader {
  start(): void;
  stop(): Promise<void>;
  /** Reads whatever is new now (tests, and the IDLE notification). */
  syncNow(): Promise<void>;
  status(): MailboxStatus;
}

export interface ImapReaderOptions {
  /** imap://user:password@host:port or imaps://… */
  url: string;
  mailbox: string;
  checkpoints: MailboxCheckpointStore;
  handle: (mail: InboundMail) => Promise<InboundOutcome>;
  clock: Clock;
  logger: Logger;
  /** A sync at least this often, whatever IDLE says. */
  pollIntervalMs: number;
  retry?: RetryPolicy;
}

const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };
/** Messages handled per sync; the next sync continues (a huge backlog does not hold one connection forever). */
const MAX_PER_SYNC = 200;
/** A sync that takes longer is stuck on a connection that died silently: it is dropped and opened again. */
const SYNC_DEADLINE_MS = 120_000;

export function imapConnectionOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
  };
}

const errorCode = (error: unknown): string => {
  const e = error as { code?: string; serverResponseCode?: string; authenticationFailed?: boolean; name?: string };
  if (e?.authenticationFailed) return 'AUTHENTICATIONFAILED';
  return e?.serverResponseCode ?? e?.code ?? e?.name ?? 'unknown';
};

export function createImapReader(options: ImapReaderOptions): MailboxReader {
  const { checkpoints, clock, mailbox } = options;
  const log = options.logger.child({ component: 'imap' });
  const retry = options.retry ?? DEFAULT_RETRY;
  const connection = imapConnectionOptions(options.url);
  const checkpointKey = `${connection.host}:${connection.port}:${connection.auth.user}:${mailbox}`;
  const status: MailboxStatus = { state: 'stopped', mailbox, failures: 0 };
  let client: ImapFlow | undefined;
  let stopped = true;
  let connecting: Promise<ImapFlow | undefined> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;

  const failed = (error: unknown) => {
    status.failures += 1;
    status.lastError = errorCode(error);
    const delay = retryDelayMs(status.failures, retry);
    status.state = 'retrying';
    status.nextRetryAt = clock.now().plus({ milliseconds: delay }).toISO() ?? undefined;
    log.warn({ error: status.lastError, failures: status.failures, retryInMs: delay }, 'mailbox not reachable; will retry');
    const broken = client;
    client = undefined;
    broken?.removeAllListeners();
    broken?.close();
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void syncNow(), delay);
    retryTimer.unref();
  };

  const connect = async (): Promise<ImapFlow | undefined> => {
    if (client?.usable) return client;
    connecting ??= (async () => {
      const { ImapFlow } = await import('imapflow'); // loaded on first use: without IMAP_URL it never is
      const fresh = new ImapFlow({ ...connection, logger: false, emitLogs: false, disableAutoIdle: false });
      // Failures before the mailbox is open reach the caller; afterwards the connection reports them here.
      fresh.on('error', (error: unknown) => {
        if (client === fresh) failed(error);
      });
      fresh.on('close', () => {
        if (client === fresh && !stopped) failed(Object.assign(new Error('connection closed'), { code: 'ECONNCLOSED' }));
      });
      await fresh.connect();
      await fresh.mailboxOpen(mailbox);
      // New mail while idling: read it now.
      fresh.on('exists', () => void syncNow());
      client = fresh;
      return fresh;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const readNew = async (imap: ImapFlow): Promise<boolean> => {
    const opened = imap.mailbox;
    if (!opened) throw Object.assign(new Error('no mailbox open'), { code: 'ENOMAILBOX' });
    const uidValidity = String(opened.uidValidity);
    const after = await checkpoints.lastUid(checkpointKey, uidValidity);
    const found = await imap.search({ uid: `${after + 1}:*` }, { uid: true });
    // "N:*" names the last message even when its UID is below N: only UIDs after the checkpoint count.
    const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
    for (const uid of uids.slice(0, MAX_PER_SYNC)) {
      const message = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (message && message.source) {
        const mail = await parseInboundMail(message.source, `<uid-${uidValidity}-${uid}@${connection.host}>`);
        let outcome: InboundOutcome;
        try {
          outcome = await options.handle(mail);
        } catch (error) {
          // The mailbox is fine, this message could not be handled yet (Slack busy, its card not posted yet): the pass
          // stops before it, unread and behind the checkpoint, and the next pass tries it again.
          const passes = status.stuck?.uid === uid ? status.stuck.passes + 1 : 1;
          status.stuck = { uid, passes, lastError: errorCode(error) };
          status.degraded = passes >= STUCK_AFTER_PASSES;
          if (passes === STUCK_AFTER_PASSES) log.error({ uid, passes, error: status.stuck.lastError }, 'a mail keeps failing and holds up the mail after it');
          else log.warn({ uid, passes, error: status.stuck.lastError }, 'a mail could not be handled yet; it is read again on the next pass');
          return false;
        }
        delete status.stuck;
        delete status.degraded;
        // Read, whatever the outcome: nobody needs to open it in a mail client to know it was seen.
        await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        if (outcome === 'unmatched') log.info({ uid }, 'a mail in the mailbox matches no ticket; marked seen, not posted');
      }
      await checkpoints.advance(checkpointKey, uidValidity, uid, clock.now().toJSDate());
    }
    return uids.length > MAX_PER_SYNC;
  };

  const withDeadline = async (work: Promise<void>) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('mailbox sync took too long'), { code: 'ETIMEDOUT' })), SYNC_DEADLINE_MS);
    });
    try {
      await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };

  const syncOnce = async () => {
    if (stopped) return;
    try {
      await withDeadline(
        (async () => {
          const imap = await connect();
          if (!imap) return;
          let more = true;
          while (more && !stopped) more = await readNew(imap);
        })(),
      );
      status.state = 'connected';
      status.failures = 0;
      status.lastSyncAt = clock.now().toISO() ?? undefined;
      delete status.nextRetryAt;
    } catch (error) {
      failed(error);
    }
  };

  // One sync at a time per instance; news during a sync asks for one more pass afterwards.
  const syncNow = coalesce(() => syncOnce(), { keepGoing: () => !stopped });

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      status.state = 'starting';
      // While the server is away, the backoff's timer decides when to try again, not the poll.
      pollTimer = setInterval(() => void (status.state === 'retrying' ? undefined : syncNow()), options.pollIntervalMs);
      pollTimer.unref();
      void syncNow();
    },
    async stop() {
      stopped = true;
      status.state = 'stopped';
      clearInterval(pollTimer);
      clearTimeout(retryTimer);
      await syncNow.inProgress();
      await connecting?.catch(() => undefined);
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      await open?.logout().catch(() => open.close());
    },
    syncNow,
    status: () => ({ ...status }),
  };
}
