// Incidents in MongoDB. Each change is one conditional update: double submits, retries and concurrent
// instances cannot apply it twice.
import { Schema, Types, type Connection } from 'mongoose';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, latestSeq, type Incident, type IncidentUpdate, type MessageRef } from './incident';

type IncidentDoc = Omit<Incident, 'id'> & { _id: Types.ObjectId; originKey: string };

const updateSchema = new Schema<IncidentUpdate>(
  { seq: Number, status: String, message: String, by: String, at: Date, originKey: String },
  { _id: false },
);
const incidentSchema = new Schema<IncidentDoc>(
  {
    originKey: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    impact: { type: String, required: true, enum: Object.keys(INCIDENT_IMPACTS) },
    areas: { type: [String], default: [] },
    status: { type: String, required: true, enum: Object.keys(INCIDENT_STATUSES), index: true },
    declaredBy: { type: String, required: true },
    declaredAt: { type: Date, required: true, index: true },
    lastUpdateAt: { type: Date, required: true },
    resolvedAt: Date,
    updates: { type: [updateSchema], default: [] },
    plannedSeq: { type: Number, default: -1 },
    publishedSeq: { type: Number, default: -1 },
    teamRoot: { type: { channel: String, ts: String }, default: undefined },
    staleRemindedAt: Date,
    resolutionHandledAt: Date,
    askedToConfirm: { type: [String], default: undefined },
    linkOrigins: { type: [String], default: undefined },
    confirmations: { type: [{ _id: false, userId: String, works: Boolean, at: Date }], default: [] },
  },
  { versionKey: false, minimize: false },
);

export type NewIncident = Pick<Incident, 'title' | 'impact' | 'areas' | 'declaredBy' | 'declaredAt'> & { message: string };

const toIncident = (doc: IncidentDoc | null): Incident | null => {
  if (!doc) return null;
  const { _id, originKey: _origin, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), updates: rest.updates ?? [], confirmations: rest.confirmations ?? [] };
};

export type IncidentStore = ReturnType<typeof createIncidentStore>;

export function createIncidentStore(connection: Connection) {
  const Incidents = connection.model<IncidentDoc>('Incident', incidentSchema, 'incidents');
  const isId = (id: string) => Types.ObjectId.isValid(id) && id.length === 24;
  const update = async (id: string, condition: object, change: object): Promise<Incident | null> => {
    if (!isId(id)) return null;
    return toIncident(await Incidents.findOneAndUpdate({ _id: id, ...condition }, change, { returnDocument: 'after' }).lean<IncidentDoc>());
  };
  const list = async (filter: object, limit: number) =>
    (await Incidents.find(filter).sort({ declaredAt: -1 }).limit(limit).lean<IncidentDoc[]>()).map((d) => toIncident(d) as Incident);

  return {
    /** Inserts once per origin (the modal's view id): a double submit returns the first with created=false. */
    async create(originKey: string, fields: NewIncident): Promise<{ incident: Incident; created: boolean }> {
      const { message, ...rest } = fields;
      const declaration: IncidentUpdate = { seq: 0, status: 'investigating', message, by: fields.declaredBy, at: fields.declaredAt, originKey };
      const result = await Incidents.findOneAndUpdate(
        { originKey },
        { $setOnInsert: { ...rest, originKey, status: 'investigating', lastUpdateAt: fields.declaredAt, updates: [declaration], plannedSeq: -1, publishedSeq: -1, confirmations: [] } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      ).lean<IncidentDoc>();
      const raw = result as unknown as { value: IncidentDoc; lastErrorObject?: { updatedExisting?: boolean } };
      return { incident: toIncident(raw.value) as Incident, created: raw.lastErrorObject?.updatedExisting === false };
    },

    async get(id: string): Promise<Incident | null> {
      return isId(id) ? toIncident(await Incidents.findById(id).lean<IncidentDoc>()) : null;
    },

    /**
     * Appends the next update unless this origin already added one or the incident is resolved. The seq it
     * takes is part of the condition, so two liaisons updating at once never share a seq.
     */
    async addUpdate(id: string, change: Omit<IncidentUpdate, 'seq'>): Promise<{ incident: Incident | null; created: boolean }> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await this.get(id);
        if (!current) return { incident: null, created: false };
        if (current.updates.some((u) => u.originKey === change.originKey)) return { incident: current, created: false };
        if (current.status === 'resolved') return { incident: current, created: false };
        const seq = latestSeq(current) + 1;
        const resolved = change.status === 'resolved';
        const updated = await update(
          id,
          { status: { $ne: 'resolved' }, 'updates.seq': { $ne: seq }, 'updates.originKey': { $ne: change.originKey } },
          { $push: { updates: { ...change, seq } }, $set: { status: change.status, lastUpdateAt: change.at, ...(resolved ? { resolvedAt: change.at } : {}) } },
        );
        if (updated) return { incident: updated, created: true };
      }
      throw new Error('could not append the incident update after 5 attempts');
    },

    markPlanned: (id: string, seq: number) => update(id, {}, { $max: { plannedSeq: seq } }),
    markPublished: (id: string, seq: number) => update(id, {}, { $max: { publishedSeq: seq } }),
    setTeamRoot: (id: string, root: MessageRef) => update(id, { teamRoot: { $exists: false } }, { $set: { teamRoot: root } }),

    /** True once per staleness period (the job may run twice; only one run reminds). */
    markStaleReminded: (id: string, now: Date, quietSince: Date) =>
      update(
        id,
        { status: { $ne: 'resolved' }, lastUpdateAt: { $lte: quietSince }, $or: [{ staleRemindedAt: { $exists: false } }, { staleRemindedAt: { $lte: quietSince } }] },
        { $set: { staleRemindedAt: now } },
      ),

    /** True the first time this link form is recorded. */
    recordLinkOrigin: async (id: string, originKey: string) =>
      (await update(id, { linkOrigins: { $ne: originKey } }, { $push: { linkOrigins: { $each: [originKey], $slice: -50 } } })) !== null,
    /** Who is asked whether it works now: stored before they are asked, so their answer is recognised. */
    setAskedToConfirm: (id: string, askedToConfirm: string[]) => update(id, {}, { $addToSet: { askedToConfirm: { $each: askedToConfirm } } }),
    markResolutionHandled: (id: string, at: Date) => update(id, { resolutionHandledAt: { $exists: false } }, { $set: { resolutionHandledAt: at } }),

    /** Records a person's answer; the same answer twice changes nothing (null). */
    async recordConfirmation(id: string, userId: string, works: boolean, at: Date): Promise<Incident | null> {
      const changed = await update(id, { status: 'resolved', askedToConfirm: userId, confirmations: { $not: { $elemMatch: { userId, works } } } }, { $pull: { confirmations: { userId } } });
      if (!changed) return null;
      return update(id, { 'confirmations.userId': { $ne: userId } }, { $push: { confirmations: { userId, works, at } } });
    },

    listActive: (limit = 20) => list({ status: { $ne: 'resolved' } }, limit),
    /** Incidents the team channel has seen, newest first. */
    listPublished: (limit = 50) => list({ publishedSeq: { $gte: 0 } }, limit),
    /** Active, or resolved since `since`: the ones whose deliveries may still need repair. */
    listRecent: (since: Date, limit = 100) => list({ $or: [{ status: { $ne: 'resolved' } }, { resolvedAt: { $gte: since } }] }, limit),
  };
}
