// Where each anchored Slack message stands: claimed (someone may be posting it), attempted (a post went out and
// may have landed), or posted at {channel, ts}. One document per publication key; every step is conditional.
import { Schema, type Connection, type Model } from 'mongoose';

export interface Publication {
  key: string;
  channel: string;
  threadTs?: string;
  /** Set before the first chat.postMessage: from then on the message may exist, so it is looked up, never re-posted blindly. */
  attemptedAt?: Date;
  leaseUntil?: Date;
  posted?: { channel: string; ts: string };
}

type PublicationDoc = Omit<Publication, 'key'> & { _id: string };

const publicationSchema = new Schema<PublicationDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    threadTs: String,
    attemptedAt: Date,
    leaseUntil: Date,
    posted: { type: { _id: false, channel: String, ts: String }, default: undefined },
  },
  { versionKey: false },
);

const toPublication = (doc: PublicationDoc | null): Publication | null => {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { key: _id, ...rest };
};

export type PublicationStore = ReturnType<typeof createPublicationStore>;

export function createPublicationStore(connection: Connection) {
  const Publications =
    (connection.models.Publication as Model<PublicationDoc> | undefined) ?? connection.model<PublicationDoc>('Publication', publicationSchema, 'slack_publications');

  return {
    get: async (key: string) => toPublication(await Publications.findById(key).lean<PublicationDoc>()),

    /** The lease on `key` (created if new), unless it is posted or someone else holds a live lease. */
    async lease(key: string, where: { channel: string; threadTs?: string }, now: Date, until: Date): Promise<Publication | null> {
      try {
        const doc = await Publications.findOneAndUpdate(
          { _id: key, posted: { $exists: false }, $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }] },
          { $set: { leaseUntil: until }, $setOnInsert: { channel: where.channel, ...(where.threadTs ? { threadTs: where.threadTs } : {}) } },
          { upsert: true, returnDocument: 'after' },
        ).lean<PublicationDoc>();
        return toPublication(doc);
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return null; // posted, or leased by someone else
        throw error;
      }
    },

    markAttempted: (key: string, at: Date) => Publications.updateOne({ _id: key, attemptedAt: { $exists: false } }, { $set: { attemptedAt: at } }),

    /** Slack said no: nothing was posted, so the next attempt may post without looking. */
    clearAttempt: (key: string) => Publications.updateOne({ _id: key, posted: { $exists: false } }, { $unset: { attemptedAt: 1, leaseUntil: 1 } }),

    markPosted: (key: string, posted: { channel: string; ts: string }) => Publications.updateOne({ _id: key }, { $set: { posted }, $unset: { leaseUntil: 1 } }),

    release: (key: string) => Publications.updateOne({ _id: key, posted: { $exists: false } }, { $unset: { leaseUntil: 1 } }),
  };
}
