// Persist before acknowledging: a form submitted or a button clicked is stored (within Slack's ack budget) before
// ack(), and what it asks for then runs once to its end. A run a crash interrupted is resumed by any instance once its
// lease lapses, soon after a restart; a refusal (a known error) ends it; anything else is retried a few times, with
// backoff, and the person who clicked is told it goes through in a moment.
import type { z } from 'zod';
import type { Clock } from '../clock';
import { crashPoint } from '../crash-points';
import { retryDelayMs, type RetryPolicy } from '../delivery/backoff';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { withinAckBudget } from './ack-budget';
import type { IntentStore } from './intent-store';
import type { ActionArgs, ViewSubmitArgs } from './routes';

/** Longer than one run (a few database writes and Slack calls, each bounded): a lease outliving it means a crash. */
const LEASE_MS = 20_000;
/** A run starts right after the ack; the sweep leaves the young ones to it. */
const GRACE_MS = 5_000;
const MAX_ATTEMPTS = 5;
/** After a failure: 5 s, 10 s, 20 s, 40 s (Slack or the database back from a hiccup). */
const RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 60_000 };
const SWEEP_BATCH = 50;

export interface IntentKind<P, R> {
  /** Stores what the person asked for, under its idempotency key: false when the database did not take it in time. */
  record(key: string, payload: P): Promise<boolean>;
  /** Runs it after the ack; undefined when it already ran (the same submission again) or runs elsewhere. */
  run(key: string, payload: P): Promise<R | undefined>;
  /**
   * The listener's part: stored, then acknowledged with `ack`, then run; `notSaved` answers instead when it was not
   * stored. A refusal reaches the caller; another failure is left to the sweep (it is stored), and `later` says so.
   */
  submit(key: string, payload: P, answers: { ack: () => Promise<void>; notSaved: () => Promise<void>; later?: () => Promise<void> }): Promise<R | undefined>;
}

/** The idempotency key of a click (Slack's action_ts is the click's own) or of a view submitted (its id and hash). */
const clickKey = (action: { action_id: string; action_ts?: string }, userId: string) => `action:${action.action_id}:${action.action_ts ?? ''}:${userId}`;
const submissionKey = (view: { id: string; hash: string }) => `view:${view.id}:${view.hash}`;

const NOT_SAVED_CLICK = ':warning: Could not save that just now, so nothing changed. Please click again.';
const NOT_SAVED_FORM = 'Could not save this just now, so nothing changed. Please submit the form again.';
const LATER_CLICK = ':hourglass_flowing_sand: Saved. Slack or the database is slow right now, so it goes through in a moment: no need to click again.';

/** A form: stored, closed, run. One that could not be stored stays open, saying so under `errorBlock`. */
export function submitForm<P, R>(intent: IntentKind<P, R>, args: Pick<ViewSubmitArgs, 'ack' | 'view'>, errorBlock: string, payload: P): Promise<R | undefined> {
  return intent.submit(submissionKey(args.view), payload, {
    ack: () => args.ack(),
    notSaved: () => args.ack({ response_action: 'errors', errors: { [errorBlock]: NOT_SAVED_FORM } }),
  });
}

/** A click: stored, acknowledged, run. One that could not be stored changed nothing, and the person is told to click again. */
export function submitClick<P, R>(intent: IntentKind<P, R>, args: Pick<ActionArgs, 'ack' | 'action' | 'body' | 'respond'>, payload: P): Promise<R | undefined> {
  return intent.submit(clickKey(args.action, args.body.user.id), payload, {
    ack: () => args.ack(),
    notSaved: async () => {
      await args.ack();
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: NOT_SAVED_CLICK });
    },
    later: async () => void (await args.respond({ response_type: 'ephemeral', replace_original: false, text: LATER_CLICK })),
  });
}

export interface IntentJournal {
  define<P extends Record<string, unknown>, R>(kind: string, schema: z.ZodType<P>, handler: (payload: P) => Promise<R>): IntentKind<P, R>;
  /** The sweep: runs what a crash interrupted or a failure gave back. */
  resume(): Promise<void>;
  stop(): void;
}

