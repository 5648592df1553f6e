import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@slack/web-api';
import { ChannelGate, TokenBucket, WorkspaceLimitDetector, broadcastFloorMs, deliveryRetryDelayMs } from '../../src/broadcast/broadcast-pacing';
import { classify } from '../../src/broadcast/broadcast-notifier';

/** Sends as fast as the bucket allows for `durationMs` and counts them. */
function drain(bucket: TokenBucket, durationMs: number, cost = 1): number {
  let sent = 0;
  for (let now = 0; now <= durationMs; ) {
    const wait = bucket.take(now, cost);
    if (wait === 0) sent += 1;
    else now += wait;
  }
  return sent;
}

describe('workspace pacing', () => {
  it('when a bucket runs at 600 per minute, then a minute lets about 600 through: one second of burst, then 10 a second', () => {
    const bucket = new TokenBucket(600, 0);
    expect(bucket.capacity).toBe(10);
    expect(drain(bucket, 1000)).toBe(20);
    expect(drain(new TokenBucket(600, 0), 60_000)).toBe(610);
  });

  it('when an update costs two calls, then it waits for two tokens', () => {
    const bucket = new TokenBucket(60, 0, 1);
    expect(bucket.take(0, 2)).toBe(0);
    expect(bucket.take(0, 1)).toBe(2000);
  });

  it('when Slack says the workspace is limited, then nothing goes until Retry-After has passed', () => {
    const bucket = new TokenBucket(600, 0);
    bucket.pause(5000);
    expect(bucket.take(1000)).toBe(4000);
    expect(bucket.take(5000)).toBeGreaterThan(0);
    expect(bucket.take(5100)).toBe(0);
  });

  it('when 429s come from many channels at once, then it is the workspace limit; one channel repeating is not', () => {
    const detector = new WorkspaceLimitDetector(5, 2000);
    for (let i = 0; i < 10; i += 1) expect(detector.record('C1', i * 10)).toBe(false);
    const many = ['C1', 'C2', 'C3', 'C4', 'C5'].map((c, i) => detector.record(c, 200 + i));
    expect(many).toEqual([false, false, false, false, true]);
  });
});

describe('per-channel pacing', () => {
  it('when a channel has a send in flight, then it waits; after it, one second passes before the next', () => {
    const gate = new ChannelGate(1000);
    expect(gate.waitFor('C1', 0)).toBe(0);
    gate.reserve('C1');
    expect(gate.waitFor('C1', 10)).toBe(Number.POSITIVE_INFINITY);
    expect(gate.waitFor('C2', 10)).toBe(0);
    gate.release('C1', 200);
    expect(gate.waitFor('C1', 700)).toBe(500);
    expect(gate.waitFor('C1', 1200)).toBe(0);
  });

  it("when a channel answered 429, then it rests for Slack's Retry-After", () => {
    const gate = new ChannelGate(1000);
    gate.reserve('C1');
    gate.release('C1', 0, 30_000);
    expect(gate.waitFor('C1', 1000)).toBe(29_000);
  });
});

describe('retries and the floor', () => {
  it('when a call failed, then 429 waits exactly Retry-After and errors back off 1 s, 2 s, 4 s … up to 5 min', () => {
    expect(deliveryRetryDelayMs(1, 7)).toBe(7000);
    expect([1, 2, 3, 4].map((a) => deliveryRetryDelayMs(a))).toEqual([1000, 2000, 4000, 8000]);
    expect(deliveryRetryDelayMs(30)).toBe(300_000);
  });

  it('when 500 posts go to distinct channels at 600 per minute, then the floor is 50 s; one busy channel bounds it too', () => {
    expect(broadcastFloorMs(500, 600)).toBe(50_000);
    expect(broadcastFloorMs(10, 600, 10)).toBe(9000);
  });

  it('when Slack answers, then 429 is not posted, 5xx and timeouts are in doubt, and a closed channel is final', () => {
    expect(classify({ code: ErrorCode.RateLimitedError, retryAfter: 3 })).toEqual({ kind: 'retry', error: 'ratelimited', inDoubt: false, rateLimited: true, retryAfterSeconds: 3 });
    expect(classify({ code: ErrorCode.HTTPError, statusCode: 503 })).toEqual({ kind: 'retry', error: 'http_503', inDoubt: true });
    expect(classify({ code: ErrorCode.RequestError })).toMatchObject({ kind: 'retry', inDoubt: true });
    expect(classify({ code: ErrorCode.PlatformError, data: { error: 'is_archived' } })).toEqual({ kind: 'failed', error: 'is_archived' });
    expect(classify({ code: ErrorCode.PlatformError, data: { error: 'internal_error' } })).toEqual({ kind: 'retry', error: 'internal_error', inDoubt: true });
  });
});
