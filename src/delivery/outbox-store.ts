// The outbox in MongoDB. Each step is one conditional update: enqueue is an upsert on a unique key, a claim
// takes a lease only when nobody holds a live one, and only the lease holder may record the outcome.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxMail, OutboxMessage, OutboxPurpose } from './outbox';

type OutboxDoc = Omit<OutboxMessage, 'id'> & { _id: Types.ObjectId };

const outboxSchema = new Schema<OutboxDoc>(
  {
    key: { type: String, required: true, unique: true },
    purpose: { kind: { type: String, required: true }, id: { type: String, required: true } },
    mail: {
      to: { type: [String], required: true },
      subject: { type: String, required: true },
      text: { type: String, required: true },
      messageId: { type: String, required: true },
      inReplyTo: String,
      references: { type: [String], default: undefined },
      replyTo: String,
      attachments: { type: [{ _id: false, filename: String, contentType: String, content: Buffer }], default: undefined },
    },
    createdAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lease: { type: { _id: false, token: String, until: Date }, default: undefined },
    sentAt: Date,
    lastError: String,
  },
  { versionKey: false },
);
outboxSchema.index({ sentAt: 1, nextAttemptAt: 1 });
outboxSchema.index({ 'purpose.kind': 1, 'purpose.id': 1 });

const toMessage = (doc: OutboxDoc | null): OutboxMessage | null => {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
};

export type OutboxStore = ReturnType<typeof createOutboxStore>;

export function createOutboxStore(connection: Connection) {
  // Several outboxes may share a connection (tests run two "instances"); the model is defined once.
  const OutboxModel = (connection.models.OutboxMessage as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>('OutboxMessage', outboxSchema, 'outbox');

  return {
    /** Stores the message unless its key is already there; created=false for a repeat. */
    async enqueue(key: string, purpose: OutboxPurpose, mail: OutboxMail, at: Date): Promise<{ message: OutboxMessage; created: boolean }> {
      const result = await OutboxModel.findOneAndUpdate(
        { key },
        { $setOnInsert: { key, purpose, mail, createdAt: at, attempts: 0, nextAttemptAt: at } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      ).lean<OutboxDoc>();
      const raw = result as unknown as { value: OutboxDoc; lastErrorObject?: { updatedExisting?: boolean } };
      return { message: toMessage(raw.value) as OutboxMessage, created: raw.lastErrorObject?.updatedExisting === false };
    },

    /** Leases the most overdue unsent message whose lease (if any) has run out; null when none is due. */
    async claimDue(now: Date, token: string, leaseUntil: Date): Promise<OutboxMessage | null> {
      const doc = await OutboxModel.findOneAndUpdate(
        {
          sentAt: { $exists: false },
          nextAttemptAt: { $lte: now },
          $or: [{ lease: { $exists: false } }, { 'lease.until': { $lte: now } }],
        },
        { $set: { lease: { token, until: leaseUntil } } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      ).lean<OutboxDoc>();
      return toMessage(doc);
    },

    /** Records the send; null when the lease was lost (another instance owns the message now). */
    async markSent(id: string, token: string, at: Date): Promise<OutboxMessage | null> {
      const doc = await OutboxModel.findOneAndUpdate(
        { _id: id, 'lease.token': token, sentAt: { $exists: false } },
        { $set: { sentAt: at }, $unset: { lease: 1, lastError: 1 }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ).lean<OutboxDoc>();
      return toMessage(doc);
    },

    async markFailed(id: string, token: string, nextAttemptAt: Date, error: string): Promise<OutboxMessage | null> {
      const doc = await OutboxModel.findOneAndUpdate(
        { _id: id, 'lease.token': token, sentAt: { $exists: false } },
        { $set: { nextAttemptAt, lastError: error }, $unset: { lease: 1 }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ).lean<OutboxDoc>();
      return toMessage(doc);
    },

    async findByKey(key: string): Promise<OutboxMessage | null> {
      return toMessage(await OutboxModel.findOne({ key }).lean<OutboxDoc>());
    },

    async listByPurpose(purpose: OutboxPurpose): Promise<OutboxMessage[]> {
      const docs = await OutboxModel.find({ 'purpose.kind': purpose.kind, 'purpose.id': purpose.id }).sort({ createdAt: 1 }).lean<OutboxDoc[]>();
      return docs.map((doc) => toMessage(doc) as OutboxMessage);
    },

    async countUnsent(): Promise<number> {
      return OutboxModel.countDocuments({ sentAt: { $exists: false } });
    },
  };
}
