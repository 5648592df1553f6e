// Failure injection: one-off failures, latency, chat.postMessage rate limits and seeded random failures.
import { seededRandom } from './util';
import type { FaultSpec, JsonObject, RandomFailures, RateLimits } from './types';

export interface FaultResponse {
  status: number;
  body: JsonObject;
  headers: Record<string, string>;
  /** The call is carried out before this failure is answered. */
  applied?: boolean;
}

export function faultResponse(spec: FaultSpec): FaultResponse {
  if ('error' in spec) return { status: 200, body: { ok: false, error: spec.error }, headers: {} };
  if (spec.status === 429) {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'Retry-After': String(spec.retryAfter ?? 1) },
    };
  }
  return { status: spec.status, body: { ok: false, error: 'fatal_error' }, headers: {}, applied: spec.applied };
}

export class Faults {
  private queue: { method: string; spec: FaultSpec; remaining: number }[] = [];
  private latency = new Map<string, number>();
  private limits: RateLimits = {};
  private workspacePosts: number[] = [];
  private channelPosts = new Map<string, number[]>();
  private random: { spec: RandomFailures; next: () => number } | undefined;

  failNext(method: string, spec: FaultSpec, count = 1): void {
    this.queue.push({ method, spec, remaining: count });
  }

  setLatency(ms: number, method = '*'): void {
    this.latency.set(method, ms);
  }

  latencyFor(method: string): number {
    return this.latency.get(method) ?? this.latency.get('*') ?? 0;
  }

  setRateLimits(limits: RateLimits): void {
    this.limits = { ...limits };
    this.workspacePosts = [];
    this.channelPosts.clear();
  }

  setRandomFailures(spec: RandomFailures | null, seed = 42): void {
    this.random = spec ? { spec, next: seededRandom(seed) } : undefined;
  }

  /** A queued or random failure for this call, if any (queued: the method's own before '*'). */
  injected(method: string): FaultResponse | undefined {
    const entry = this.queue.find((q) => q.method === method) ?? this.queue.find((q) => q.method === '*');
    if (entry) {
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.queue.splice(this.queue.indexOf(entry), 1);
      return faultResponse(entry.spec);
    }
    const random = this.random;
    if (!random) return undefined;
    const methods = random.spec.methods ?? ['chat.postMessage'];
    if (!methods.includes('*') && !methods.includes(method)) return undefined;
    if (random.next() >= random.spec.rate || random.spec.kinds.length === 0) return undefined;
    const kind = random.spec.kinds[Math.floor(random.next() * random.spec.kinds.length)] ?? 500;
    return faultResponse(kind === 429 ? { status: 429, retryAfter: random.spec.retryAfter ?? 1 } : { status: kind });
  }

  /** chat.postMessage limits: per channel per second and per workspace per minute (sliding windows). */
  rateLimited(method: string, channel: string | undefined, now: number): FaultResponse | undefined {
    if (method !== 'chat.postMessage') return undefined;
    const { perChannelPerSecond, workspacePerMinute } = this.limits;
    if (workspacePerMinute !== undefined) {
      this.workspacePosts = this.workspacePosts.filter((t) => t > now - 60_000);
      if (this.workspacePosts.length >= workspacePerMinute) {
        const oldest = this.workspacePosts[0] ?? now;
        return faultResponse({ status: 429, retryAfter: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) });
      }
    }
    if (perChannelPerSecond !== undefined && channel) {
      const times = (this.channelPosts.get(channel) ?? []).filter((t) => t > now - 1000);
      this.channelPosts.set(channel, times);
      if (times.length >= perChannelPerSecond) return faultResponse({ status: 429, retryAfter: 1 });
    }
    if (workspacePerMinute !== undefined) this.workspacePosts.push(now);
    if (perChannelPerSecond !== undefined && channel) this.channelPosts.get(channel)?.push(now);
    return undefined;
  }

  /** The one-off failures queued and not yet answered, by method. */
  pending(): string[] {
    return this.queue.map((q) => q.method);
  }

  /** Drops the one-off failures not yet answered. */
  clearQueued(): void {
    this.queue = [];
  }

  reset(): void {
    this.queue = [];
    this.latency.clear();
    this.setRateLimits({});
    this.random = undefined;
  }
}
