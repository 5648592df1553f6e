// What people submitted or clicked, stored before Slack is acknowledged (keyed by view id + hash, or the click's
// action_ts), until what it asks for has run once to its end.
import { Schema, type Connection } from 'mongoose';

/** Finished intents are kept this long, so a late retry of the same submission still finds it finished. */
const DONE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export interface Intent {
  key: string;
  kind: string;
  payload: Record<string, unknown>;
  recordedAt: Date;
  attempts: number;
  leaseUntil?: Date;
  doneAt?: Date;
  /** Why the last run did not finish, or why it was given up. */
  lastError?: string;
}

interface IntentDoc extends Omit<Intent, 'key'> {
  _id: string;
}

const intentSchema = new Schema<IntentDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    recordedAt: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 0 },
    leaseUntil: { type: Date },
    doneAt: { type: Date, expires: DONE_LIFETIME_SECONDS },
    lastError: { type: String },
  },
  { versionKey: false, minimize: false },
);
intentSchema.index({ doneAt: 1, leaseUntil: 1 });

const toIntent = ({ _id, ...rest }: IntentDoc): Intent => ({ key: _id, ...rest });

export function createIntentStore(connection: Connection) {
  const Intents = connection.model<IntentDoc>('Intent', intentSchema, 'slack_intents');
  const unfinished = (now: Date) => ({ doneAt: null, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] });
  return {
    /** Stores it unless its key is stored already (a retry, a second submit of the same view). */
    async record(intent: Pick<Intent, 'key' | 'kind' | 'payload' | 'recordedAt'>): Promise<void> {
      const { key, ...rest } = intent;
      await Intents.updateOne({ _id: key }, { $setOnInsert: { ...rest, attempts: 0 } }, { upsert: true });
    },
    /** Forgets one that was never run: the person was told it was not saved (it was stored too late). */
    async forget(key: string): Promise<void> {
      await Intents.deleteOne({ _id: key, attempts: 0, doneAt: null });
    },
    /** Takes it to run until `until`, unless it is finished or another run holds it. */
    async lease(key: string, now: Date, until: Date): Promise<Intent | null> {
      const doc = await Intents.findOneAndUpdate({ _id: key, ...unfinished(now) }, { $set: { leaseUntil: until }, $inc: { attempts: 1 } }, { returnDocument: 'after' }).lean<IntentDoc>();
      return doc ? toIntent(doc) : null;
    },
    async finish(key: string, now: Date, error?: string): Promise<void> {
      await Intents.updateOne({ _id: key }, { $set: { doneAt: now, ...(error ? { lastError: error } : {}) }, $unset: { leaseUntil: 1 } });
    },
    /** Gives it back for a later run (something failed that may not fail again). */
    async release(key: string, retryAt: Date, error: string): Promise<void> {
      await Intents.updateOne({ _id: key, doneAt: null }, { $set: { leaseUntil: retryAt, lastError: error } });
    },
    /** Unfinished and free to run: a run that a crash interrupted, or one given back. */
    async due(now: Date, recordedBefore: Date, limit: number): Promise<Intent[]> {
      const docs = await Intents.find({ ...unfinished(now), recordedAt: { $lte: recordedBefore } }).sort({ recordedAt: 1 }).limit(limit).lean<IntentDoc[]>();
      return docs.map(toIntent);
    },
    /** When the next unfinished intent becomes due: a run's lease lapses, or a young one is old enough for the sweep. */
    async nextDue(now: Date, graceMs: number): Promise<Date | undefined> {
      const leased = await Intents.findOne({ doneAt: null, leaseUntil: { $gt: now } }).sort({ leaseUntil: 1 }).lean<IntentDoc>();
      const young = await Intents.findOne({ doneAt: null, leaseUntil: null, recordedAt: { $gt: new Date(now.getTime() - graceMs) } }).sort({ recordedAt: 1 }).lean<IntentDoc>();
      const times = [leased?.leaseUntil, young && new Date(young.recordedAt.getTime() + graceMs)].filter((t): t is Date => t instanceof Date);
      return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
    },
  };
}

export type IntentStore = ReturnType<typeof createIntentStore>;
