// Fault injection for reliability tests: failed commands, slow replies, dropped sockets, refused connections.
import type { Document } from 'bson';

export interface InjectedError {
  code: number;
  codeName: string;
  errmsg?: string;
  /** e.g. ['RetryableWriteError'] */
  errorLabels?: string[];
}

export interface FailNextOptions {
  /** Only these commands fail (e.g. ['insert', 'find']); default: every command except the handshake/monitoring ones. */
  commands?: string[];
  /** Only commands on these collections fail (e.g. ['questions']); default: any. */
  collections?: string[];
}

export interface EmbeddedFaults {
  /** Destroy every open client socket now; the listener keeps accepting new connections. */
  dropConnections(): void;
  /** The next `count` matching commands answer `{ ok: 0, code, codeName, errmsg }`. */
  failNext(count: number, error: InjectedError, options?: FailNextOptions): void;
  /** Delay every reply by `ms` (0 stops delaying). */
  delay(ms: number): void;
  /** true: close the listener and drop every socket (clients get ECONNREFUSED); false: listen again on the same port. */
  refuseConnections(refuse: boolean): Promise<void>;
  /** Clear pending failures and delays (does not reopen a refusing listener). */
  reset(): void;
}

/** Handshake and monitoring traffic never consumes a failNext unless named explicitly. */
const UNTARGETED_BY_DEFAULT = new Set(['hello', 'ismaster', 'endsessions']);

interface PendingFailure {
  remaining: number;
  error: InjectedError;
  commands?: Set<string>;
  collections?: Set<string>;
}

export interface FaultHooks {
  dropConnections(): void;
  setRefusing(refuse: boolean): Promise<void>;
}

export class Faults implements EmbeddedFaults {
  private readonly pending: PendingFailure[] = [];
  delayMs = 0;

  constructor(private readonly hooks: FaultHooks) {}

  dropConnections(): void {
    this.hooks.dropConnections();
  }

  failNext(count: number, error: InjectedError, options: FailNextOptions = {}): void {
    if (count <= 0) return;
    const commands = options.commands ? new Set(options.commands.map((name) => name.toLowerCase())) : undefined;
    const collections = options.collections ? new Set(options.collections) : undefined;
    this.pending.push({ remaining: count, error, commands, collections });
  }

  delay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  refuseConnections(refuse: boolean): Promise<void> {
    return this.hooks.setRefusing(refuse);
  }

  reset(): void {
    this.pending.length = 0;
    this.delayMs = 0;
  }

  /** The injected reply for this command, if a pending failure matches it. */
  take(commandName: string, collection?: unknown): Document | null {
    const name = commandName.toLowerCase();
    const failure = this.pending.find(
      (entry) =>
        (entry.commands ? entry.commands.has(name) : !UNTARGETED_BY_DEFAULT.has(name)) &&
        (!entry.collections || (typeof collection === 'string' && entry.collections.has(collection))),
    );
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.pending.splice(this.pending.indexOf(failure), 1);
    const { code, codeName, errmsg, errorLabels } = failure.error;
    return {
      ok: 0,
      errmsg: errmsg ?? `injected failure (${codeName})`,
      code,
      codeName,
      ...(errorLabels ? { errorLabels } : {}),
    };
  }
}
