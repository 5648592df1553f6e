// Moving a ticket through the vendor's phases: by a liaison, by the support webhook, by the reporter confirming a
// fix, or by an incident's resolution. One rule for all (canMove), one conditional update per move.
import { crashPoint } from '../crash-points';
import { AppError, notAllowed } from '../errors';
import { canMove, getTicketType, resolveStage, type MoveCheck, type MoveRefusalCode, type TicketStage } from '../process';
import { isOpenProposal, sentToVendor, stageBeforeHold, stageLabel, watchersOf, type MoveVia, type Ticket, type TicketMove } from './ticket';
import type { TicketDeps } from './ticket-ports';
import { scheduleOverstayCheck } from './ticket-targets';

/** The process does not allow this move (the webhook answers 409; Slack shows the message). */
export class MoveRefusedError extends AppError {
  constructor(readonly refusal: MoveRefusalCode, message: string) {
    super('invalid_state', message);
  }
}

export interface MoveRequest {
  by: string;
  via: MoveVia;
  reason?: string;
  note?: string;
  vendorTicketId?: string;
}

export type MoveResult = { changed: boolean; ticket: Ticket };

const MAX_RACES = 3;
/** A helpdesk retries a delivery within minutes (its signature is only good for 5): an identical update that soon is a repeat. */
const WEBHOOK_REPEAT_WINDOW_MS = 5 * 60_000;

/** The webhook already applied this very update moments ago (to the same stage, with the same note). */
function isWebhookRepeat(ticket: Ticket, to: TicketStage, note: string | undefined, vendorTicketId: string | undefined, now: Date): boolean {
  if (vendorTicketId && vendorTicketId !== ticket.vendorTicketId) return false;
  const recent = now.getTime() - WEBHOOK_REPEAT_WINDOW_MS;
  return ticket.history.some((m) => m.via === 'webhook' && m.to === to && (m.note ?? '') === (note ?? '') && m.at.getTime() >= recent);
}

