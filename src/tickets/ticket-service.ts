// Use cases of the tickets capability: file (from a form, a question or the SLA), publish the card and the support
// email, show delivery status, "Me too", the CSM, and what other capabilities ask of tickets.
import { invalidState, notAllowed, notFound } from '../errors';
import { acknowledgementDue, getTicketType } from '../process';
import type { DeliveryOutcome } from '../delivery/outbox';
import { prefillFromQuestion, SLA_FILER, ticketKey, type FormPrefill, type QuestionSnapshot, type Ticket, type TicketEmailStatus, type TicketOrigin } from './ticket';
import { csmMail, supportMail, type EmailContext } from './ticket-email';
import type { TicketInput } from './ticket-form';
import { createTicketMoves } from './ticket-moves';
import type { TicketDeps } from './ticket-ports';
import { createTicketTargets, scheduleAcknowledgementCheck, scheduleOverstayCheck } from './ticket-targets';

export type TicketService = ReturnType<typeof createTicketService>;

export const OUTBOX_PURPOSE = { support: 'ticket-support', csm: 'ticket-csm' } as const;
const PUBLISH_LEASE_MS = 60_000;
/** A ticket still without card or email after this long was interrupted half-way; the sweep finishes it. */
const PUBLISH_GRACE_MS = 30_000;

