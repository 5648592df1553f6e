import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadcastWorker } from '../../src/broadcast/broadcast-worker';
import type { DeliveryStore } from '../../src/broadcast/broadcast-store';
import { systemClock } from '../../src/clock';
import { createLogger } from '../../src/logger';

/** A delivery store with nothing to send whose look-ups take a moment, as a busy database's do. */
function slowEmptyStore(lookupMs: number): DeliveryStore {
  const slow = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), lookupMs));
  return {
    due: () => slow([]),
    nextDueAt: () => slow(null),
    liveInstances: () => slow([]),
    reclaimAbandoned: () => slow(0),
    claimedElsewhere: () => slow(false),
    blocked: () => slow([]),
    stopBeating: () => slow(undefined),
  } as unknown as DeliveryStore;
}

describe('the broadcast worker never sleeps through a wake', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when planning failed while the worker was busy looking for work, then its repair still runs within seconds, not at the idle poll', async () => {
    vi.useFakeTimers();
    const reconcile = vi.fn(async () => undefined);
    const worker = new BroadcastWorker({
      store: slowEmptyStore(600),
      sender: { send: async () => ({ kind: 'sent' }) },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
      perMinute: 60,
      afterFinished: async () => undefined,
      reconcile,
      repairChains: async () => undefined,
      monotonicNow: () => Date.now(),
    });
    worker.start();
    await vi.advanceTimersByTimeAsync(3_000); // the first round's repairs are done; the worker sleeps
    expect(reconcile).toHaveBeenCalledTimes(1);

    worker.wake(); // new work: the worker goes looking (two look-ups, 1.2 s) ...
    await vi.advanceTimersByTimeAsync(100);
    worker.repairSoon(); // ... and planning fails meanwhile; the repair's nudge lands 1 s later
    await vi.advanceTimersByTimeAsync(900); // the nudge fires while the worker is busy looking again
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reconcile).toHaveBeenCalledTimes(2);

    const stopped = worker.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopped;
  });
});
