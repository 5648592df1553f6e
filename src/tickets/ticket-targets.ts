// The vendor's targets as persisted timers: the acknowledgement, the update cadence and the workaround deadline per
// severity (from the process), and a phase overstay. Each miss is recorded with a conditional update before anything
// is posted, so restarts and several instances never count or post it twice. Misses climb a ladder: the first nudges
// the liaison (with *Chase Support*), the second — or a severe ticket past its workaround deadline — brings in the CSM.
import { DateTime } from 'luxon';
import { acknowledgementDue, nextUpdateDue, phaseOverstay, workaroundDue, type ProcessDefinition } from '../process';
import { isHighImpact, isSevere, isWithVendor, targetsMissed, type Ticket } from './ticket';
import { TICKET_JOBS } from './ticket-ids';
import type { Nudge, TicketDeps } from './ticket-ports';

export interface OverstayJob {
  key: string;
  ticketId: string;
  stage: number;
  enteredAt: number;
}

export interface UpdateJob {
  key: string;
  ticketId: string;
  dueAt: number;
}

/** The vendor's three targets for a ticket with it from `from` (filed, or a proposal promoted). */
export function vendorTargetsFrom(process: ProcessDefinition, severityId: string, from: DateTime): Pick<Ticket, 'acknowledgementDueAt' | 'updateDueAt' | 'workaroundDueAt'> {
  return {
    acknowledgementDueAt: acknowledgementDue(process, severityId, from).toJSDate(),
    updateDueAt: nextUpdateDue(process, severityId, from)?.toJSDate(),
    workaroundDueAt: workaroundDue(process, severityId, from)?.toJSDate(),
  };
}

export async function scheduleAcknowledgementCheck(deps: TicketDeps, ticket: Ticket): Promise<void> {
  await deps.scheduler.scheduleOnce(TICKET_JOBS.acknowledgement, DateTime.fromJSDate(ticket.acknowledgementDueAt), { key: ticket.id });
}

/** A timer for the next update the vendor owes (none when the severity promises none). */
export async function scheduleUpdateCheck(deps: TicketDeps, ticket: Pick<Ticket, 'id' | 'updateDueAt'>): Promise<void> {
  if (!ticket.updateDueAt) return;
  const job: UpdateJob = { key: `${ticket.id}:${ticket.updateDueAt.getTime()}`, ticketId: ticket.id, dueAt: ticket.updateDueAt.getTime() };
  await deps.scheduler.scheduleOnce(TICKET_JOBS.update, DateTime.fromJSDate(ticket.updateDueAt), job);
}

export async function scheduleWorkaroundCheck(deps: TicketDeps, ticket: Pick<Ticket, 'id' | 'workaroundDueAt'>): Promise<void> {
  if (ticket.workaroundDueAt) await deps.scheduler.scheduleOnce(TICKET_JOBS.workaround, DateTime.fromJSDate(ticket.workaroundDueAt), { key: ticket.id });
}

/** A timer for the phase the ticket is in now (none for on-hold, closed, or a phase without a timeframe). */
export async function scheduleOverstayCheck(deps: TicketDeps, ticket: Ticket): Promise<void> {
  if (typeof ticket.stage !== 'number') return;
  const enteredAt = DateTime.fromJSDate(ticket.stageEnteredAt);
  const overstay = phaseOverstay(deps.process, ticket.typeId, ticket.stage, enteredAt, enteredAt);
  if (!overstay) return;
  const job: OverstayJob = { key: `${ticket.id}:${ticket.stage}:${enteredAt.toMillis()}`, ticketId: ticket.id, stage: ticket.stage, enteredAt: enteredAt.toMillis() };
  await deps.scheduler.scheduleOnce(TICKET_JOBS.overstay, overstay.dueAt, job);
}

/** "the acknowledgement, 2 updates and the workaround deadline": what the vendor missed on this ticket. */
export function missedSummary(t: Pick<Ticket, 'nudges' | 'updatesMissed' | 'workaroundMissedAt'>): string {
  const parts: string[] = [];
  if (t.nudges.includes('ack')) parts.push('the acknowledgement');
  const updates = t.updatesMissed ?? 0;
  if (updates) parts.push(updates === 1 ? 'an update' : `${updates} updates`);
  if (t.workaroundMissedAt) parts.push('the workaround deadline');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'a target');
}