export function createTicketMoves(deps: TicketDeps, mustGet: (id: string) => Promise<Ticket>, onVendorUpdate: (ticket: Ticket, updatedAt: Date) => Promise<Ticket>) {
  const { store, process, notifier, clock } = deps;

  /**
   * The process's rule (canMove), and seed 004's: a fixed bug on hold closes when its reporter confirms. A liaison or
   * Support closing it without that answer needs a reason, as when closing it straight from a phase.
   */
  function checkTicketMove(ticket: Ticket, to: TicketStage, request: Pick<MoveRequest, 'via' | 'reason' | 'note'>): MoveCheck {
    if (!sentToVendor(ticket)) {
      const what = isOpenProposal(ticket) ? 'is a proposal the team is still voting on: a liaison promotes it to Support first' : 'was declined and never went to Support';
      return { ok: false, code: 'not-with-vendor', message: `${ticket.key} ${what}, so it has no phases yet.` };
    }
    const reason = (request.reason ?? request.note ?? '').trim();
    const check = canMove(process, ticket.typeId, ticket.stage, to, { reason });
    if (!check.ok || ticket.stage !== 'on-hold' || to !== 'closed' || request.via === 'reporter' || reason !== '') return check;
    const type = getTicketType(process, ticket.typeId);
    const message = `A fixed ${type.label.toLowerCase()} stays "${process.transitions.onHold.label}" until the reporter confirms it works; closing it without their answer needs a reason.`;
    return { ok: false, code: 'reason-required', message };
  }

  /** Applies a move from whatever stage the ticket is in now; re-reads and re-checks if another move won a race. */
  async function move(start: Ticket, to: TicketStage, request: MoveRequest): Promise<MoveResult> {
    let ticket = start;
    for (let attempt = 0; attempt < MAX_RACES; attempt += 1) {
      const check = checkTicketMove(ticket, to, request);
      if (!check.ok) throw new MoveRefusedError(check.code, check.message);
      if (check.direction === 'none') return keepVendorId(ticket, request.vendorTicketId);
      const at = clock.now().toJSDate();
      const change: TicketMove = { from: ticket.stage, to, at, by: request.by, via: request.via, ...optional({ reason: request.reason, note: request.note }) };
      const moved = await store.move(ticket.id, change, {
        acknowledgedAt: ticket.stage === 1 && !ticket.acknowledgedAt ? at : undefined,
        vendorTicketId: request.vendorTicketId,
        confirmation: to === 'on-hold' ? { askedAt: at, asked: watchersOf(ticket) } : undefined,
      });
      if (moved) {
        crashPoint('ticket.move_recorded');
        await announceMove(moved, moved.history.length - 1);
        return { changed: true, ticket: moved };
      }
      ticket = await mustGet(ticket.id);
    }
    throw new AppError('unavailable', 'This ticket is being changed by someone else right now. Please try again.');
  }

  async function keepVendorId(ticket: Ticket, vendorTicketId?: string): Promise<MoveResult> {
    if (!vendorTicketId || vendorTicketId === ticket.vendorTicketId) return { changed: false, ticket };
    const updated = (await store.setVendorTicketId(ticket.id, vendorTicketId)) ?? ticket;
    await notifier.updateCard(updated);
    return { changed: false, ticket: updated };
  }

  /** Everything a move entails after it is stored; repeatable (the sweep finishes a move a crash interrupted). */
  async function announceMove(moved: Ticket, index: number): Promise<void> {
    const change = moved.history[index];
    if (!change || change.announcedAt) return;
    const latest = index === moved.history.length - 1;
    let ticket = moved;
    if (latest) {
      // A move is news from (or about) Support: the update cadence counts from it, and it may meet the workaround target.
      ticket = await onVendorUpdate(moved, change.at);
      await scheduleOverstayCheck(deps, ticket);
    }
    await notifier.updateCard(ticket);
    await notifier.phaseChanged(ticket, change, index);
    crashPoint('ticket.move_noted');
    if (change.to === 'on-hold') await notifier.askToConfirmFix(ticket, ticket.confirmation?.asked ?? watchersOf(ticket), index);
    if (change.to === 'closed') await notifier.askFeedback(ticket, index);
    await store.markMoveAnnounced(ticket.id, index, clock.now().toJSDate());
  }

  const requireLiaison = async (userId: string) => {
    if (!(await deps.isLiaison(userId))) {
      throw notAllowed('Only a liaison can move a ticket between phases. If Support told you something new, reply in the ticket thread and a liaison will update it.');
    }
  };

  return {
    move,
    announceMove,

    /** A liaison's "Next phase" or "Change phase…". */
    async moveByLiaison(ticketId: string, to: TicketStage, userId: string, reason?: string): Promise<MoveResult> {
      await requireLiaison(userId);
      return move(await mustGet(ticketId), to, { by: userId, via: 'slack', reason });
    },

    requireLiaison,

    /** Whether a move would be allowed now (the "Change phase" form checks before it closes). */
    async checkMove(ticketId: string, to: TicketStage, reason?: string) {
      return checkTicketMove(await mustGet(ticketId), to, { via: 'slack', reason });
    },

    /** The support webhook: "phase" is a number, a phase name, "on-hold" or "closed"; the note is the reason. */
    async moveByWebhook(key: string, phase: number | string, note?: string, vendorTicketId?: string): Promise<MoveResult | null> {
      const ticket = await store.findByKey(key);
      if (!ticket) return null;
      const to = resolveStage(process, ticket.typeId, phase);
      if (to === undefined) {
        const type = getTicketType(process, ticket.typeId);
        throw new MoveRefusedError('unknown-stage', `${ticket.key} is a ${type.label.toLowerCase()}: it has phases 1 to ${type.phases.length}${type.closing === 'confirm-with-reporter' ? ', on-hold' : ''} and closed; "${String(phase)}" is none of them.`);
      }
      // A retry arriving after someone moved the ticket on must not move it back.
      if (isWebhookRepeat(ticket, to, note, vendorTicketId, clock.now().toJSDate())) return { changed: false, ticket };
      return move(ticket, to, { by: 'webhook', via: 'webhook', note, reason: note, vendorTicketId });
    },

    /** The reporter (or someone who joined) answers "fixed" or "still broken" while the ticket is on hold. */
    async confirmFix(ticketId: string, userId: string, answer: 'fixed' | 'broken'): Promise<MoveResult> {
      const ticket = await mustGet(ticketId);
      const asked = ticket.confirmation?.asked ?? watchersOf(ticket);
      if (!asked.includes(userId)) throw notAllowed(`${ticket.key} waits for the people who reported it to confirm the fix.`);
      if (ticket.stage !== 'on-hold') throw new AppError('invalid_state', `${ticket.key} is no longer waiting for a confirmation (now: ${stageLabel(process, getTicketType(process, ticket.typeId), ticket.stage)}).`);
      const answered = await store.answerConfirmation(ticketId, answer, userId, clock.now().toJSDate());
      if (!answered) throw new AppError('invalid_state', `Someone already answered for ${ticket.key}; see its thread.`);
      if (answer === 'fixed') return move(answered, 'closed', { by: userId, via: 'reporter', reason: 'The reporter confirmed the fix works.' });
      const back = stageBeforeHold(answered, getTicketType(process, answered.typeId));
      return move(answered, back, { by: userId, via: 'reporter', reason: 'The reporter says it is still broken.' });
    },

    /** An incident explaining the ticket was resolved: a bug waits for the reporter's confirmation, others reach their last phase. */
    async resolveByIncident(ticketId: string, incidentTitle: string): Promise<MoveResult> {
      const ticket = await mustGet(ticketId);
      const type = getTicketType(process, ticket.typeId);
      if (ticket.stage === 'closed' || ticket.stage === 'on-hold') return { changed: false, ticket };
      const to: TicketStage = type.closing === 'confirm-with-reporter' ? 'on-hold' : type.phases.length;
      try {
        return await move(ticket, to, { by: 'incident', via: 'incident', reason: `Incident resolved: ${incidentTitle}` });
      } catch (error) {
        if (error instanceof MoveRefusedError) return { changed: false, ticket };
        throw error;
      }
    },
  };
}

function optional<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
