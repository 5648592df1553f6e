// Use cases of incidents: declare, post updates, link questions and tickets, close the loop on resolution, and
// remind a liaison when an incident goes quiet. Broadcasting itself is planned here and paced by the worker.
import { DateTime, type Duration } from 'luxon';
import type { Clock } from '../clock';
import { AppError, found, notAllowed, notFound } from '../errors';
import type { Scheduler } from '../jobs/scheduler';
import { INCIDENT_STATUSES, isActive, isDueForStaleReminder, latestSeq, moveRefusal, toPublished, type Incident, type IncidentStatus, type MessageRef, type PublishedIncident } from './incident';
import type { DomainEvents } from '../events';
import { PublicationPending } from '../delivery/publisher';
import type { DeclareInput, LinkInput } from './incident-form';
import { INCIDENT_JOBS } from './incident-ids';
import type { IncidentStore } from './incident-store';

/** What incidents need from questions (the questions service has these). */
export interface IncidentQuestionsPort {
  listOpen(limit?: number): Promise<{ id: string; text: string }[]>;
  get(id: string): Promise<{ id: string; requesterId: string; status: string }>;
  /** With the incident's status and latest update, which the question's thread shows. */
  linkIncident(id: string, incident: { id: string; title: string; status?: string; latest?: string }): Promise<unknown>;
  listByIncident(incidentId: string): Promise<{ requesterId: string; status: string }[]>;
}

/**
 * What incidents need from tickets. resolveByIncident must be idempotent; a ticket it puts on hold asks its
 * reporter to confirm through the tickets' own flow, so the incident does not ask them a second time.
 */
export interface IncidentTicketsPort {
  findByKey(key: string): Promise<{ id: string; key: string } | null>;
  linkIncident(ticketId: string, incident: { id: string; title: string }): Promise<unknown>;
  listByIncident(incidentId: string): Promise<{ id: string; key: string; reporterId?: string }[]>;
  resolveByIncident(ticketId: string, incidentTitle: string): Promise<{ ticket?: { stage?: unknown } }>;
}

/** How incidents speak outside the broadcast: notes in the team channel's thread, DMs to a liaison. */
export interface IncidentNotifier {
  /** Once per link form (`originKey`). */
  linked(incident: Incident, byUserId: string, questions: number, ticketKeys: string[], originKey: string): Promise<void>;
  confirmed(incident: Incident, userId: string, works: boolean): Promise<void>;
  remindStale(incident: Incident, liaisonId: string, quietFor: string): Promise<void>;
}

export interface IncidentServiceDeps {
  store: IncidentStore;
  /** Tells the broadcast what changed and who follows or confirms. */
  events: Pick<DomainEvents, 'emit'>;
  scheduler: Scheduler;
  clock: Clock;
  notifier: IncidentNotifier;
  isLiaison: (userId: string) => Promise<boolean>;
  staleAfter: Duration;
  questions: IncidentQuestionsPort;
  tickets?: IncidentTicketsPort;
}

export type IncidentService = ReturnType<typeof createIncidentService>;

const REFUSALS = {
  declare: 'Only a project team liaison can declare an incident. If something is broken for everyone, say so in the team channel and a liaison will declare it.',
  update: 'Only a project team liaison can post incident updates. Follow the thread for the latest, or ask a liaison in the team channel.',
  link: 'Only a project team liaison can link questions and tickets to an incident. Ask one in the team channel.',
};

/** What a question linked to an incident shows of it: its status and its latest update. */
const asSeenByQuestions = (incident: Incident) => ({
  id: incident.id,
  title: incident.title,
  status: INCIDENT_STATUSES[incident.status],
  latest: incident.updates.at(-1)?.message,
});