export function createIntentJournal(deps: { store: IntentStore; clock: Clock; logger: Logger }): IntentJournal {
  const { store } = deps;
  const log = deps.logger.child({ component: 'intents' });
  const now = () => deps.clock.now().toJSDate();
  const later = (ms: number) => new Date(now().getTime() + ms);
  const kinds = new Map<string, { schema: z.ZodType<Record<string, unknown>>; handler: (payload: Record<string, unknown>) => Promise<unknown> }>();
  let wakeUp: { timer: NodeJS.Timeout; at: number } | undefined;
  let stopped = false;

  /** Runs the sweep at `at` (or sooner, if one is already due sooner): a retry or a lapsing lease, not a sweep later. */
  function resumeAt(at: Date): void {
    if (stopped || (wakeUp && wakeUp.at <= at.getTime())) return;
    clearTimeout(wakeUp?.timer);
    const timer = setTimeout(() => {
      wakeUp = undefined;
      void resume().catch((error: unknown) => log.warn({ err: error }, 'intent sweep failed'));
    }, Math.max(0, at.getTime() - now().getTime()) + 100).unref();
    wakeUp = { timer, at: at.getTime() };
  }

  /** Runs a leased intent; a refusal or a bug the person was told of ends it, other failures are given back. */
  async function runLeased(key: string, kind: string, payload: Record<string, unknown>, attempts: number): Promise<unknown> {
    const definition = kinds.get(kind);
    if (!definition) throw new Error(`no intent kind ${kind}`);
    try {
      const result = await definition.handler(definition.schema.parse(payload));
      await store.finish(key, now());
      return result;
    } catch (error) {
      const refused = error instanceof AppError;
      if (refused || attempts >= MAX_ATTEMPTS) await store.finish(key, now(), String(error));
      else {
        const retryAt = later(retryDelayMs(attempts, RETRY));
        await store.release(key, retryAt, String(error));
        resumeAt(retryAt);
      }
      throw error;
    }
  }

  async function resume(): Promise<void> {
    for (const intent of await store.due(now(), new Date(now().getTime() - GRACE_MS), SWEEP_BATCH)) {
      const leased = await store.lease(intent.key, now(), later(LEASE_MS));
      if (!leased) continue;
      try {
        await runLeased(leased.key, leased.kind, leased.payload, leased.attempts);
        log.info({ kind: leased.kind, attempts: leased.attempts }, 'interrupted request finished');
      } catch (error) {
        log.warn({ kind: leased.kind, attempts: leased.attempts, err: error instanceof AppError ? error.code : error }, 'interrupted request did not finish');
      }
    }
    // A run a crash interrupted: look again as soon as it is due, not a whole sweep later (resumed soon after a restart).
    const next = await store.nextDue(now(), GRACE_MS);
    if (next) resumeAt(next);
  }

  return {
    define<P extends Record<string, unknown>, R>(kind: string, schema: z.ZodType<P>, handler: (payload: P) => Promise<R>): IntentKind<P, R> {
      if (kinds.has(kind)) throw new Error(`two intent kinds ${kind}`);
      kinds.set(kind, { schema: schema as unknown as z.ZodType<Record<string, unknown>>, handler: handler as (payload: Record<string, unknown>) => Promise<unknown> });
      const intent: IntentKind<P, R> = {
        async record(key, payload) {
          const stored = store.record({ key, kind, payload, recordedAt: now() }).then(() => true);
          const saved = await withinAckBudget(stored, () => store.forget(key)).catch((error: unknown) => {
            log.warn({ kind, err: error }, 'could not store a request before acknowledging it');
            return undefined;
          });
          return saved === true;
        },
        async run(key, payload) {
          const leased = await store.lease(key, now(), later(LEASE_MS));
          if (!leased) return undefined;
          return (await runLeased(key, kind, payload, leased.attempts)) as R;
        },
        async submit(key, payload, answers) {
          if (!(await intent.record(key, payload))) {
            await answers.notSaved();
            return undefined;
          }
          await answers.ack();
          crashPoint('intent.acknowledged'); // stored and acknowledged, not run: the sweep runs it after a restart
          try {
            return await intent.run(key, payload);
          } catch (error) {
            if (error instanceof AppError) throw error;
            log.warn({ kind, err: error }, 'a stored request failed after its acknowledgement; the sweep runs it again');
            await answers.later?.();
            return undefined;
          }
        },
      };
      return intent;
    },
    resume,
    stop: () => {
      stopped = true;
      clearTimeout(wakeUp?.timer);
    },
  };
}
