// Questions in MongoDB. Every state change is one conditional update, so double clicks, Slack retries and
// concurrent instances cannot apply it twice.
import { Schema, Types, type Connection } from 'mongoose';
import { QUESTION_CATEGORIES, MAX_REPLIES_KEPT, type MessageRef, type Question, type QuestionContext, type ThreadReply } from './question';

type QuestionDoc = Omit<Question, 'id'> & { _id: Types.ObjectId; originKey: string; resubmittedAt?: Date };

// Nested values are plain sub-documents, without the _id mongoose would add.
const nested = (fields: Record<string, unknown>) => ({ type: new Schema(fields, { _id: false }), default: undefined });
const questionSchema = new Schema<QuestionDoc>(
  {
    originKey: { type: String, required: true, unique: true },
    requesterId: { type: String, required: true, index: true },
    text: { type: String, required: true },
    category: { type: String, required: true, enum: Object.keys(QUESTION_CATEGORIES) },
    blocked: { type: Boolean, default: false },
    context: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    slaStartedAt: { type: Date, required: true },
    remindAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    remindedAt: Date,
    card: nested({ channel: String, ts: String }),
    cardPermalink: String,
    claimedBy: String,
    firstResponse: nested({ userId: String, ts: String, at: Date }),
    replies: { type: [{ _id: false, userId: String, ts: String, text: String, at: Date }], default: [] },
    answer: nested({ userId: String, ts: String, text: String, acceptedBy: String, at: Date, incidentId: String, autoClosed: Boolean }),
    answerCheck: nested({ replyTs: String, askedAt: Date, answer: String, answeredAt: Date }),
    feedback: nested({ rating: String, at: Date }),
    escalation: nested({ at: Date, by: String, ticketId: String, ticketKey: String, ticketPermalink: String, proposal: Boolean }),
    withdrawnAt: Date,
    editedAt: Date,
    announcedAt: Date,
    editOrigins: { type: [String], default: undefined },
    abandonedAt: Date,
    resubmittedAt: Date,
    reopenCount: { type: Number, default: 0 },
    incidentId: { type: String, index: true },
    incidentTitle: String,
    slaPause: nested({ at: Date, remainingMs: Number }),
    suggestion: nested({ questionId: String, question: String, offeredAt: Date, outcome: String, at: Date }),
  },
  { versionKey: false, minimize: false },
);
questionSchema.index({ 'card.channel': 1, 'card.ts': 1 }, { unique: true, partialFilterExpression: { 'card.ts': { $exists: true } } });

export type NewQuestion = Pick<Question, 'requesterId' | 'text' | 'category' | 'blocked' | 'context' | 'createdAt' | 'slaStartedAt' | 'remindAt' | 'dueAt'> & { incidentId?: string };

const toQuestion = (doc: QuestionDoc | null): Question | null => {
  if (!doc) return null;
  const { _id, originKey: _origin, resubmittedAt: _resubmitted, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), replies: rest.replies ?? [], context: rest.context ?? {} };
};

export type QuestionStore = ReturnType<typeof createQuestionStore>;

