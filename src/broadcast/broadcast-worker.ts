// The paced worker that drains incident deliveries: claims each record atomically, spends workspace tokens, keeps
// one send per channel at a time (a second apart), honours Retry-After, backs off on errors, and takes over the
// claims of workers that died — marked in doubt, so the sender looks for the message before posting again.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { MessageRef } from '../incidents/incident';
import type { Delivery } from './broadcast';
import type { DeliveryStore } from './broadcast-store';
import { ChannelGate, MAX_ATTEMPTS, TokenBucket, WorkspaceLimitDetector, deliveryRetryDelayMs } from './broadcast-pacing';

export type SendOutcome =
  | { kind: 'sent'; posted?: MessageRef; unusedCalls?: number }
  | { kind: 'retry'; error: string; inDoubt: boolean; rateLimited?: boolean; retryAfterSeconds?: number }
  | { kind: 'failed'; error: string };

export interface DeliverySender {
  send(delivery: Delivery, instance: string): Promise<SendOutcome>;
}

export interface BroadcastWorkerOptions {
  store: DeliveryStore;
  sender: DeliverySender;
  clock: Clock;
  logger: Logger;
  perMinute: number;
  afterFinished: (delivery: Delivery) => Promise<void>;
  /** Periodic repair (planning gaps, publication). */
  reconcile: () => Promise<void>;
  repairChains: () => Promise<void>;
  maxInFlight?: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** Monotonic milliseconds for pacing (default performance.now). */
  monotonicNow?: () => number;
}

const BATCH = 200;
/**
 * With nothing to send, look for work planned by other instances (our own plans wake us at once; an instance sends
 * what it planned itself): after 10 s, then twice as long after each idle look, up to five minutes.
 */
const IDLE_POLL_MS = { first: 10_000, max: 5 * 60_000 };
/**
 * Crash repairs (unplanned updates, claims of stopped workers) run at start and then every five minutes; while
 * another worker holds claims they run again as soon as its heartbeat could have lapsed, so a restarted instance
 * takes over what its previous process left within seconds. Sooner after a planning failure this instance saw
 * (`repairSoon`).
 */
const RECONCILE_MS = 5 * 60_000;
const REPAIR_SOON_MS = 1_000;
const REPAIR_CHAINS_MS = RECONCILE_MS;
const HUNG_CLAIM_MS = 10 * 60_000;

/** Calls a delivery will spend: an update posts its reply and edits the root (just the edit if the reply is out). */
const costOf = (d: Delivery) => (d.kind === 'update' && !d.posted ? 2 : 1);

