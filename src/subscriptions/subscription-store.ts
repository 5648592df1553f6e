// Incident subscriptions in MongoDB: one document per place, keyed by `channel:C…` / `person:U…`.
import { Schema, type Connection } from 'mongoose';
import type { Subscription } from './subscription';

type SubscriptionDoc = Omit<Subscription, 'key'> & { _id: string };

const subscriptionSchema = new Schema<SubscriptionDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ['channel', 'person'] },
    channelId: { type: String, required: true },
    userId: String,
    areas: { type: [String], default: [] },
    subscribedBy: { type: String, required: true },
    subscribedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

const toSubscription = (doc: SubscriptionDoc | null): Subscription | null => {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { ...rest, key: _id, areas: rest.areas ?? [] };
};

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;

export function createSubscriptionStore(connection: Connection) {
  const Subscriptions = connection.model<SubscriptionDoc>('IncidentSubscription', subscriptionSchema, 'incident_subscriptions');
  return {
    /** Creates or replaces the place's subscription; returns the previous one, if any. */
    async put(subscription: Subscription): Promise<Subscription | null> {
      const { key, ...fields } = subscription;
      const before = await Subscriptions.findOneAndUpdate({ _id: key }, { $set: fields }, { upsert: true, returnDocument: 'before' }).lean<SubscriptionDoc>();
      return toSubscription(before);
    },
    async remove(key: string): Promise<Subscription | null> {
      return toSubscription(await Subscriptions.findOneAndDelete({ _id: key }).lean<SubscriptionDoc>());
    },
    async get(key: string): Promise<Subscription | null> {
      return toSubscription(await Subscriptions.findById(key).lean<SubscriptionDoc>());
    },
    async all(): Promise<Subscription[]> {
      return (await Subscriptions.find({}).lean<SubscriptionDoc[]>()).map((d) => toSubscription(d) as Subscription);
    },
  };
}
