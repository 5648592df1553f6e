// waitFor: poll until work the app does after ack() shows up.

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  /** Shown in the failure message. */
  message?: string;
}

/**
 * Calls `fn` until it returns a truthy value without throwing, and resolves with that value.
 * After `timeout` ms it rejects with the last error (or says the value stayed falsy).
 */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitOptions = {}): Promise<Truthy<T>> {
  const { timeout = 5000, interval = 25 } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as Truthy<T>;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const prefix = `waitFor timed out after ${timeout} ms${options.message ? ` (${options.message})` : ''}`;
  if (lastError instanceof Error) {
    lastError.message = `${prefix}: ${lastError.message}`;
    throw lastError;
  }
  throw new Error(lastError !== undefined ? `${prefix}: ${String(lastError)}` : `${prefix}: last value ${JSON.stringify(lastValue)}`);
}
