// Work that continues after ack(): at most `limit` requests run it at once, the rest wait their turn in arrival
// order. Acknowledging never waits (a slot is taken only once ack() has been sent), so a burst of slash commands is
// acknowledged as fast as it arrives and then served in order, instead of every request's database and Slack calls
// competing on the event loop at once. Shutdown waits for what is in flight before closing the database.
export class WorkQueue {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once fewer than `limit` requests hold a slot. */
  async slot(): Promise<() => void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.running--;
    };
  }

  async track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }

  /** Requests holding a slot, and waiting for one. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Resolves when everything in flight has settled, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inflight]), timeout]);
    clearTimeout(timer);
  }
}
