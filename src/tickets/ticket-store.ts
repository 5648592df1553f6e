// Tickets in MongoDB. Numbers come from an atomic counter; every state change is one conditional update, so
// double clicks, Slack retries, repeated webhooks and concurrent instances cannot apply it twice.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { MessageRef, SupportNote, SupportReply, Ticket, TicketEmailStatus, TicketMove } from './ticket';

/** A "Me too" whose card edit, thread note and vote check are not done yet (a crash in between leaves it to the sweep). */
interface PendingVote {
  userId: string;
  at: Date;
}

type TicketDoc = Omit<Ticket, 'id'> & { _id: Types.ObjectId; originKey: string; publishLeaseUntil?: Date; resubmittedAt?: Date; pendingVotes?: PendingVote[] };
interface CounterDoc {
  _id: string;
  seq: number;
}

const ref = { _id: false, channel: String, ts: String };
const ticketSchema = new Schema<TicketDoc>(
  {
    originKey: { type: String, required: true, unique: true },
    number: { type: Number, required: true },
    key: { type: String, required: true, unique: true },
    typeId: { type: String, required: true },
    severityId: { type: String, required: true },
    title: { type: String, required: true },
    fields: { type: Schema.Types.Mixed, default: {} },
    reporterId: { type: String, required: true, index: true },
    filedBy: { type: String, required: true },
    origin: { type: Schema.Types.Mixed, required: true },
    stage: { type: Schema.Types.Mixed, required: true, index: true },
    stageEnteredAt: { type: Date, required: true },
    history: { type: Schema.Types.Mixed, default: () => [] },
    createdAt: { type: Date, required: true },
    acknowledgementDueAt: { type: Date, required: true },
    acknowledgedAt: Date,
    updateDueAt: Date,
    lastVendorUpdateAt: Date,
    updatesMissed: { type: Number, default: 0 },
    updatesMet: { type: Number, default: 0 },
    updateOutcomes: { type: [{ _id: false, dueAt: Date, at: Date, met: Boolean }], default: undefined },
    workaroundDueAt: Date,
    workaroundMetAt: Date,
    workaroundMissedAt: Date,
    card: { type: ref, default: undefined },
    threadTs: String,
    cardPermalink: String,
    publishLeaseUntil: Date,
    announcedAt: Date,
    abandonedAt: Date,
    resubmittedAt: Date,
    emailQueuedAt: Date,
    email: { type: Schema.Types.Mixed, required: true },
    vendorTicketId: String,
    voters: { type: [String], default: [] },
    pendingVotes: { type: [{ _id: false, userId: String, at: Date }], default: undefined },
    proposal: { type: Schema.Types.Mixed, default: undefined },
    csm: { type: { _id: false, at: Date, by: String, why: String, announcedAt: Date }, default: undefined },
    incident: { type: { _id: false, id: String, title: String }, default: undefined },
    nudges: { type: [String], default: [] },
    confirmation: { type: Schema.Types.Mixed, default: undefined },
    feedback: { type: { _id: false, rating: String, at: Date }, default: undefined },
    replies: { type: Schema.Types.Mixed, default: () => [] },
    notes: { type: Schema.Types.Mixed, default: () => [] },
  },
  { versionKey: false, minimize: false },
);
ticketSchema.index({ 'incident.id': 1 });
ticketSchema.index({ 'origin.questionId': 1 });
ticketSchema.index({ 'card.channel': 1, threadTs: 1 });
ticketSchema.index({ 'proposal.state': 1 });

export type NewTicket = Omit<Ticket, 'id' | 'number' | 'key' | 'history' | 'voters' | 'nudges' | 'replies' | 'notes'>;