export function createIncidentService(deps: IncidentServiceDeps) {
  const { store, clock } = deps;
  const now = () => clock.now();
  const requireLiaison = async (userId: string, what: keyof typeof REFUSALS) => {
    if (!(await deps.isLiaison(userId))) throw notAllowed(REFUSALS[what]);
  };
  const mustGet = (id: string) => found(store.get(id), 'That incident no longer exists.');
  const mustBeActive = (incident: Incident) => {
    if (!isActive(incident)) throw new AppError('invalid_state', `“${incident.title}” is already resolved. If the problem is back, declare a new incident.`, { quotesUserText: true });
  };
  // Alternating keys: the job that reminds schedules the next check under the other key, never its own.
  const scheduleStaleCheck = (incidentId: string, at: DateTime, again = false) =>
    deps.scheduler.scheduleOnce(INCIDENT_JOBS.stale, at, { key: again ? `${incidentId}:again` : incidentId });
  const cancelStaleChecks = async (incidentId: string) => {
    await deps.scheduler.cancel(INCIDENT_JOBS.stale, incidentId);
    await deps.scheduler.cancel(INCIDENT_JOBS.stale, `${incidentId}:again`);
  };

  /** The incident, if this person may post an update to it now. */
  async function updatable(incidentId: string, userId: string): Promise<Incident> {
    await requireLiaison(userId, 'update');
    const incident = await mustGet(incidentId);
    mustBeActive(incident);
    return incident;
  }

  async function afterResolution(incident: Incident): Promise<void> {
    const asked = new Set<string>();
    for (const q of await deps.questions.listByIncident(incident.id)) if (q.status !== 'withdrawn') asked.add(q.requesterId);
    for (const ticket of deps.tickets ? await deps.tickets.listByIncident(incident.id) : []) {
      const moved = await deps.tickets?.resolveByIncident(ticket.id, incident.title);
      if (ticket.reporterId && moved?.ticket?.stage !== 'on-hold') asked.add(ticket.reporterId);
    }
    await store.setAskedToConfirm(incident.id, [...asked]);
    await deps.events.emit('incident.resolved', { incidentId: incident.id, askToConfirm: [...asked] });
    await store.markResolutionHandled(incident.id, now().toJSDate());
  }

  async function broadcast(incident: Incident): Promise<void> {
    await deps.events.emit('incident.changed', { incidentId: incident.id });
    if (incident.status !== 'resolved') {
      await scheduleStaleCheck(incident.id, DateTime.fromJSDate(incident.lastUpdateAt).plus(deps.staleAfter));
      return;
    }
    await cancelStaleChecks(incident.id);
    if (!incident.resolutionHandledAt) await afterResolution(incident);
  }

  return {
    get: mustGet,
    ticketsEnabled: deps.tickets !== undefined,
    canDeclare: (userId: string) => requireLiaison(userId, 'declare'),
    canUpdate: (userId: string) => requireLiaison(userId, 'update'),
    canLink: (userId: string) => requireLiaison(userId, 'link'),

    /**
     * Stored before Slack gets its answer (a double submit finds the same incident): once the form closes, the
     * incident survives a crash. Broadcasting follows in `broadcast`.
     */
    async recordDeclaration(originKey: string, userId: string, input: DeclareInput): Promise<{ incident: Incident; created: boolean }> {
      await requireLiaison(userId, 'declare');
      return store.create(originKey, { ...input, declaredBy: userId, declaredAt: now().toJSDate() });
    },

    updatable,

    /** Stored before Slack gets its answer, like a declaration; the same form twice adds one update. */
    async recordUpdate(originKey: string, incidentId: string, userId: string, change: { status: IncidentStatus; message: string }): Promise<{ incident: Incident; created: boolean }> {
      const current = await updatable(incidentId, userId);
      const refusal = moveRefusal(current.status, change.status);
      if (refusal) throw new AppError('invalid_state', refusal);
      const { incident, created } = await store.addUpdate(incidentId, { ...change, by: userId, at: now().toJSDate(), originKey });
      if (!incident) throw notFound('That incident no longer exists.');
      if (!created && !incident.updates.some((u) => u.originKey === originKey)) mustBeActive(incident);
      return { incident, created };
    },

    /** Plans every update not planned yet, in order, then what follows (stale check, or resolution follow-ups). */
    broadcast,

    async linkable(incidentId: string, userId: string): Promise<{ incident: Incident; openQuestions: { id: string; text: string }[] }> {
      await requireLiaison(userId, 'link');
      const incident = await mustGet(incidentId);
      mustBeActive(incident);
      return { incident, openQuestions: await deps.questions.listOpen(100) };
    },

    /** Ticket numbers that do not exist (shown under the field before anything changes). */
    async unknownTickets(keys: string[]): Promise<string[]> {
      const tickets = deps.tickets;
      if (!tickets) return keys;
      const found = await Promise.all(keys.map((k) => tickets.findByKey(k)));
      return keys.filter((_, i) => !found[i]);
    },

    /** One link per form (`originKey`): the same form submitted twice links, and notes, once. */
    async link(incidentId: string, userId: string, input: LinkInput, originKey: string): Promise<Incident> {
      await requireLiaison(userId, 'link');
      const incident = await mustGet(incidentId);
      if (incident.linkOrigins?.includes(originKey)) return incident;
      mustBeActive(incident);
      const ref = { id: incident.id, title: incident.title };
      for (const questionId of input.questionIds) {
        const question = await deps.questions.get(questionId);
        await deps.questions.linkIncident(question.id, asSeenByQuestions(incident));
        await deps.events.emit('incident.followed', { incidentId: incident.id, userId: question.requesterId });
      }
      const linkedTickets: string[] = [];
      for (const key of input.ticketKeys) {
        const ticket = await deps.tickets?.findByKey(key);
        if (!ticket) continue;
        await deps.tickets?.linkIncident(ticket.id, ref);
        linkedTickets.push(ticket.key);
      }
      await deps.notifier.linked(incident, userId, input.questionIds.length, linkedTickets, originKey).catch((error: unknown) => {
        if (!(error instanceof PublicationPending)) throw error; // the same form's twin is posting the note
      });
      await store.recordLinkOrigin(incident.id, originKey);
      return incident;
    },

    /** A question asked about a known incident: its card shows the incident, its requester gets the updates. */
    async questionLinked(question: { id: string; requesterId: string; incidentId?: string }): Promise<void> {
      if (!question.incidentId) return;
      const incident = await store.get(question.incidentId);
      if (!incident || !isActive(incident)) return;
      await deps.questions.linkIncident(question.id, asSeenByQuestions(incident));
      await deps.events.emit('incident.followed', { incidentId: incident.id, userId: question.requesterId });
    },

    /** A requester answers the resolution ask; the same answer twice changes nothing. */
    async confirm(incidentId: string, userId: string, works: boolean): Promise<Incident> {
      const incident = await mustGet(incidentId);
      if (incident.status !== 'resolved' || !incident.askedToConfirm?.includes(userId)) {
        throw notAllowed('Only people who asked about this incident are asked to confirm the fix, once it is resolved.');
      }
      const changed = await store.recordConfirmation(incidentId, userId, works, now().toJSDate());
      if (changed) {
        await deps.notifier.confirmed(changed, userId, works);
        await deps.events.emit('incident.confirmed', { incidentId, incidentTitle: changed.title, userId, works });
      }
      return changed ?? incident;
    },

    /** Job: no update for `staleAfter` → remind the liaison who spoke last, once per quiet period. */
    async remindIfStale(jobKey: string): Promise<void> {
      const [incidentId = '', again] = jobKey.split(':');
      const incident = await store.get(incidentId);
      if (!incident || !isActive(incident) || !isDueForStaleReminder(incident, now(), deps.staleAfter)) return;
      const quietSince = now().minus(deps.staleAfter).toJSDate();
      const reminded = await store.markStaleReminded(incidentId, now().toJSDate(), quietSince);
      if (!reminded) return;
      const liaison = reminded.updates.at(-1)?.by ?? reminded.declaredBy;
      await deps.notifier.remindStale(reminded, liaison, deps.staleAfter.rescale().toHuman());
      await scheduleStaleCheck(incidentId, now().plus(deps.staleAfter), !again);
    },

    listActive: () => store.listActive(),
    find: (id: string) => store.get(id),
    listRecent: (since: Date) => store.listRecent(since),
    /** The broadcast records how far it planned and published, and where the team channel's root is. */
    markPlanned: (id: string, seq: number) => store.markPlanned(id, seq),
    markPublished: (id: string, seq: number) => store.markPublished(id, seq),
    setTeamRoot: (id: string, root: MessageRef) => store.setTeamRoot(id, root),
    /** Active incidents as the team channel has seen them (for the ask modal and /goodtime-help status). */
    async listActivePublished(): Promise<Incident[]> {
      return (await store.listActive()).filter((i) => i.publishedSeq >= 0);
    },
    async listPublished(limit = 50): Promise<PublishedIncident[]> {
      return (await store.listPublished(limit)).map(toPublished).filter((p): p is PublishedIncident => p !== undefined);
    },

    /** Repairs after a crash: updates stored but never planned, resolutions whose follow-ups did not run. */
    async reconcile(): Promise<void> {
      for (const incident of await store.listRecent(now().minus({ days: 1 }).toJSDate())) {
        const unplanned = incident.plannedSeq < latestSeq(incident);
        if (unplanned || (incident.status === 'resolved' && !incident.resolutionHandledAt)) await broadcast(incident);
      }
    },
  };
}
