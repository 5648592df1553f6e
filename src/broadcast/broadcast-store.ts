// Broadcast deliveries in MongoDB, and the heartbeats that tell live workers from dead ones. Ids are
// deterministic, so planning twice inserts nothing new; every state change is conditional on the claimant.
import { Schema, type Connection } from 'mongoose';
import type { MessageRef } from '../incidents/incident';
import { deliveryId, type Delivery } from './broadcast';

type DeliveryDoc = Omit<Delivery, 'id'> & { _id: string };

const ref = { type: { channel: String, ts: String }, default: undefined };
const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    incidentId: { type: String, required: true },
    kind: { type: String, required: true },
    seq: { type: Number, required: true },
    target: { type: { key: String, place: String, channel: String, userId: String, reason: String }, required: true },
    state: { type: String, required: true },
    priority: { type: Number, required: true },
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    claimedBy: String,
    claimedAt: Date,
    firstAttemptAt: Date,
    inDoubt: Boolean,
    root: ref,
    posted: ref,
    sentAt: Date,
    lastError: String,
  },
  { versionKey: false, minimize: false },
);
deliverySchema.index({ state: 1, notBefore: 1, priority: 1 });
deliverySchema.index({ incidentId: 1, 'target.key': 1, seq: 1 });

interface HeartbeatDoc {
  _id: string;
  aliveUntil: Date;
}
const heartbeatSchema = new Schema<HeartbeatDoc>({ _id: String, aliveUntil: { type: Date, required: true } }, { versionKey: false });

const toDelivery = (doc: DeliveryDoc | null): Delivery | null => {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
};
const toDeliveries = (docs: DeliveryDoc[]) => docs.map((d) => toDelivery(d) as Delivery);

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

