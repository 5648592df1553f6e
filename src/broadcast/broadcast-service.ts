// Turns incident events into delivery records (before anything is sent), keeps each place's messages in order,
// and repairs whatever a crash left half-planned. Every step is idempotent: ids are deterministic.
import type { Clock } from '../clock';
import { latestSeq, type Incident, type MessageRef } from '../incidents/incident';
import { newDelivery, type BroadcastTarget, type Delivery } from './broadcast';
import type { DeliveryStore } from './broadcast-store';
import { matchesAreas, subscriptionKey, type Subscription } from '../subscriptions/subscription';

/** What the planner reads and records on incidents (the incidents service). */
export interface PlannedIncidents {
  find(id: string): Promise<Incident | null>;
  markPlanned(id: string, seq: number): Promise<unknown>;
  markPublished(id: string, seq: number): Promise<unknown>;
  setTeamRoot(id: string, root: MessageRef): Promise<unknown>;
  listRecent(since: Date): Promise<Incident[]>;
}

export interface BroadcastServiceDeps {
  deliveries: DeliveryStore;
  incidents: PlannedIncidents;
  subscriptions: { all(): Promise<Subscription[]> };
  teamChannelId: string;
  clock: Clock;
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;

const REPAIR_WINDOW_MS = 24 * 3600_000;

export const personTarget = (userId: string, channel = userId, reason: BroadcastTarget['reason'] = 'linked'): BroadcastTarget => ({
  key: subscriptionKey('person', userId),
  place: 'person',
  channel,
  userId,
  reason,
});

export function createBroadcastService(deps: BroadcastServiceDeps) {
  const { deliveries, incidents } = deps;
  const now = () => deps.clock.now().toJSDate();
  const teamTarget: BroadcastTarget = { key: subscriptionKey('channel', deps.teamChannelId), place: 'team', channel: deps.teamChannelId, reason: 'team' };

  // A person hears it in their DM with the app, even when they subscribed in a DM with someone else (the app is
  // not in that one).
  const targetOf = (s: Subscription): BroadcastTarget =>
    s.kind === 'channel'
      ? { key: s.key, place: 'channel', channel: s.channelId, reason: 'subscribed' }
      : personTarget(s.userId ?? s.channelId, s.userId ?? s.channelId, 'subscribed');

  /** The root a message of this place hangs on: its own post if it is the root, else the root it replied to. */
  const rootOf = (d: Delivery): MessageRef | undefined => (d.kind === 'root' ? d.posted : d.root);

  /** Skips `seq` and every later update of the place: their root never made it. */
  async function skipFrom(incidentId: string, targetKey: string, seq: number): Promise<void> {
    for (let next = seq; await deliveries.skip(incidentId, targetKey, next); next += 1);
  }

  /** Lets update `seq` of a place go once the place's previous message is finished. */
  async function release(incidentId: string, targetKey: string, seq: number): Promise<void> {
    const previous = await deliveries.atSeq(incidentId, targetKey, seq - 1);
    if (!previous) return;
    const root = rootOf(previous);
    if (previous.state === 'sent' && root) await deliveries.unblock(incidentId, targetKey, seq, root, now());
    else if (previous.state === 'failed' || previous.state === 'skipped') await skipFrom(incidentId, targetKey, seq);
  }

  async function planUpdatesFor(incident: Incident, target: BroadcastTarget, fromSeq: number, toSeq: number): Promise<void> {
    const planned: Delivery[] = [];
    for (let seq = fromSeq; seq <= toSeq; seq += 1) planned.push(newDelivery({ incidentId: incident.id, kind: 'update', seq, target, state: 'blocked', now: now() }));
    await deliveries.insertMissing(planned);
    for (let seq = fromSeq; seq <= toSeq; seq += 1) await release(incident.id, target.key, seq);
  }

  async function planDeclaration(incident: Incident): Promise<void> {
    const subscribers = (await deps.subscriptions.all()).filter((s) => s.key !== teamTarget.key && matchesAreas(s.areas, incident.areas));
    const targets = [teamTarget, ...subscribers.map(targetOf)];
    await deliveries.insertMissing(targets.map((target) => newDelivery({ incidentId: incident.id, kind: 'root', seq: 0, target, state: 'pending', now: now() })));
    await incidents.markPlanned(incident.id, 0);
  }

  async function planUpdate(incident: Incident, seq: number): Promise<void> {
    const roots = await deliveries.rootsBefore(incident.id, seq);
    await deliveries.insertMissing(roots.map((r) => newDelivery({ incidentId: incident.id, kind: 'update', seq, target: r.target, state: 'blocked', now: now() })));
    for (const r of roots) await release(incident.id, r.target.key, seq);
    await incidents.markPlanned(incident.id, seq);
  }

  return {
    /**
     * Plans every update of the incident not planned yet, in order: the declaration is one root per place (the
     * team channel, subscribed channels and people whose area filter matches); every place that has (or will
     * have) a root gets each update, in order after its earlier messages.
     */
    async planUnplanned(incidentId: string): Promise<void> {
      const incident = await incidents.find(incidentId);
      if (!incident) return;
      for (let seq = incident.plannedSeq + 1; seq <= latestSeq(incident); seq += 1) {
        if (seq === 0) await planDeclaration(incident);
        else await planUpdate(incident, seq);
      }
    },

    /** A person joins an incident midway (their question was linked): a root as it stands now, then what follows. */
    async follow(incidentId: string, userId: string): Promise<void> {
      const incident = await incidents.find(incidentId);
      if (!incident || incident.status === 'resolved') return;
      const target = personTarget(userId);
      await deliveries.insertMissing([newDelivery({ incidentId, kind: 'root', seq: latestSeq(incident), target, state: 'pending', now: now() })]);
      const root = await deliveries.atRoot(incidentId, target.key);
      const current = await incidents.find(incidentId);
      // An update that landed while we planned the root was fanned out without this place: add it here.
      if (root && current && latestSeq(current) > root.seq) await planUpdatesFor(current, root.target, root.seq + 1, latestSeq(current));
    },

    async planConfirmations(incidentId: string, userIds: string[]): Promise<void> {
      const incident = await incidents.find(incidentId);
      if (!incident) return;
      const seq = latestSeq(incident);
      await deliveries.insertMissing(userIds.map((userId) => newDelivery({ incidentId: incident.id, kind: 'confirm', seq, target: personTarget(userId), state: 'pending', now: now() })));
    },

    /** After a delivery finished: the place's next update may go, and the team channel's view becomes public. */
    async afterFinished(d: Delivery): Promise<void> {
      if (d.kind === 'confirm') return;
      if (d.state === 'sent') {
        const root = rootOf(d);
        if (root) await deliveries.unblock(d.incidentId, d.target.key, d.seq + 1, root, now());
        if (d.target.place === 'team') {
          if (d.kind === 'root' && d.posted) await incidents.setTeamRoot(d.incidentId, d.posted);
          await incidents.markPublished(d.incidentId, d.seq);
        }
      } else if (d.state === 'failed') {
        await skipFrom(d.incidentId, d.target.key, d.seq + 1);
      }
    },

    /** Repairs publication a crash interrupted: the team channel's root and the last update it has seen. */
    async reconcile(): Promise<void> {
      for (const incident of await incidents.listRecent(new Date(now().getTime() - REPAIR_WINDOW_MS))) {
        if (incident.publishedSeq >= latestSeq(incident) && incident.teamRoot) continue;
        const team = await deliveries.teamSent(incident.id);
        const teamRoot = team.find((d) => d.kind === 'root' && d.posted);
        if (teamRoot?.posted && !incident.teamRoot) await incidents.setTeamRoot(incident.id, teamRoot.posted);
        const seen = Math.max(-1, ...team.map((d) => d.seq));
        if (seen > incident.publishedSeq) await incidents.markPublished(incident.id, seen);
      }
    },

    /** Updates still blocked although the message before them is finished (a crash between the two steps). */
    async repairChains(): Promise<void> {
      for (const d of await deliveries.blocked(1000)) await release(d.incidentId, d.target.key, d.seq);
    },
  };
}
