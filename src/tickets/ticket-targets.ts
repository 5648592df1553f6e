// The vendor's targets as persisted timers: a missed acknowledgement and a phase overstay each nudge the liaison
// once. The job is unique per key (scheduler) and the nudge is recorded with a conditional update before it is
// posted, so restarts and several instances never post it twice.
import { DateTime } from 'luxon';
import { phaseOverstay } from '../process';
import { isHighImpact, type Ticket } from './ticket';
import { TICKET_JOBS } from './ticket-ids';
import type { TicketDeps } from './ticket-ports';

export interface OverstayJob {
  key: string;
  ticketId: string;
  stage: number;
  enteredAt: number;
}

export async function scheduleAcknowledgementCheck(deps: TicketDeps, ticket: Ticket): Promise<void> {
  await deps.scheduler.scheduleOnce(TICKET_JOBS.acknowledgement, DateTime.fromJSDate(ticket.acknowledgementDueAt), { key: ticket.id });
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

export function createTicketTargets(deps: TicketDeps) {
  const { store, process, clock, notifier } = deps;
  return {
    /** Job: the acknowledgement target has passed; nudge if the ticket never left phase 1. */
    async checkAcknowledgement(ticketId: string): Promise<void> {
      const ticket = await store.get(ticketId);
      if (!ticket || ticket.stage !== 1 || ticket.acknowledgedAt) return;
      if (clock.now().toJSDate() < ticket.acknowledgementDueAt) return; // moved later by a restart: its own job comes
      const nudged = await store.recordNudge(ticketId, 'ack', { stage: 1, acknowledgedAt: { $exists: false } });
      if (!nudged) return;
      await notifier.updateCard(nudged);
      await notifier.nudge(nudged, { kind: 'acknowledgement', dueAt: nudged.acknowledgementDueAt, highImpact: isHighImpact(process, nudged) });
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
  };
}