export function createDeliveryStore(connection: Connection) {
  const Deliveries = connection.model<DeliveryDoc>('IncidentDelivery', deliverySchema, 'incident_deliveries');
  const Heartbeats = connection.model<HeartbeatDoc>('BroadcastWorker', heartbeatSchema, 'broadcast_workers');
  const change = async (filter: object, update: object) =>
    toDelivery(await Deliveries.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean<DeliveryDoc>());
  const claimed = (id: string, instance: string) => ({ _id: id, state: 'sending', claimedBy: instance });

  return {
    /** Inserts the ones not there yet (a repeat of the same plan is a no-op). */
    async insertMissing(deliveries: Delivery[]): Promise<void> {
      if (deliveries.length === 0) return;
      const docs = deliveries.map(({ id, ...rest }) => ({ _id: id, ...rest }));
      try {
        await Deliveries.insertMany(docs, { ordered: false });
      } catch (error) {
        // A failed command (database down, failover) comes with no write errors at all: that is not "all duplicates".
        const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors ?? [];
        const onlyDuplicates = writeErrors.length > 0 && writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
        if (!onlyDuplicates && (error as { code?: number }).code !== 11000) throw error;
      }
    },
    async get(id: string): Promise<Delivery | null> {
      return toDelivery(await Deliveries.findById(id).lean<DeliveryDoc>());
    },
    /** Ready to send, team channel first, oldest first. */
    async due(now: Date, limit: number): Promise<Delivery[]> {
      return toDeliveries(await Deliveries.find({ state: 'pending', notBefore: { $lte: now } }).sort({ priority: 1, createdAt: 1, seq: 1, _id: 1 }).limit(limit).lean<DeliveryDoc[]>());
    },
    /** When the earliest pending delivery may go (a retry waiting out its delay), or null when none is pending. */
    async nextDueAt(): Promise<Date | null> {
      const next = await Deliveries.findOne({ state: 'pending' }, { notBefore: 1 }).sort({ notBefore: 1 }).lean<Pick<DeliveryDoc, 'notBefore'>>();
      return next?.notBefore ?? null;
    },
    claim: (id: string, instance: string, now: Date) =>
      change({ _id: id, state: 'pending' }, { $set: { state: 'sending', claimedBy: instance, claimedAt: now }, $min: { firstAttemptAt: now }, $inc: { attempts: 1 } }),
    /** An update's threaded reply is out; its edit of the root may still fail and be retried alone. */
    recordPosted: (id: string, instance: string, posted: MessageRef) => change(claimed(id, instance), { $set: { posted } }),
    complete: (id: string, instance: string, posted: MessageRef | undefined, now: Date) =>
      change(claimed(id, instance), { $set: { state: 'sent', sentAt: now, ...(posted ? { posted } : {}) }, $unset: { inDoubt: 1, lastError: 1 } }),
    retryLater: (id: string, instance: string, notBefore: Date, inDoubt: boolean, error: string) =>
      change(claimed(id, instance), { $set: { state: 'pending', notBefore, inDoubt, lastError: error }, $unset: { claimedBy: 1 } }),
    fail: (id: string, instance: string, error: string) =>
      change(claimed(id, instance), { $set: { state: 'failed', lastError: error }, $unset: { claimedBy: 1 } }),

    /** The message a place got for `seq` (its root or an update). */
    async atSeq(incidentId: string, targetKey: string, seq: number): Promise<Delivery | null> {
      return toDelivery(await Deliveries.findOne({ incidentId, 'target.key': targetKey, seq, kind: { $ne: 'confirm' } }).lean<DeliveryDoc>());
    },
    async atRoot(incidentId: string, targetKey: string): Promise<Delivery | null> {
      return this.get(deliveryId(incidentId, targetKey, 'root', 0));
    },
    /** The next update of a place may go: it hangs on `root`. */
    unblock: (incidentId: string, targetKey: string, seq: number, root: MessageRef, now: Date) =>
      change({ incidentId, 'target.key': targetKey, seq, kind: 'update', state: 'blocked' }, { $set: { state: 'pending', root, notBefore: now } }),
    skip: (incidentId: string, targetKey: string, seq: number) =>
      change({ incidentId, 'target.key': targetKey, seq, kind: 'update', state: 'blocked' }, { $set: { state: 'skipped', lastError: 'the place never got the incident' } }),

    /** Places that have (or will have) a root for this incident from before `seq`: each owes an update. */
    async rootsBefore(incidentId: string, seq: number): Promise<Delivery[]> {
      return toDeliveries(await Deliveries.find({ incidentId, kind: 'root', seq: { $lt: seq }, state: { $nin: ['failed', 'skipped'] } }).lean<DeliveryDoc[]>());
    },
    async blocked(limit: number): Promise<Delivery[]> {
      return toDeliveries(await Deliveries.find({ state: 'blocked' }).sort({ createdAt: 1, seq: 1 }).limit(limit).lean<DeliveryDoc[]>());
    },
    async teamSent(incidentId: string): Promise<Delivery[]> {
      return toDeliveries(await Deliveries.find({ incidentId, 'target.place': 'team', state: 'sent', kind: { $ne: 'confirm' } }).lean<DeliveryDoc[]>());
    },
    /** Claims of workers that stopped beating (or hung) go back to the queue, marked in doubt: they may have posted. */
    async reclaimAbandoned(liveInstances: string[], claimedBefore: Date): Promise<number> {
      const result = await Deliveries.updateMany(
        { state: 'sending', $or: [{ claimedBy: { $nin: liveInstances } }, { claimedAt: { $lt: claimedBefore } }] },
        { $set: { state: 'pending', inDoubt: true }, $unset: { claimedBy: 1 } },
      );
      return result.modifiedCount;
    },
    /** Whether another worker (alive or not yet known to be dead) holds a claim. */
    async claimedElsewhere(instance: string): Promise<boolean> {
      return (await Deliveries.exists({ state: 'sending', claimedBy: { $ne: instance } })) !== null;
    },
    async beat(instance: string, aliveUntil: Date): Promise<void> {
      await Heartbeats.updateOne({ _id: instance }, { $set: { aliveUntil } }, { upsert: true });
    },
    async liveInstances(now: Date): Promise<string[]> {
      await Heartbeats.deleteMany({ aliveUntil: { $lt: new Date(now.getTime() - 24 * 3600_000) } });
      return (await Heartbeats.find({ aliveUntil: { $gte: now } }).lean<HeartbeatDoc[]>()).map((h) => h._id);
    },
    async stopBeating(instance: string): Promise<void> {
      await Heartbeats.deleteOne({ _id: instance });
    },
  };
}
