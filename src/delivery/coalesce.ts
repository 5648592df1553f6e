// One run at a time per instance: a kick while a run is going asks for one more pass afterwards (not a second run
// beside it). The mail outbox's sender and the mailbox reader both work this way.
export interface Coalesced {
  /** Runs now, or asks the run in progress for one more pass; resolves when the runs are done. */
  (): Promise<void>;
  /** The run in progress, if any (for a clean stop). */
  inProgress(): Promise<void> | undefined;
}

export function coalesce(run: () => Promise<void>, options: { keepGoing?: () => boolean; onError?: (error: unknown) => void } = {}): Coalesced {
  let running: Promise<void> | undefined;
  let again = false;
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again && (options.keepGoing?.() ?? true));
      } catch (error) {
        if (!options.onError) throw error;
        options.onError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return Object.assign(kick, { inProgress: () => running });
}
