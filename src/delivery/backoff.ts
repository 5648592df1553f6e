// Exponential backoff, shared by the mail outbox and the paced broadcast.

export interface RetryPolicy {
  /** Delay after the first failure; doubles after each further one. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_MAX_RETRY_MS = 60 * 60_000;

/** Exponential backoff: base, 2×base, 4×base … capped at maxMs. `attempts` counts failures so far (≥ 1). */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}