export function createTicketService(deps: TicketDeps) {
  const { store, process, clock, notifier, outbox, settings } = deps;
  const log = deps.logger.child({ component: 'tickets' });
  const now = () => clock.now();
  const mustGet = async (id: string) => {
    const ticket = await store.get(id);
    if (!ticket) throw notFound('That ticket no longer exists.');
    return ticket;
  };
  const moves = createTicketMoves(deps, mustGet);
  const targets = createTicketTargets(deps);

  const emailContext = async (ticket: Ticket): Promise<EmailContext> => {
    const ids = [ticket.reporterId, ticket.filedBy, ...(ticket.origin.kind === 'message' && ticket.origin.authorId ? [ticket.origin.authorId] : [])];
    const names = new Map(await Promise.all([...new Set(ids)].filter((id) => id !== SLA_FILER).map(async (id) => [id, await deps.nameOf(id)] as const)));
    return { process, type: getTicketType(process, ticket.typeId), ticket, nameOf: (id) => names.get(id) ?? id };
  };

  /**
   * Card first (the email carries its link), then — each step idempotent, so the sweep can repeat them after an
   * interruption — the email into the outbox, the target timers and the question's link; then the DMs, once.
   */
  async function publish(ticket: Ticket): Promise<Ticket> {
    let current = ticket;
    let postedNow = false;
    if (!current.card) {
      const posted = await notifier.postCard(current);
      const withCard = await store.setCard(current.id, posted.card, posted.threadTs, posted.permalink);
      postedNow = withCard !== null;
      current = withCard ?? (await mustGet(current.id));
    }
    if (!current.emailQueuedAt) {
      await outbox.enqueue(`ticket:${current.id}:support`, { kind: OUTBOX_PURPOSE.support, id: current.id }, supportMail(await emailContext(current), settings.supportEmail));
      await scheduleAcknowledgementCheck(deps, current);
      await scheduleOverstayCheck(deps, current);
      await linkQuestion(current);
      current = (await store.markEmailQueued(current.id, now().toJSDate())) ?? current;
    }
    if (postedNow) await notifier.confirmFiled(current);
    return current;
  }

  async function linkQuestion(ticket: Ticket): Promise<void> {
    if (ticket.origin.kind !== 'question' || !deps.questions) return;
    await deps.questions.linkTicket(ticket.origin.questionId, { id: ticket.id, key: ticket.key, permalink: ticket.cardPermalink }, ticket.filedBy);
  }

  /** `published` is false when the ticket is stored but its card or email is not out yet (the sweep finishes them). */
  async function file(originKey: string, input: TicketInput, filedBy: string, origin: TicketOrigin): Promise<{ ticket: Ticket; created: boolean; published: boolean }> {
    const existing = await store.findByOrigin(originKey);
    if (existing) return { ticket: existing, created: false, published: true };
    const filedAt = now();
    const number = process.vendor.firstTicketNumber - 1 + (await store.nextNumber(`tickets:${process.vendor.ticketPrefix}`));
    const email: TicketEmailStatus = { state: outbox.configured ? 'queued' : 'not-configured', to: settings.supportEmail };
    const { ticket, created } = await store.create(originKey, number, ticketKey(process.vendor.ticketPrefix, number), {
      typeId: input.typeId,
      severityId: input.severityId,
      title: input.title,
      fields: input.fields,
      reporterId: input.reporterId,
      filedBy,
      origin,
      stage: 1,
      stageEnteredAt: filedAt.toJSDate(),
      createdAt: filedAt.toJSDate(),
      acknowledgementDueAt: acknowledgementDue(process, input.severityId, filedAt).toJSDate(),
      email,
    }, filedAt.plus({ milliseconds: PUBLISH_LEASE_MS }).toJSDate());
    if (!created) return { ticket, created, published: true };
    log.info({ ticketId: ticket.id, key: ticket.key, type: ticket.typeId, severity: ticket.severityId, origin: origin.kind }, 'ticket filed');
    try {
      return { ticket: await publish(ticket), created, published: true };
    } catch (error) {
      // Stored already: the sweep finishes the card and email. An error here would tell the filer to try again.
      log.warn({ ticketId: ticket.id, key: ticket.key, err: error }, 'ticket stored but not fully published; the sweep will finish it');
      return { ticket, created, published: false };
    }
  }

  const questionOrigin = (q: QuestionSnapshot): TicketOrigin => ({ kind: 'question', questionId: q.id, permalink: q.cardPermalink, ...(q.card ? { card: q.card } : {}) });

  return {
    get: mustGet,
    findByKey: (key: string) => store.findByKey(key),
    ticketForQuestion: (questionId: string) => store.findByOrigin(`question:${questionId}`),
    file,
    move: moves.move,
    moveByLiaison: moves.moveByLiaison,
    requireLiaison: moves.requireLiaison,
    checkMove: moves.checkMove,
    moveByWebhook: moves.moveByWebhook,
    confirmFix: moves.confirmFix,
    resolveByIncident: moves.resolveByIncident,
    checkAcknowledgement: targets.checkAcknowledgement,
    checkOverstay: targets.checkOverstay,

    /** A liaison's form: one ticket per form (double submits) or per question (two liaisons, or the SLA, at once). */
    async fileFromForm(viewId: string, input: TicketInput, userId: string, origin: TicketOrigin) {
      if (!(await deps.isLiaison(userId))) {
        throw notAllowed(`Only a liaison can file a ticket with ${process.vendor.name} Support. Ask the project team with \`/goodtime-help your question\` — if nobody answers in time, it goes to Support on its own.`);
      }
      const originKey = origin.kind === 'question' ? `question:${origin.questionId}` : `view:${viewId}`;
      const filed = await file(originKey, input, userId, origin);
      if (!filed.published) await notifier.filingDelayed(filed.ticket, userId);
      return filed;
    },

    /** A question's internal SLA ran out: the ticket is filed from it, by the SLA. */
    async escalateQuestion(q: QuestionSnapshot & { escalation?: { by?: string } }): Promise<void> {
      const prefill = prefillFromQuestion(process, q);
      const input: TicketInput = { typeId: prefill.typeId, severityId: prefill.severityId as string, title: prefill.title ?? 'Question from the project team', reporterId: q.requesterId, fields: prefill.fields };
      const by = q.escalation?.by && q.escalation.by !== 'sla' ? q.escalation.by : SLA_FILER;
      await file(`question:${q.id}`, input, by, questionOrigin(q));
    },

    /** The form's starting point for a question, unless it already has a ticket. */
    async prefillForQuestion(questionId: string): Promise<{ prefill: FormPrefill; origin: TicketOrigin }> {
      if (!deps.questions) throw invalidState('Tickets cannot be filed from questions here.');
      const q = await deps.questions.get(questionId);
      const existing = await store.findByOrigin(`question:${q.id}`);
      const key = existing?.key ?? q.escalation?.ticketKey;
      if (key) throw invalidState(`This question is already with Support as ${key}. Follow it in the question's thread.`);
      return { prefill: prefillFromQuestion(process, q), origin: questionOrigin(q) };
    },

    /** Where an earlier run stopped half-way (Slack or this process went down), finish publishing. */
    async publishPending(): Promise<void> {
      const at = now();
      for (const ticket of await store.listUnpublished(at.minus({ milliseconds: PUBLISH_GRACE_MS }).toJSDate())) {
        const mine = ticket.card ? ticket : await store.claimPublishing(ticket.id, at.toJSDate(), at.plus({ milliseconds: PUBLISH_LEASE_MS }).toJSDate());
        if (!mine) continue;
        try {
          await publish(mine);
        } catch (error) {
          log.warn({ ticketId: ticket.id, err: error }, 'could not finish publishing a ticket; will try again');
        }
      }
    },

    /** The outbox reports on the support email: the card says queued/retrying, or when it was sent. */
    async recordEmailOutcome(ticketId: string, outcome: DeliveryOutcome): Promise<void> {
      const ticket = await store.get(ticketId);
      if (!ticket) return;
      const email: TicketEmailStatus =
        outcome.kind === 'sent'
          ? { state: 'sent', to: ticket.email.to, at: outcome.at }
          : { state: 'retrying', to: ticket.email.to, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt };
      const updated = await store.setEmailStatus(ticketId, email);
      if (updated) await notifier.updateCard(updated);
    },

    async addVoter(ticketId: string, userId: string): Promise<Ticket> {
      const ticket = await mustGet(ticketId);
      if (ticket.stage === 'closed') throw invalidState(`${ticket.key} is closed. If it is happening again, ask the project team with \`/goodtime-help\`.`);
      if (ticket.reporterId === userId) throw invalidState(`You reported ${ticket.key}, so you already count.`);
      const voted = await store.addVoter(ticketId, userId);
      if (!voted) throw invalidState(`You're already on ${ticket.key} (${1 + ticket.voters.length} people). I'll keep you posted.`);
      await notifier.updateCard(voted);
      await notifier.voteAdded(voted, userId);
      return voted;
    },

    async escalateToCsm(ticketId: string, userId: string): Promise<{ changed: boolean; ticket: Ticket }> {
      if (!(await deps.isLiaison(userId))) throw notAllowed('Only a liaison can escalate a ticket to the CSM. Ask one in the team channel.');
      const ticket = await mustGet(ticketId);
      if (!getTicketType(process, ticket.typeId).csmEscalation) throw invalidState(`${process.vendor.name}'s process does not take this kind of ticket to the CSM.`);
      if (ticket.csm) return { changed: false, ticket };
      // The email is queued (once per ticket, by its key) before the escalation is recorded: a failure in between
      // leaves it to be clicked again, instead of recorded as done with no email ever sent.
      const emailed = Boolean(settings.csmEmail);
      if (settings.csmEmail) {
        await outbox.enqueue(`ticket:${ticketId}:csm`, { kind: OUTBOX_PURPOSE.csm, id: ticketId }, csmMail(await emailContext(ticket), settings.csmEmail, userId));
      }
      const escalated = await store.markCsmEscalated(ticketId, userId, now().toJSDate());
      if (!escalated) return { changed: false, ticket: await mustGet(ticketId) };
      await notifier.updateCard(escalated);
      await notifier.csmEscalated(escalated, userId, emailed);
      return { changed: true, ticket: escalated };
    },

    async linkIncident(ticketId: string, incident: { id: string; title: string }): Promise<Ticket> {
      const linked = await store.linkIncident(ticketId, incident);
      if (!linked) throw notFound('That ticket no longer exists.');
      await notifier.updateCard(linked);
      return linked;
    },

    listByIncident: (incidentId: string) => store.listByIncident(incidentId),
    listByRequester: (userId: string, limit?: number) => store.listByRequester(userId, limit),
    listOpen: (limit?: number) => store.listOpen(limit),
    listCreatedSince: (since: Date) => store.listCreatedSince(since),
  };
}
