// Knowledge entries with a MongoDB text index over question (weighted) and answer.
import type { Types} from 'mongoose';
import { Schema, type Connection } from 'mongoose';
import type { KnowledgeEntry } from './knowledge';

type EntryDoc = Omit<KnowledgeEntry, 'id' | 'score'> & { _id: Types.ObjectId; retracted: boolean; score?: number };

const entrySchema = new Schema<EntryDoc>(
  {
    questionId: { type: String, required: true, unique: true },
    question: { type: String, required: true },
    answer: { type: String, required: true },
    category: { type: String, required: true },
    askedBy: { type: String, required: true },
    answeredBy: { type: String, required: true },
    acceptedAt: { type: Date, required: true },
    permalink: String,
    retracted: { type: Boolean, default: false },
  },
  { versionKey: false },
);
entrySchema.index({ question: 'text', answer: 'text' }, { weights: { question: 3, answer: 1 }, name: 'knowledge_text' });

const toEntry = ({ _id, retracted: _r, ...rest }: EntryDoc): KnowledgeEntry => ({ ...rest, id: _id.toHexString() });

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;

export function createKnowledgeStore(connection: Connection) {
  const Entries = connection.model<EntryDoc>('KnowledgeEntry', entrySchema, 'knowledge');
  return {
    Entries,
    /** One entry per question: answering again (after a reopen) replaces it. */
    async upsert(entry: Omit<KnowledgeEntry, 'id' | 'score'>): Promise<void> {
      await Entries.updateOne({ questionId: entry.questionId }, { $set: { ...entry, retracted: false } }, { upsert: true });
    },
    async retract(questionId: string): Promise<void> {
      await Entries.updateOne({ questionId }, { $set: { retracted: true } });
    },
    async search(terms: string, limit: number, excludeQuestionId?: string): Promise<KnowledgeEntry[]> {
      const filter: Record<string, unknown> = { $text: { $search: terms }, retracted: false };
      if (excludeQuestionId) filter.questionId = { $ne: excludeQuestionId };
      const docs = await Entries.find(filter, { score: { $meta: 'textScore' } })
        .sort({ score: { $meta: 'textScore' } })
        .limit(limit)
        .lean<EntryDoc[]>();
      return docs.map(toEntry);
    },
    count: () => Entries.countDocuments({ retracted: false }),
    /** Every entry in use, for the relevance index (a team's knowledge base: hundreds to a few thousand). */
    async listAll(limit = 20_000): Promise<KnowledgeEntry[]> {
      return (await Entries.find({ retracted: false }).sort({ acceptedAt: -1 }).limit(limit).lean<EntryDoc[]>()).map(toEntry);
    },
  };
}
