// Pure pacing math for broadcasts: a workspace token bucket, one post per second per channel, retry delays, and
// the floor the limits allow. Times are milliseconds on any monotonic clock the caller passes in.
import { retryDelayMs, type RetryPolicy } from '../delivery/backoff';

/** Slack: about one message per second per channel. */
export const CHANNEL_SPACING_MS = 1_000;

/** Steady workspace rate with a burst of about one second's worth (Slack does not promise bursts). */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  readonly perMs: number;
  readonly capacity: number;

  constructor(perMinute: number, now: number, capacity = Math.max(1, Math.ceil(perMinute / 60))) {
    this.perMs = perMinute / 60_000;
    this.capacity = capacity;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
      this.updatedAt = now;
    }
  }

  /** Takes `cost` tokens and returns 0, or returns how long to wait before they are there (nothing taken). */
  take(now: number, cost = 1): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.refill(now);
    const needed = Math.min(cost, this.capacity);
    if (this.tokens >= needed) {
      this.tokens -= cost;
      return 0;
    }
    return Math.ceil((needed - this.tokens) / this.perMs);
  }

  refund(cost = 1): void {
    this.tokens = Math.min(this.capacity, this.tokens + cost);
  }

  /** A workspace-wide 429: nothing goes out until Slack's Retry-After has passed. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.tokens = 0;
    this.updatedAt = Math.max(this.updatedAt, until);
  }
}

/** One message in flight per channel, at least CHANNEL_SPACING_MS apart, and paused after a 429 there. */
export class ChannelGate {
  private readonly freeAt = new Map<string, number>();
  private readonly busy = new Set<string>();

  constructor(private readonly spacingMs = CHANNEL_SPACING_MS) {}

  /** 0 when the channel may be used now, else the ms until it may (Infinity while a send is in flight). */
  waitFor(channel: string, now: number): number {
    if (this.busy.has(channel)) return Number.POSITIVE_INFINITY;
    return Math.max(0, (this.freeAt.get(channel) ?? 0) - now);
  }

  reserve(channel: string): void {
    this.busy.add(channel);
  }

  /** Nothing was sent after all (another worker had claimed it): free the channel without spacing. */
  cancel(channel: string): void {
    this.busy.delete(channel);
  }

  /** The send is over: the next one may start `spacingMs` after it (or after Slack's Retry-After). */
  release(channel: string, now: number, retryAfterMs = 0): void {
    this.busy.delete(channel);
    this.freeAt.set(channel, Math.max(this.freeAt.get(channel) ?? 0, now + Math.max(this.spacingMs, retryAfterMs)));
  }

  /** Forget channels whose spacing has long passed (a long-running process sees many channels). */
  prune(now: number): void {
    for (const [channel, at] of this.freeAt) if (at < now - 60_000 && !this.busy.has(channel)) this.freeAt.delete(channel);
  }
}

/**
 * Per-channel 429s are normal; many from different channels at once mean the workspace limit: then the whole
 * broadcast pauses. Returns true when this 429 tips it over.
 */
export class WorkspaceLimitDetector {
  private recent: { channel: string; at: number }[] = [];

  constructor(private readonly threshold = 5, private readonly windowMs = 2_000) {}

  record(channel: string, now: number): boolean {
    this.recent = this.recent.filter((r) => r.at > now - this.windowMs);
    this.recent.push({ channel, at: now });
    const channels = new Set(this.recent.map((r) => r.channel));
    if (channels.size < this.threshold) return false;
    this.recent = [];
    return true;
  }
}

export const MAX_ATTEMPTS = 12;
const BACKOFF: RetryPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/** 429: exactly Slack's Retry-After. Anything else: 1 s, 2 s, 4 s … capped at 5 minutes. */
export function deliveryRetryDelayMs(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return Math.max(1, retryAfterSeconds) * 1000;
  return retryDelayMs(attempt, BACKOFF);
}

/**
 * The fastest `messages` posts can all be out at a steady `perMinute` when each goes to its own channel (Slack
 * asks for steady pacing and does not promise bursts); with several per channel, that channel's one-per-second
 * bounds it too.
 */
export function broadcastFloorMs(messages: number, perMinute: number, busiestChannel = 1): number {
  const workspace = (messages / perMinute) * 60_000;
  const channel = Math.max(0, busiestChannel - 1) * CHANNEL_SPACING_MS;
  return Math.max(workspace, channel);
}
