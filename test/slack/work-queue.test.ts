// The work queue behind every listener: at most `limit` requests do their after-ack work at once, the rest in
// arrival order; the acknowledgement itself never waits for a slot.
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/slack/work-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkQueue', () => {
  it('runs at most `limit` at once and hands freed slots to the waiting in arrival order', async () => {
    const queue = new WorkQueue(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    for (let n = 1; n <= 5; n++) {
      void queue.slot().then((release) => {
        started.push(n);
        releases.push(release);
      });
    }
    await tick();
    expect(started).toEqual([1, 2]);
    expect(queue.load).toEqual({ running: 2, waiting: 3 });
    releases[1]?.();
    releases[1]?.(); // releasing twice frees one slot, not two
    await tick();
    expect(started).toEqual([1, 2, 3]);
    releases[0]?.();
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    for (const release of releases) release();
    await tick();
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const release of releases) release();
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('drain waits for tracked work, but not beyond its timeout', async () => {
    const queue = new WorkQueue(1);
    let finished = false;
    void queue.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve();
        }, 50),
      ),
    );
    await queue.drain(5_000);
    expect(finished).toBe(true);
    void queue.track(new Promise<void>(() => {}));
    const started = Date.now();
    await queue.drain(50);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
