// How far the app has read a mailbox: the last UID handled under the mailbox's UIDVALIDITY, in MongoDB, so a
// restart (or a second instance) carries on where the reading stopped instead of from the start.
import { Schema, type Connection, type Model } from 'mongoose';

interface CheckpointDoc {
  _id: string;
  uidValidity: string;
  lastUid: number;
  updatedAt: Date;
}

const checkpointSchema = new Schema<CheckpointDoc>({ _id: String, uidValidity: String, lastUid: Number, updatedAt: Date }, { versionKey: false });

export type MailboxCheckpointStore = ReturnType<typeof createMailboxCheckpointStore>;

export function createMailboxCheckpointStore(connection: Connection) {
  const Checkpoints =
    (connection.models.MailboxCheckpoint as Model<CheckpointDoc> | undefined) ??
    connection.model<CheckpointDoc>('MailboxCheckpoint', checkpointSchema, 'mailbox_checkpoints');
  return {
    /** The last UID handled; 0 when the mailbox is new to us or its UIDVALIDITY changed (UIDs mean nothing then). */
    async lastUid(mailbox: string, uidValidity: string): Promise<number> {
      const doc = await Checkpoints.findById(mailbox).lean<CheckpointDoc>();
      return doc && doc.uidValidity === uidValidity ? doc.lastUid : 0;
    },
    /** Moves the checkpoint forward (never back, whichever instance finishes first). */
    async advance(mailbox: string, uidValidity: string, uid: number, at: Date): Promise<void> {
      const doc = await Checkpoints.findById(mailbox).lean<CheckpointDoc>();
      if (!doc || doc.uidValidity !== uidValidity) {
        await Checkpoints.updateOne({ _id: mailbox }, { $set: { uidValidity, lastUid: uid, updatedAt: at } }, { upsert: true });
        return;
      }
      await Checkpoints.updateOne({ _id: mailbox, uidValidity, lastUid: { $lt: uid } }, { $set: { lastUid: uid, updatedAt: at } });
    },
  };
}
