// Work that continues after ack() must finish before shutdown closes the database.
export class WorkTracker {
  private readonly inflight = new Set<Promise<unknown>>();

  async track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    try {
      return await work;
    } finally {
      this.inflight.delete(work);
    }
  }

  get size(): number {
    return this.inflight.size;
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
