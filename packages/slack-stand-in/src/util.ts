// Small helpers shared by the fake: Slack-style errors, ids, timestamps and argument readers.
import type { JsonObject } from './types';

/** Thrown by method handlers; becomes `{ ok: false, error, response_metadata? }` with HTTP 200. */
export class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
    /** A payload Slack would reject: also recorded in `fake.violations`. */
    readonly violation = false,
    readonly extra: JsonObject = {},
  ) {
    super(messages.length ? `${error}: ${messages.join('; ')}` : error);
  }
}

export function violation(error: string, messages: string[]): SlackError {
  return new SlackError(error, messages, true);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** Slack-looking ids: a prefix letter plus 10 upper-case characters, unique per process (a bijective scramble). */
export class IdMaker {
  private static counter = 0;
  next(prefix: string): string {
    IdMaker.counter += 1;
    const base = ALPHABET.length;
    let n = (IdMaker.counter * 7919 + 104729) % base ** 10;
    let out = '';
    for (let i = 0; i < 10; i += 1) {
      out = `${ALPHABET[n % base]}${out}`;
      n = Math.floor(n / base);
    }
    return `${prefix}${out}`;
  }
}

/** Message timestamps: "1700000000.000100", unique and strictly increasing, on the fake's clock. */
export class TsClock {
  private lastMicros = 0;
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return microsToTs(micros);
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export function microsToTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const rest = Math.round(micros - seconds * 1_000_000);
  return `${seconds}.${String(rest).padStart(6, '0')}`;
}

export function tsToNumber(ts: string): number {
  return Number(ts);
}

// ---- argument readers (form bodies carry everything as strings, JSON args as JSON strings) ----

export function str(args: JsonObject, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function requireStr(args: JsonObject, key: string, method: string): string {
  const value = str(args, key);
  if (value === undefined) {
    throw violation('invalid_arguments', [`[ERROR] missing required field: ${key} [method:${method}]`]);
  }
  return value;
}

export function bool(args: JsonObject, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return value === 'true' || value === '1' || value === 1;
}

export function int(args: JsonObject, key: string): number | undefined {
  const value = str(args, key);
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** A JSON-typed argument: an object/array (JSON body) or a JSON string (form body). */
export function json(args: JsonObject, key: string, formatError: string): unknown {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw violation(formatError, [`[ERROR] ${key} is not valid JSON`]);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Opaque pagination cursor over an offset, like Slack's base64 cursors. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^offset:(\d+)$/.exec(text);
  if (!match?.[1]) throw new SlackError('invalid_cursor');
  return Number(match[1]);
}

export function paginate<T>(items: T[], args: JsonObject, defaultLimit: number, maxLimit = 1000) {
  const limit = Math.min(int(args, 'limit') ?? defaultLimit, maxLimit) || defaultLimit;
  const offset = decodeCursor(str(args, 'cursor'));
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor(offset + limit) : '';
  return { page, hasMore: next !== '', nextCursor: next };
}

/** Deterministic PRNG (mulberry32) for seeded random failures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Offset (seconds) and label of an IANA zone right now, as users.info reports them. */
export function zoneInfo(tz: string, at = new Date()): { offset: number; label: string } {
  const part = (style: 'longOffset' | 'long') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { offset, label: part('long') };
}