export function createQuestionStore(connection: Connection) {
  const Questions = connection.model<QuestionDoc>('Question', questionSchema, 'questions');
  const isId = (id: string) => Types.ObjectId.isValid(id) && id.length === 24;
  const update = async (id: string, condition: object, change: object): Promise<Question | null> => {
    if (!isId(id)) return null;
    const doc = await Questions.findOneAndUpdate({ _id: id, ...condition }, change, { returnDocument: 'after' }).lean<QuestionDoc>();
    return toQuestion(doc);
  };

  return {
    Questions,
    /** Inserts once per origin (the modal's view id): a double submit returns the first one with created=false. */
    async create(originKey: string, fields: NewQuestion): Promise<{ question: Question; created: boolean }> {
      const result = await Questions.findOneAndUpdate(
        { originKey },
        { $setOnInsert: { ...fields, originKey, status: 'open', replies: [], reopenCount: 0 } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      ).lean<QuestionDoc>();
      const raw = result as unknown as { value: QuestionDoc; lastErrorObject?: { updatedExisting?: boolean } };
      return { question: toQuestion(raw.value) as Question, created: raw.lastErrorObject?.updatedExisting === false };
    },
    async get(id: string): Promise<Question | null> {
      if (!isId(id)) return null;
      return toQuestion(await Questions.findById(id).lean<QuestionDoc>());
    },
    async findByCard(card: MessageRef): Promise<Question | null> {
      return toQuestion(await Questions.findOne({ 'card.channel': card.channel, 'card.ts': card.ts }).lean<QuestionDoc>());
    },
    /** The question whose card or one of whose thread replies is this message. */
    async findByMessage(ref: MessageRef): Promise<Question | null> {
      return toQuestion(await Questions.findOne({ 'card.channel': ref.channel, $or: [{ 'card.ts': ref.ts }, { 'replies.ts': ref.ts }] }).lean<QuestionDoc>());
    },
    markAnnounced: (id: string, at: Date) => update(id, { announcedAt: { $exists: false } }, { $set: { announcedAt: at } }),
    /** The form was told "not saved": unless it is submitted again, this question stays unannounced. */
    abandon: (originKey: string, at: Date) =>
      Questions.updateOne({ originKey, announcedAt: { $exists: false }, resubmittedAt: { $exists: false } }, { $set: { abandonedAt: at } }),
    /** The same form came back: whatever an earlier timeout decided, this question is wanted. */
    revive: (id: string, at: Date) => update(id, {}, { $set: { resubmittedAt: at }, $unset: { abandonedAt: 1 } }),
    setPermalink: (id: string, permalink: string) => update(id, {}, { $set: { cardPermalink: permalink } }),
    setCard: (id: string, card: MessageRef) => update(id, { card: { $exists: false } }, { $set: { card } }),
    addReply: (id: string, reply: ThreadReply) =>
      update(id, { 'replies.ts': { $ne: reply.ts } }, { $push: { replies: { $each: [reply], $slice: -MAX_REPLIES_KEPT } } }),
    /** Sets the first response once; null when someone else's reply was first. */
    setFirstResponse: (id: string, response: { userId: string; ts: string; at: Date }) =>
      update(id, { firstResponse: { $exists: false } }, { $set: { firstResponse: response } }),
    claim: (id: string, userId: string) =>
      update(id, { status: { $in: ['open', 'escalated'] }, claimedBy: { $exists: false } }, { $set: { claimedBy: userId } }),
    markAnswered: (id: string, answer: NonNullable<Question['answer']>) =>
      update(id, { status: { $in: ['open', 'escalated'] } }, { $set: { status: 'answered', answer } }),
    reopen: (id: string, timers: Pick<Question, 'slaStartedAt' | 'remindAt' | 'dueAt'>) =>
      update(id, { status: 'answered' }, {
        $set: { status: 'open', ...timers },
        $unset: { answer: 1, firstResponse: 1, remindedAt: 1, claimedBy: 1 },
        $inc: { reopenCount: 1 },
      }),
    withdraw: (id: string, at: Date) =>
      update(id, { status: { $in: ['open', 'escalated'] } }, { $set: { status: 'withdrawn', withdrawnAt: at } }),
    edit: (id: string, fields: { text: string; category: Question['category']; blocked: boolean; context: QuestionContext }, at: Date, originKey: string) =>
      update(id, { status: { $in: ['open', 'escalated'] }, editOrigins: { $ne: originKey } }, { $set: { ...fields, editedAt: at }, $push: { editOrigins: { $each: [originKey], $slice: -20 } } }),
    retime: (id: string, timers: Pick<Question, 'remindAt' | 'dueAt'>) => update(id, { status: 'open' }, { $set: timers }),
    /** True once: the reminder is due and nobody has answered. */
    markReminded: (id: string, at: Date) =>
      update(id, { status: 'open', firstResponse: { $exists: false }, remindedAt: { $exists: false }, slaPause: { $exists: false } }, { $set: { remindedAt: at } }),
    /** Once, and only while nobody has answered and no incident holds the SLA. */
    escalateUnanswered: (id: string, escalation: NonNullable<Question['escalation']>) =>
      update(id, { status: 'open', firstResponse: { $exists: false }, slaPause: { $exists: false } }, { $set: { status: 'escalated', escalation } }),
    /** The asker's 👍 / 👎 on an answered question; the first click counts. */
    rate: (id: string, rating: 'up' | 'down', at: Date) => update(id, { status: 'answered', feedback: { $exists: false } }, { $set: { feedback: { rating, at } } }),
    /** "Did this answer it?" is asked once per latest team reply, while the question is open and unanswered. */
    askAnswerCheck: (id: string, replyTs: string, at: Date) =>
      update(id, { status: 'open', answer: { $exists: false }, slaPause: { $exists: false }, 'answerCheck.replyTs': { $ne: replyTs } }, { $set: { answerCheck: { replyTs, askedAt: at } } }),
    /** "No": the replies did not answer it; the team has it again with a fresh SLA (once per ask). */
    answerCheckNo: (id: string, replyTs: string, at: Date, timers: Pick<Question, 'slaStartedAt' | 'remindAt' | 'dueAt'>) =>
      update(
        id,
        { status: 'open', 'answerCheck.replyTs': replyTs, 'answerCheck.answer': { $exists: false } },
        { $set: { 'answerCheck.answer': 'no', 'answerCheck.answeredAt': at, ...timers }, $unset: { firstResponse: 1, remindedAt: 1, claimedBy: 1 } },
      ),
    /** Nobody said after the ask: closed by itself, with the team's latest reply as its answer (not a confirmed one). */
    autoClose: (id: string, replyTs: string, answer: NonNullable<Question['answer']>) =>
      update(id, { status: 'open', 'answerCheck.replyTs': replyTs, 'answerCheck.answer': { $exists: false } }, { $set: { status: 'answered', answer } }),
    /** An answer given before is offered while asking (once, before the question reaches the team). */
    offerSuggestion: (id: string, suggestion: NonNullable<Question['suggestion']>) =>
      update(id, { status: 'open', announcedAt: { $exists: false }, suggestion: { $exists: false } }, { $set: { suggestion } }),
    /** The asker's choice: it solved it (the question never reaches the team), or ask the team anyway. */
    decideSuggestion: (id: string, outcome: 'solved' | 'asked', at: Date) =>
      update(
        id,
        { status: 'open', announcedAt: { $exists: false }, suggestion: { $exists: true }, 'suggestion.outcome': { $exists: false } },
        outcome === 'solved' ? { $set: { status: 'deflected', 'suggestion.outcome': outcome, 'suggestion.at': at } } : { $set: { 'suggestion.outcome': outcome, 'suggestion.at': at } },
      ),
    /** An open question about an active incident: its SLA waits with what was left of it. Null when it waits already. */
    pauseSla: (id: string, incident: { id: string; title: string }, pause: NonNullable<Question['slaPause']>) =>
      update(id, { status: 'open', slaPause: { $exists: false } }, { $set: { incidentId: incident.id, incidentTitle: incident.title, slaPause: pause } }),
    /** The asker says it is still broken after the incident: the SLA runs again (once). */
    resumeSla: (id: string, timers: Pick<Question, 'remindAt' | 'dueAt'>) =>
      update(id, { status: 'open', slaPause: { $exists: true } }, { $set: timers, $unset: { slaPause: 1, remindedAt: 1 } }),
    /** The asker says it works again after the incident: answered, by the incident's resolution. */
    answerByIncident: (id: string, answer: NonNullable<Question['answer']>) =>
      update(id, { status: 'open', slaPause: { $exists: true } }, { $set: { status: 'answered', answer }, $unset: { slaPause: 1 } }),
    /** Escalates an open question (or keeps an escalated one's first escalation) and records its ticket. */
    async linkTicket(id: string, ticket: { id: string; key: string; permalink?: string; proposal?: boolean }, by: string, at: Date): Promise<Question | null> {
      const current = await this.get(id);
      if (!current) return null;
      const escalation = { at: current.escalation?.at ?? at, by: current.escalation?.by ?? by, ticketId: ticket.id, ticketKey: ticket.key, ticketPermalink: ticket.permalink, ...(ticket.proposal ? { proposal: true } : {}) };
      return update(id, { status: { $in: ['open', 'escalated'] } }, { $set: { status: 'escalated', escalation } });
    },
    linkIncident: (id: string, incident: { id: string; title: string }) =>
      update(id, {}, { $set: { incidentId: incident.id, incidentTitle: incident.title } }),
    async listByIncident(incidentId: string): Promise<Question[]> {
      const docs = await Questions.find({ incidentId }).lean<QuestionDoc[]>();
      return docs.map((d) => toQuestion(d) as Question);
    },
    async listByRequester(requesterId: string, limit = 10): Promise<Question[]> {
      const docs = await Questions.find({ requesterId }).sort({ createdAt: -1 }).limit(limit).lean<QuestionDoc[]>();
      return docs.map((d) => toQuestion(d) as Question);
    },
    async listOpen(limit = 20): Promise<Question[]> {
      const docs = await Questions.find({ status: { $in: ['open', 'escalated'] } }).sort({ dueAt: 1 }).limit(limit).lean<QuestionDoc[]>();
      return docs.map((d) => toQuestion(d) as Question);
    },
    async listCreatedSince(since: Date, limit = 2000): Promise<Question[]> {
      const docs = await Questions.find({ createdAt: { $gte: since } }).sort({ createdAt: -1 }).limit(limit).lean<QuestionDoc[]>();
      return docs.map((d) => toQuestion(d) as Question);
    },
    /** Questions asked before `before` whose announcing a crash or an outage interrupted. */
    async listUnannounced(before: Date): Promise<Question[]> {
      const docs = await Questions.find({
        announcedAt: { $exists: false },
        abandonedAt: { $exists: false },
        status: { $nin: ['withdrawn', 'deflected'] },
        // Waiting for the asker's choice on an answer given before: posted only once they ask the team anyway.
        $or: [{ suggestion: { $exists: false } }, { 'suggestion.outcome': 'asked' }],
        createdAt: { $lt: before },
      }).limit(20).lean<QuestionDoc[]>();
      return docs.map((d) => toQuestion(d) as Question);
    },
  };
}