export function createTicketTargets(deps: TicketDeps & { bringInCsm: (ticket: Ticket, why: string) => Promise<void> }) {
  const { store, process, clock, notifier } = deps;

  /**
   * The ladder, after a miss was recorded: the first nudges the liaison (once per ticket); the second, or a severe
   * ticket past its workaround deadline, brings in the CSM (once per ticket, unless a liaison already did).
   */
  async function climb(ticket: Ticket, nudge: Nudge): Promise<void> {
    const misses = targetsMissed(ticket);
    if (misses >= 2 || (nudge.kind === 'workaround' && isSevere(process, ticket))) {
      if (ticket.nudges.includes('ladder:csm')) return;
      // The step is once per ticket by itself (a CSM already in is not asked again); recorded after, so a crash in
      // between repeats it rather than skipping it.
      await deps.bringInCsm(ticket, `${process.vendor.name} missed ${missedSummary(ticket)} on ${ticket.key}`);
      await store.recordNudge(ticket.id, 'ladder:csm', {});
      return;
    }
    const nudged = await store.recordNudge(ticket.id, 'ladder:liaison', {});
    if (!nudged) return;
    await notifier.updateCard(nudged);
    await notifier.nudge(nudged, nudge);
  }

  return {
    /** Job: the acknowledgement target has passed; a miss if the ticket never left phase 1 and nobody at Support wrote. */
    async checkAcknowledgement(ticketId: string): Promise<void> {
      const ticket = await store.get(ticketId);
      if (!ticket || ticket.stage !== 1 || ticket.acknowledgedAt) return;
      if (clock.now().toJSDate() < ticket.acknowledgementDueAt) return; // moved later by a restart: its own job comes
      const missed = await store.recordNudge(ticketId, 'ack', { stage: 1, acknowledgedAt: { $exists: false } });
      if (!missed) return;
      await notifier.updateCard(missed);
      await climb(missed, { kind: 'acknowledgement', dueAt: missed.acknowledgementDueAt, highImpact: isHighImpact(process, missed) });
    },

    /** Job: an update was due and none came (no phase move, webhook or email from Support since): a miss. */
    async checkUpdate(job: UpdateJob): Promise<void> {
      const ticket = await store.get(job.ticketId);
      if (!ticket || !isWithVendor(ticket) || ticket.updateDueAt?.getTime() !== job.dueAt) return; // an update came, or it left Support
      const dueAt = DateTime.fromMillis(job.dueAt);
      if (clock.now() < dueAt) return;
      const next = nextUpdateDue(process, ticket.severityId, dueAt);
      if (!next) return;
      const missed = await store.recordUpdateMiss(ticket.id, dueAt.toJSDate(), next.toJSDate());
      if (!missed) return;
      await scheduleUpdateCheck(deps, missed);
      await notifier.updateCard(missed);
      await climb(missed, { kind: 'update', dueAt: dueAt.toJSDate(), highImpact: isHighImpact(process, missed) });
    },

    /** Job: the workaround deadline passed while the ticket was still with Support: a miss. */
    async checkWorkaround(ticketId: string): Promise<void> {
      const ticket = await store.get(ticketId);
      if (!ticket?.workaroundDueAt || !isWithVendor(ticket) || ticket.workaroundMetAt) return;
      if (clock.now().toJSDate() < ticket.workaroundDueAt) return;
      const missed = await store.workaroundMissed(ticket.id, clock.now().toJSDate());
      if (!missed) return;
      await notifier.updateCard(missed);
      await climb(missed, { kind: 'workaround', dueAt: ticket.workaroundDueAt, highImpact: isHighImpact(process, missed) });
    },

    /** Job: the phase's average timeframe has run out on the vendor calendar; nudge if it is still in that phase. */
    async checkOverstay(job: OverstayJob): Promise<void> {
      const ticket = await store.get(job.ticketId);
      if (!ticket || ticket.stage !== job.stage || ticket.stageEnteredAt.getTime() !== job.enteredAt) return;
      const enteredAt = DateTime.fromMillis(job.enteredAt);
      const overstay = phaseOverstay(process, ticket.typeId, job.stage, enteredAt, clock.now());
      if (!overstay || clock.now() < overstay.dueAt) return;
      const nudged = await store.recordNudge(ticket.id, `overstay:${job.stage}:${job.enteredAt}`, { stage: job.stage, stageEnteredAt: ticket.stageEnteredAt });
      if (!nudged) return;
      await notifier.nudge(nudged, {
        kind: 'overstay',
        stage: job.stage,
        enteredAt: ticket.stageEnteredAt,
        dueAt: overstay.dueAt.toJSDate(),
        businessDaysIn: overstay.businessDaysIn,
        highImpact: isHighImpact(process, nudged),
      });
    },

    /**
     * Support gave an update at `updatedAt` (a phase move, a webhook, a person's email): by its due time it meets the
     * update target, later it misses it;
     * the cadence counts from now, and a move that leaves it with the reporter or closes it — or reaches the last
     * phase — in time meets the workaround target.
     */
    async vendorUpdated(ticket: Ticket, updatedAt: Date): Promise<Ticket> {
      const at = clock.now();
      const next = isWithVendor(ticket) ? nextUpdateDue(process, ticket.severityId, at) : null;
      // A late update counts as missed without a nudge: Support has spoken, there is nobody to chase.
      let current = (await store.vendorUpdated(ticket.id, at.toJSDate(), next?.toJSDate() ?? null, { at: updatedAt, dueAt: ticket.updateDueAt })) ?? ticket;
      await scheduleUpdateCheck(deps, current);
      const type = process.ticketTypes.find((t) => t.id === ticket.typeId);
      const workaroundGiven = !isWithVendor(current) || (type !== undefined && current.stage === type.phases.length);
      if (workaroundGiven && current.workaroundDueAt && !current.workaroundMetAt && !current.workaroundMissedAt) {
        current = (await store.workaroundMet(current.id, at.toJSDate())) ?? current;
      }
      return current;
    },
  };
}