export class BroadcastWorker {
  readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly bucket: TokenBucket;
  private readonly gate = new ChannelGate();
  private readonly workspaceLimit = new WorkspaceLimitDetector();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;
  private queue: Delivery[] = [];
  private queuedAt = Number.NEGATIVE_INFINITY;
  private idlePollMs = IDLE_POLL_MS.first;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  /** A wake that came while the loop was busy: the next sleep is skipped instead of the wake being lost. */
  private wokenWhileBusy = false;
  private lastBeat = Number.NEGATIVE_INFINITY;
  private repairsDueAt = Number.NEGATIVE_INFINITY;
  private lastChainRepair = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: BroadcastWorkerOptions) {
    this.now = o.monotonicNow ?? (() => performance.now());
    this.bucket = new TokenBucket(o.perMinute, this.now());
  }

  private get pollMs() {
    return this.o.pollMs ?? 500;
  }
  private get heartbeatMs() {
    return this.o.heartbeatMs ?? 2_000;
  }
  /** How long a heartbeat vouches for this worker: three missed beats and its claims are taken over. */
  get aliveForMs(): number {
    return this.heartbeatMs * 3;
  }

  /** Starts the loop; its first round takes over dead workers' claims and repairs (nothing awaited here). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** New deliveries were planned: look at once. */
  /** A delivery finished: what it unblocks (the place's next update, the team channel's view) goes next. */
  private async finished(delivery: Delivery): Promise<void> {
    await this.o.afterFinished(delivery);
    this.wake();
  }

  wake(): void {
    this.queuedAt = Number.NEGATIVE_INFINITY;
    this.idlePollMs = IDLE_POLL_MS.first;
    this.nudge();
  }

  private nudge(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  /** Something could not be planned: run the repairs within about a second instead of at the next period. */
  repairSoon(): void {
    this.repairsDueAt = Math.min(this.repairsDueAt, this.now() + REPAIR_SOON_MS);
    this.queuedAt = Number.NEGATIVE_INFINITY;
    setTimeout(() => this.nudge(), REPAIR_SOON_MS).unref();
  }

  /** Stops taking work, lets sends in flight finish, and says goodbye (our claims are all settled). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp?.();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
    await this.o.store.stopBeating(this.instance).catch(() => undefined);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let waitMs = this.pollMs;
      try {
        await this.housekeeping();
        waitMs = await this.dispatch();
      } catch (error) {
        this.o.logger.warn({ err: error }, 'broadcast worker: database unavailable, retrying');
        waitMs = 1_000;
      }
      if (!this.running) break;
      if (this.wokenWhileBusy) {
        this.wokenWhileBusy = false;
        continue;
      }
      const untilRepairs = this.repairsDueAt - this.now();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(5, Math.min(waitMs, untilRepairs, IDLE_POLL_MS.max)));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async beat(): Promise<void> {
    this.lastBeat = this.now();
    await this.o.store.beat(this.instance, this.o.clock.now().plus({ milliseconds: this.aliveForMs }).toJSDate());
  }

  /** Beat while sends are in flight (and before claiming); an idle worker holds no claims and stays quiet. */
  private async beatIfStale(): Promise<void> {
    if (this.now() - this.lastBeat >= this.heartbeatMs) await this.beat();
  }

  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (this.inFlight.size > 0) await this.beatIfStale();
    if (now >= this.repairsDueAt) {
      this.repairsDueAt = now + RECONCILE_MS;
      const wallNow = this.o.clock.now();
      const live = await this.o.store.liveInstances(wallNow.toJSDate());
      const reclaimed = await this.o.store.reclaimAbandoned([...live, this.instance], wallNow.minus({ milliseconds: HUNG_CLAIM_MS }).toJSDate());
      if (reclaimed > 0) this.o.logger.info({ reclaimed }, 'broadcast worker: took over deliveries in doubt from a stopped worker');
      if (await this.o.store.claimedElsewhere(this.instance)) this.repairsDueAt = Math.min(this.repairsDueAt, now + this.aliveForMs + 500);
      await this.o.reconcile();
      this.gate.prune(now);
    }
    if (now - this.lastChainRepair >= REPAIR_CHAINS_MS) {
      this.lastChainRepair = now;
      await this.o.repairChains();
    }
  }

  /** Nothing is due: sleep until the earliest retry may go, or the idle poll, whichever comes first. */
  private async untilNextDue(): Promise<number> {
    const next = await this.o.store.nextDueAt();
    if (!next && this.inFlight.size === 0) {
      const idle = this.idlePollMs;
      this.idlePollMs = Math.min(IDLE_POLL_MS.max, idle * 2);
      return idle;
    }
    this.idlePollMs = IDLE_POLL_MS.first;
    if (!next) return IDLE_POLL_MS.first;
    return Math.min(IDLE_POLL_MS.first, Math.max(5, next.getTime() - this.o.clock.now().toMillis()));
  }

  /** Starts every send the limits allow now; returns how long to wait before looking again. */
  private async dispatch(): Promise<number> {
    if (this.now() - this.queuedAt > this.pollMs || this.queue.length === 0) {
      this.queue = await this.o.store.due(this.o.clock.now().toJSDate(), BATCH);
      this.queuedAt = this.now();
      if (this.queue.length === 0) return this.untilNextDue();
      this.idlePollMs = IDLE_POLL_MS.first;
    }
    let waitMs = this.pollMs;
    for (const delivery of [...this.queue]) {
      if (!this.running) break;
      if (this.inFlight.size >= (this.o.maxInFlight ?? 16)) break; // a finishing send wakes us
      const now = this.now();
      const channelWait = this.gate.waitFor(delivery.target.key, now);
      if (channelWait > 0) {
        waitMs = Math.min(waitMs, channelWait);
        continue;
      }
      const cost = costOf(delivery);
      const tokenWait = this.bucket.take(now, cost);
      if (tokenWait > 0) return Math.min(waitMs, tokenWait);
      this.queue.splice(this.queue.indexOf(delivery), 1);
      this.gate.reserve(delivery.target.key);
      await this.beatIfStale();
      const claimed = await this.o.store.claim(delivery.id, this.instance, this.o.clock.now().toJSDate());
      if (!claimed) {
        this.bucket.refund(cost);
        this.gate.cancel(delivery.target.key);
        continue;
      }
      this.launch(claimed, cost);
    }
    return waitMs;
  }

  private launch(delivery: Delivery, cost: number): void {
    const task = (async () => {
      let outcome: SendOutcome;
      try {
        outcome = await this.o.sender.send(delivery, this.instance);
      } catch (error) {
        outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error), inDoubt: true };
      }
      await this.settle(delivery, outcome, cost);
    })()
      .catch((error: unknown) => this.o.logger.error({ err: error, delivery: delivery.id }, 'broadcast worker: could not record a delivery; it will be retried in doubt'))
      .finally(() => {
        this.inFlight.delete(task);
        this.nudge();
      });
    this.inFlight.add(task);
  }

  private async settle(delivery: Delivery, outcome: SendOutcome, cost: number): Promise<void> {
    const now = this.now();
    const { store, logger } = this.o;
    if (outcome.kind === 'sent') {
      this.gate.release(delivery.target.key, now);
      if (outcome.unusedCalls) this.bucket.refund(Math.min(cost, outcome.unusedCalls));
      const done = await store.complete(delivery.id, this.instance, outcome.posted, this.o.clock.now().toJSDate());
      if (done) await this.finished(done);
      return;
    }
    const attemptsLeft = delivery.attempts < MAX_ATTEMPTS;
    if (outcome.kind === 'failed' || !attemptsLeft) {
      this.gate.release(delivery.target.key, now);
      logger.warn({ delivery: delivery.id, error: outcome.error, attempts: delivery.attempts }, 'broadcast delivery failed for good');
      const failed = await store.fail(delivery.id, this.instance, outcome.error);
      if (failed) await this.finished(failed);
      return;
    }
    const delayMs = deliveryRetryDelayMs(delivery.attempts, outcome.rateLimited ? (outcome.retryAfterSeconds ?? 1) : undefined);
    this.gate.release(delivery.target.key, now, outcome.rateLimited ? delayMs : 0);
    if (outcome.rateLimited && this.workspaceLimit.record(delivery.target.key, now)) {
      logger.warn({ retryAfterMs: delayMs }, 'broadcast worker: workspace rate limit hit, pausing all broadcasts');
      this.bucket.pause(now + delayMs);
    }
    logger.debug({ delivery: delivery.id, error: outcome.error, delayMs, inDoubt: outcome.inDoubt }, 'broadcast delivery will be retried');
    await store.retryLater(delivery.id, this.instance, this.o.clock.now().plus({ milliseconds: delayMs }).toJSDate(), outcome.inDoubt, outcome.error);
  }
}