const toTicket = (doc: TicketDoc | null): Ticket | null => {
  if (!doc) return null;
  const { _id, originKey: _origin, publishLeaseUntil: _lease, resubmittedAt: _resubmitted, pendingVotes: _pending, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), fields: rest.fields ?? {}, history: rest.history ?? [], voters: rest.voters ?? [], nudges: rest.nudges ?? [], replies: rest.replies ?? [], notes: rest.notes ?? [] };
};

export type TicketStore = ReturnType<typeof createTicketStore>;

export function createTicketStore(connection: Connection) {
  const Tickets = (connection.models.Ticket as Model<TicketDoc> | undefined) ?? connection.model<TicketDoc>('Ticket', ticketSchema, 'tickets');
  const counterSchema = new Schema<CounterDoc>({ _id: String, seq: Number }, { versionKey: false });
  const Counters = (connection.models.Counter as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>('Counter', counterSchema, 'counters');
  const isId = (id: string) => Types.ObjectId.isValid(id) && id.length === 24;
  const update = async (id: string, condition: object, change: object): Promise<Ticket | null> => {
    if (!isId(id)) return null;
    return toTicket(await Tickets.findOneAndUpdate({ _id: id, ...condition }, change, { returnDocument: 'after' }).lean<TicketDoc>());
  };
  const list = async (filter: object, sort: Record<string, 1 | -1>, limit: number) =>
    (await Tickets.find(filter).sort(sort).limit(limit).lean<TicketDoc[]>()).map((d) => toTicket(d) as Ticket);

  return {
    /** The next number of a counter (1, 2, 3 …), atomically, whatever the number of instances. */
    async nextNumber(counter: string): Promise<number> {
      const doc = await Counters.findOneAndUpdate({ _id: counter }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<CounterDoc>();
      return doc?.seq ?? 1;
    },

    findByOrigin: async (originKey: string) => toTicket(await Tickets.findOne({ originKey }).lean<TicketDoc>()),

    /** Inserts once per origin; a concurrent insert of the same origin returns that one with created=false. */
    async create(originKey: string, number: number, key: string, fields: NewTicket, publishLeaseUntil: Date): Promise<{ ticket: Ticket; created: boolean }> {
      try {
        const doc = await Tickets.create({ ...fields, originKey, number, key, history: [], voters: [], nudges: [], replies: [], notes: [], publishLeaseUntil });
        return { ticket: toTicket(doc.toObject() as TicketDoc) as Ticket, created: true };
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        const existing = await Tickets.findOne({ originKey }).lean<TicketDoc>();
        if (!existing) throw error;
        return { ticket: toTicket(existing) as Ticket, created: false };
      }
    },

    async get(id: string): Promise<Ticket | null> {
      return isId(id) ? toTicket(await Tickets.findById(id).lean<TicketDoc>()) : null;
    },
    findByKey: async (key: string) => toTicket(await Tickets.findOne({ key }).lean<TicketDoc>()),

    /** Takes the right to finish filing (the filing request holds it first; the repair sweep after it lapses). */
    claimPublishing: (id: string, now: Date, until: Date) =>
      update(id, { announcedAt: { $exists: false }, $or: [{ publishLeaseUntil: { $exists: false } }, { publishLeaseUntil: { $lte: now } }] }, { $set: { publishLeaseUntil: until } }),
    setCard: (id: string, card: MessageRef, threadTs: string, permalink?: string) =>
      update(id, { card: { $exists: false } }, { $set: { card, threadTs, cardPermalink: permalink } }),
    markAnnounced: (id: string, at: Date) => update(id, { announcedAt: { $exists: false } }, { $set: { announcedAt: at }, $unset: { publishLeaseUntil: 1 } }),
    /** The form was told "not saved": unless it is submitted again, this ticket stays unpublished. */
    abandon: (originKey: string, at: Date) =>
      Tickets.updateOne({ originKey, announcedAt: { $exists: false }, card: { $exists: false }, resubmittedAt: { $exists: false } }, { $set: { abandonedAt: at } }),
    /** The same form came back: whatever an earlier timeout decided, this ticket is wanted. */
    revive: (id: string, at: Date) => update(id, {}, { $set: { resubmittedAt: at }, $unset: { abandonedAt: 1 } }),
    markEmailQueued: (id: string, at: Date) => update(id, { emailQueuedAt: { $exists: false } }, { $set: { emailQueuedAt: at } }),
    /** A delivery outcome; a late "retrying" never overwrites "sent". */
    setEmailStatus: (id: string, email: TicketEmailStatus) =>
      update(id, email.state === 'sent' ? {} : { 'email.state': { $ne: 'sent' } }, { $set: { email } }),

    /** Moves only from the stage the caller saw; null when someone else moved it first. */
    move: (id: string, move: TicketMove, extra: { acknowledgedAt?: Date; vendorTicketId?: string; confirmation?: Ticket['confirmation'] } = {}) =>
      update(id, { stage: move.from }, {
        $set: { stage: move.to, stageEnteredAt: move.at, ...definedOnly(extra) },
        $push: { history: move },
        ...(move.to === 'on-hold' ? {} : { $unset: { confirmation: 1 } }),
      }),
    markMoveAnnounced: (id: string, index: number, at: Date) =>
      update(id, { [`history.${index}.announcedAt`]: { $exists: false } }, { $set: { [`history.${index}.announcedAt`]: at } }),
    /** Tickets with a move whose announcing a crash or an outage interrupted. */
    listUnannouncedMoves: (before: Date) => list({ history: { $elemMatch: { announcedAt: { $exists: false }, at: { $lt: before } } } }, { createdAt: 1 }, 20),
    setVendorTicketId: (id: string, vendorTicketId: string) => update(id, {}, { $set: { vendorTicketId } }),
    /** Records a confirmation answer once, while the ticket is still on hold. */
    answerConfirmation: (id: string, answer: 'fixed' | 'broken', by: string, at: Date) =>
      update(id, { stage: 'on-hold', 'confirmation.answer': { $exists: false } }, { $set: { 'confirmation.answer': answer, 'confirmation.by': by, 'confirmation.at': at } }),
    /** The vote and the work it entails, in one update: the announcing is pending until `voteAnnounced`. */
    addVoter: (id: string, userId: string, at: Date) =>
      update(id, { voters: { $ne: userId }, reporterId: { $ne: userId } }, { $push: { voters: userId, pendingVotes: { userId, at } } }),
    voteAnnounced: (id: string, userId: string) => update(id, {}, { $pull: { pendingVotes: { userId } } }),
    /** Tickets with a vote whose announcing a crash or an outage interrupted, and those votes. */
    async listPendingVotes(before: Date): Promise<{ ticket: Ticket; userIds: string[] }[]> {
      const docs = await Tickets.find({ pendingVotes: { $elemMatch: { at: { $lt: before } } } }).sort({ createdAt: 1 }).limit(20).lean<TicketDoc[]>();
      return docs.map((doc) => ({ ticket: toTicket(doc) as Ticket, userIds: (doc.pendingVotes ?? []).filter((v) => v.at < before).map((v) => v.userId) }));
    },
    /** An open proposal goes to the vendor: its targets count from now. Null when someone decided it first. */
    promote: (id: string, by: string, at: Date, due: Pick<Ticket, 'acknowledgementDueAt' | 'updateDueAt' | 'workaroundDueAt'>, email: TicketEmailStatus) =>
      update(id, { 'proposal.state': 'open' }, {
        $set: { 'proposal.state': 'promoted', 'proposal.decidedBy': by, 'proposal.decidedAt': at, stageEnteredAt: at, email, ...definedOnly(due) },
      }),
    /** An open proposal is declined: closed, with the reason. Null when someone decided it first. */
    decline: (id: string, by: string, at: Date, reason: string) =>
      update(id, { 'proposal.state': 'open' }, {
        $set: { 'proposal.state': 'declined', 'proposal.decidedBy': by, 'proposal.decidedAt': at, 'proposal.reason': reason, stage: 'closed', stageEnteredAt: at },
      }),
    /** True once: the proposal reached the vote threshold and the liaisons were told. */
    flagProposal: (id: string, at: Date) => update(id, { 'proposal.state': 'open', 'proposal.flaggedAt': { $exists: false } }, { $set: { 'proposal.flaggedAt': at } }),
    markDecisionAnnounced: (id: string, at: Date) => update(id, { 'proposal.announcedAt': { $exists: false } }, { $set: { 'proposal.announcedAt': at } }),
    listProposals: (state: 'open' | 'promoted' | 'declined', limit = 500) => list({ 'proposal.state': state }, { createdAt: 1 }, limit),
    /** Promotions and declines whose email or announcement a crash or an outage interrupted. */
    listUnannouncedDecisions: (before: Date) =>
      list({ 'proposal.decidedAt': { $lt: before }, 'proposal.announcedAt': { $exists: false } }, { createdAt: 1 }, 20),
    markCsmEscalated: (id: string, by: string, at: Date, why?: string) => update(id, { csm: { $exists: false } }, { $set: { csm: { at, by, ...(why ? { why } : {}) } } }),
    markCsmAnnounced: (id: string, at: Date) => update(id, { csm: { $exists: true }, 'csm.announcedAt': { $exists: false } }, { $set: { 'csm.announcedAt': at } }),
    /** CSM steps whose note, DM or card edit a crash or an outage interrupted. */
    listUnannouncedCsm: (before: Date) => list({ 'csm.at': { $lt: before }, 'csm.announcedAt': { $exists: false } }, { createdAt: 1 }, 20),
    /** True once per nudge key. */
    recordNudge: (id: string, nudgeKey: string, condition: object) => update(id, { ...condition, nudges: { $ne: nudgeKey } }, { $push: { nudges: nudgeKey } }),
    linkIncident: (id: string, incident: { id: string; title: string }) => update(id, {}, { $set: { incident } }),

    /** The reporter's 👍 / 👎 on a closed ticket; the first click counts. */
    rate: (id: string, rating: 'up' | 'down', at: Date) => update(id, { stage: 'closed', feedback: { $exists: false } }, { $set: { feedback: { rating, at } } }),
    /**
     * Support gave an update (a phase move, a webhook, an email) at `news.at`: the cadence counts from now (`at`).
     * The update due at `news.dueAt` is judged in the same write, once: met when it came by then, missed (under the
     * miss's own key) when late. An update seen again (a repeated announcement) is older than the last one: not judged.
     */
    async vendorUpdated(id: string, at: Date, updateDueAt: Date | null, news?: { at: Date; dueAt?: Date }): Promise<Ticket | null> {
      const change = updateDueAt ? { $set: { lastVendorUpdateAt: at, updateDueAt } } : { $set: { lastVendorUpdateAt: at }, $unset: { updateDueAt: 1 } };
      const dueAt = news?.dueAt;
      if (news && dueAt) {
        const missKey = `update:${dueAt.getTime()}`;
        const judged = news.at <= dueAt
          ? { $inc: { updatesMet: 1 }, $push: { updateOutcomes: { dueAt, at: news.at, met: true } } }
          : { $inc: { updatesMissed: 1 }, $push: { nudges: missKey, updateOutcomes: { dueAt, at: dueAt, met: false } } };
        const fresh = { $or: [{ lastVendorUpdateAt: { $exists: false } }, { lastVendorUpdateAt: { $lt: news.at } }] };
        const done = await update(id, { updateDueAt: dueAt, nudges: { $ne: missKey }, ...fresh }, { ...change, ...judged });
        if (done) return done;
      }
      return update(id, {}, change);
    },
    /** The update due at `dueAt` did not come: counted once, and the next one is due a cadence later. */
    recordUpdateMiss: (id: string, dueAt: Date, nextDueAt: Date) =>
      update(id, { updateDueAt: dueAt, nudges: { $ne: `update:${dueAt.getTime()}` } }, { $set: { updateDueAt: nextDueAt }, $inc: { updatesMissed: 1 }, $push: { nudges: `update:${dueAt.getTime()}`, updateOutcomes: { dueAt, at: dueAt, met: false } } }),
    /** On hold, closed, or at its last phase before the deadline: the workaround target is met. */
    workaroundMet: (id: string, at: Date) =>
      update(id, { workaroundDueAt: { $gte: at }, workaroundMetAt: { $exists: false }, workaroundMissedAt: { $exists: false } }, { $set: { workaroundMetAt: at } }),
    workaroundMissed: (id: string, at: Date) =>
      update(id, { workaroundDueAt: { $lte: at }, workaroundMetAt: { $exists: false }, workaroundMissedAt: { $exists: false } }, { $set: { workaroundMissedAt: at } }),
    /** The ticket whose card or question thread this is. */
    findByThread: async (channel: string, threadTs: string) => toTicket(await Tickets.findOne({ 'card.channel': channel, threadTs }).lean<TicketDoc>()),
    /** A reply read from the mailbox, once per Message-ID (null when it is known already). */
    recordReply: (id: string, reply: SupportReply) => update(id, { 'replies.messageId': { $ne: reply.messageId } }, { $push: { replies: reply } }),
    markReplyPosted: (id: string, messageId: string, at: Date) =>
      update(id, { replies: { $elemMatch: { messageId, postedAt: { $exists: false } } } }, { $set: { 'replies.$.postedAt': at } }),
    /** Support's first reply acknowledges the ticket (a phase move may have done it before). */
    acknowledge: (id: string, at: Date) => update(id, { acknowledgedAt: { $exists: false } }, { $set: { acknowledgedAt: at } }),
    /** Support's own ticket number, kept once known (a later mail does not overwrite it). */
    keepVendorTicketId: (id: string, vendorTicketId: string) => update(id, { vendorTicketId: { $exists: false } }, { $set: { vendorTicketId } }),
    /** A liaison's note to Support, once per form (null when this form's note is recorded already). */
    recordNote: (id: string, note: SupportNote) => update(id, { 'notes.id': { $ne: note.id } }, { $push: { notes: note } }),

    listByIncident: (incidentId: string) => list({ 'incident.id': incidentId }, { createdAt: 1 }, 500),
    listByRequester: (userId: string, limit = 10) => list({ reporterId: userId }, { createdAt: -1 }, limit),
    listOpen: (limit = 20) => list({ stage: { $ne: 'closed' } }, { createdAt: 1 }, limit),
    listCreatedSince: (since: Date, limit = 2000) => list({ createdAt: { $gte: since } }, { createdAt: -1 }, limit),
    /** Tickets with a vendor target met or missed between `from` and `to`, whenever they were filed. */
    listJudgedBetween(from: Date, to: Date, limit = 2000) {
      const within = { $gte: from, $lte: to };
      return list({
        $or: [
          { acknowledgedAt: within },
          { acknowledgementDueAt: within },
          { workaroundMetAt: within },
          { workaroundMissedAt: within },
          { updateOutcomes: { $elemMatch: { at: within } } },
          // Misses recorded before outcomes had times: their times are in the nudges, read by the caller.
          { updateOutcomes: { $exists: false }, updatesMissed: { $gt: 0 } },
        ],
      }, { createdAt: -1 }, limit);
    },
    /** Tickets whose filing a crash or an outage interrupted (card, email or the filer's confirmation missing). */
    listUnpublished: (olderThan: Date) =>
      list({ announcedAt: { $exists: false }, abandonedAt: { $exists: false }, createdAt: { $lt: olderThan } }, { createdAt: 1 }, 20),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

